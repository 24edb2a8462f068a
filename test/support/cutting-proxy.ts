// A loopback TCP proxy that can cut every connection through it at once, the way a
// flaky counter network or a kiosk's crash drops a staff app mid-stream.
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export class CuttingProxy {
  private readonly pairs = new Set<[Socket, Socket]>();
  cuts = 0;

  private constructor(private readonly server: Server) {}

  static async listen(targetPort: number): Promise<CuttingProxy> {
    const server = createServer();
    const proxy = new CuttingProxy(server);
    server.on('connection', (client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      const pair: [Socket, Socket] = [client, upstream];
      proxy.pairs.add(pair);
      const drop = () => {
        proxy.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      for (const socket of pair) {
        socket.on('error', drop);
        socket.on('close', drop);
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Drops every open connection without a WebSocket close frame. */
  cutAll(): void {
    for (const [client, upstream] of this.pairs) {
      this.cuts += 1;
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

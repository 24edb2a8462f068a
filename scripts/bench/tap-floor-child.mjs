// The floor of the tap-latency bench (tap-latency.ts), in a process of its own as the kiosk
// is: a page with one plain button that sends one WebSocket message on click; this server
// appends a line to a file with write + fdatasync (what the kiosk's ledger must do before it
// may signal) and then sends the staff client one message. Nothing else. Prints its port.
// Arguments: the file to append to.
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head>
<body><button id="ack" type="button" style="width:400px;height:120px">I understand</button>
<script>
const ws = new WebSocket(location.origin.replace('http', 'ws') + '/page');
let n = 0;
document.getElementById('ack').addEventListener('click', () => ws.send(JSON.stringify({ id: ++n, call: 'answer' })));
ws.onopen = () => document.body.dataset.ready = 'yes';
</script></body></html>`;

const file = await open(process.argv[2], 'a');
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(PAGE);
});
const wss = new WebSocketServer({ noServer: true });
let staff = null;
let seq = 0;
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    if (req.url === '/staff') {
      staff = ws;
      return;
    }
    ws.on('message', async (data) => {
      const { id } = JSON.parse(data.toString());
      seq += 1;
      await file.write(`${JSON.stringify({ seq, type: 'logging.start', id, ts: new Date().toISOString() })}\n`);
      await file.datasync();
      staff?.send(JSON.stringify({ type: 'event', event: { seq, type: 'logging.start' } }));
      ws.send(JSON.stringify({ type: 'result', id, result: { ok: true } }));
    });
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => {
  server.close();
  for (const client of wss.clients) client.terminate();
  void file.close().then(() => process.exit(0));
});

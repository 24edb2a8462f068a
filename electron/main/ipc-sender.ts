// IPC is answered only for frames showing the app's own origin.
import { isAppUrl } from './app-origin.js';

export interface IpcSenderEvent {
  readonly senderFrame: { readonly url: string } | null;
}

export function isAppSender(event: IpcSenderEvent): boolean {
  let url: string | undefined;
  try {
    // senderFrame is null (or may throw) once the frame navigated away or was destroyed.
    url = event.senderFrame?.url;
  } catch {
    return false;
  }
  return url !== undefined && isAppUrl(url);
}

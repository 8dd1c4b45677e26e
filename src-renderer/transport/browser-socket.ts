// Adapts the browser WebSocket to the small SocketLike the transport is written (and tested) against.
import type { SocketLike } from './websocket-transport';

export function openBrowserSocket(url: string): SocketLike {
  const ws = new WebSocket(url);
  const socket: SocketLike = {
    get readyState() {
      return ws.readyState;
    },
    send: (data) => ws.send(data),
    close: () => ws.close(),
    onopen: null,
    onclose: null,
    onmessage: null,
  };
  ws.onopen = () => socket.onopen?.();
  ws.onclose = (event) => socket.onclose?.({ code: event.code });
  ws.onmessage = (event) => socket.onmessage?.({ data: event.data });
  return socket;
}

// The agent websocket: live events, resumable after the last event id seen, and the
// channel messages are sent on. It reconnects with backoff until logged out.
import type { Message, ServerEvent } from '../api/types';
import { store } from '../state';

interface Handlers {
  onEvent: (e: ServerEvent) => void;
  // onReady runs after every (re)connection's catch-up; first tells the initial one.
  onReady: (first: boolean) => void;
  onResync: () => void;
  onAck: (clientId: string, message: Message | undefined) => void;
  onSendError: (clientId: string, code: string, message: string) => void;
  onRevoked: () => void;
  // onDropped runs when a connection ends unexpectedly, before the retry.
  onDropped: () => void;
}

const closeRevoked = 4001;
const maxBackoffMs = 15000;

let ws: WebSocket | null = null;
let handlers: Handlers | null = null;
let lastEventId = -1; // -1: no event seen yet, connect for live events only
let attempt = 0;
let retryTimer = 0;
let stopped = true;
let readyOnce = false;
let isReady = false;

export function startSocket(h: Handlers): void {
  handlers = h;
  stopped = false;
  readyOnce = false;
  lastEventId = -1;
  attempt = 0;
  connect();
}

export function stopSocket(): void {
  stopped = true;
  clearTimeout(retryTimer);
  const old = ws;
  ws = null;
  isReady = false;
  old?.close(1000);
}

export function socketReady(): boolean {
  return isReady && ws?.readyState === WebSocket.OPEN;
}

export function sendFrame(frame: object): boolean {
  if (!socketReady()) return false;
  ws!.send(JSON.stringify(frame));
  return true;
}

// seen records an event id and tells whether the event is new.
export function seen(id: number): boolean {
  if (id <= lastEventId) return false;
  lastEventId = id;
  return true;
}

function url(): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const since = lastEventId >= 0 ? `?since=${lastEventId}` : '';
  return `${proto}//${location.host}/api/v1/ws${since}`;
}

function connect(): void {
  if (stopped) return;
  const sock = new WebSocket(url());
  ws = sock;
  isReady = false;
  sock.onmessage = (m) => {
    if (ws === sock) handleFrame(String(m.data));
  };
  sock.onclose = (e) => {
    if (ws !== sock) return;
    ws = null;
    isReady = false;
    if (stopped) return;
    store.set({ conn: 'reconnecting' });
    if (e.code === closeRevoked) {
      stopped = true;
      handlers?.onRevoked();
      return;
    }
    handlers?.onDropped();
    scheduleReconnect();
  };
}

function scheduleReconnect(): void {
  // Exponential backoff with jitter, so that a restarted server is not hit by every
  // console at the same moment.
  const base = Math.min(maxBackoffMs, 500 * 2 ** attempt);
  attempt++;
  clearTimeout(retryTimer);
  retryTimer = window.setTimeout(connect, base / 2 + Math.random() * (base / 2));
}

function handleFrame(raw: string): void {
  let f: any;
  try {
    f = JSON.parse(raw);
  } catch {
    return;
  }
  switch (f.type) {
    case 'event':
      handlers?.onEvent(f.event as ServerEvent);
      break;
    case 'ready': {
      lastEventId = Math.max(lastEventId, Number(f.last_event_id) || 0);
      attempt = 0;
      isReady = true;
      store.set({ conn: 'online' });
      const first = !readyOnce;
      readyOnce = true;
      handlers?.onReady(first);
      break;
    }
    case 'resync':
      // The gap is too long to replay: take the id the server gives, reload what is
      // shown over REST, and reconnect (the server closes this connection).
      lastEventId = Number(f.last_event_id) || 0;
      handlers?.onResync();
      break;
    case 'ack':
      handlers?.onAck(f.client_id, f.data?.message as Message | undefined);
      break;
    case 'error':
      if (f.client_id) handlers?.onSendError(f.client_id, f.error?.code ?? 'internal', f.error?.message ?? '');
      break;
  }
}

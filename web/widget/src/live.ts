// The visitor's websocket: it resumes from the last event id after every drop,
// with a growing delay, so that no event is missed or seen twice.

import type { ServerEvent } from "./types";

export interface LiveHandlers {
  ready(): void;
  event(e: ServerEvent): void;
  ack(clientID: string, data: unknown): void;
  refused(clientID: string, code: string, message: string): void;
  state(online: boolean): void;
  resync(): void;
}

export class Live {
  private ws: WebSocket | null = null;
  private lastID = -1; // none yet: the first connection asks for live events only
  private attempt = 0;
  private isReady = false; // between "ready" and the connection's end: frames may be sent
  private timer = 0;

  constructor(
    private readonly url: string,
    private readonly on: LiveHandlers,
  ) {}

  get open(): boolean {
    return this.isReady && this.ws?.readyState === WebSocket.OPEN;
  }

  connect(): void {
    const since = this.lastID >= 0 ? `&since=${this.lastID}` : "";
    const ws = new WebSocket(this.url + since);
    this.ws = ws;
    ws.onmessage = (m) => this.frame(JSON.parse(m.data));
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.isReady = false;
      this.on.state(false);
      this.retry();
    };
  }

  send(frame: object): boolean {
    if (!this.open) return false;
    this.ws!.send(JSON.stringify(frame));
    return true;
  }

  // retry waits 0.5 s, 1 s, 2 s … up to 15 s, with jitter so that a restarted
  // server is not met by every widget at the same instant.
  private retry(): void {
    const delay = Math.min(15000, 500 * 2 ** this.attempt) * (0.75 + Math.random() / 2);
    this.attempt++;
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.connect(), delay);
  }

  private frame(f: any): void {
    switch (f.type) {
      case "event":
        if (typeof f.event.id === "number" && f.event.id > 0) this.lastID = f.event.id;
        this.on.event(f.event);
        break;
      case "ready":
        this.lastID = f.last_event_id;
        this.attempt = 0;
        this.isReady = true;
        this.on.state(true);
        this.on.ready();
        break;
      case "ack":
        this.on.ack(f.client_id, f.data);
        break;
      case "error":
        if (f.client_id) this.on.refused(f.client_id, f.error?.code || "", f.error?.message || "");
        break;
      case "resync":
        // The gap was too long to replay: reload over REST, continue from the id given.
        this.lastID = f.last_event_id;
        this.on.resync();
        break;
    }
  }
}

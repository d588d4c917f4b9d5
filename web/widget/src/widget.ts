// The widget's behaviour: the session, the history, live events, sending with
// acknowledgements, files, typing and the unread count.

import { Api, ApiError } from "./api";
import { FileViews } from "./files";
import { t } from "./i18n";
import { Live } from "./live";
import { messageView, pendingView } from "./messages";
import { frame, Outbox, type Pending } from "./outbox";
import { Store } from "./storage";
import type { FileInfo, Message, ServerEvent, Session } from "./types";
import { View } from "./view";
import { randomID } from "./dom";

const typingEvery = 3000; // ms between two typing notices while the visitor types
const typingShown = 6000; // ms an agent's typing indicator stays without a new notice

export class Widget {
  private readonly api: Api;
  private readonly store: Store;
  private readonly outbox: Outbox;
  private readonly view: View;
  private readonly files: FileViews;
  private session!: Session;
  private live!: Live;
  private messages = new Map<string, Message>();
  private elements = new Map<string, HTMLElement>();
  private unread = 0;
  private historyLoaded = false;
  private lastTyping = 0;
  private typingTimer = 0;

  constructor(
    origin: string,
    private readonly key: string,
    root: ShadowRoot,
  ) {
    this.api = new Api(origin);
    this.store = new Store(key);
    this.outbox = new Outbox(this.store);
    this.files = new FileViews(this.api, root);
    this.view = new View(root, {
      toggle: () => this.setOpen(this.view.panel.hidden),
      send: (text) => this.send(text, []),
      typing: () => this.typing(),
      attach: (files) => files.forEach((f) => this.attach(f)),
      prechat: (values) => this.prechat(values),
    });
  }

  async start(attempt = 0): Promise<void> {
    try {
      this.session = await this.api.startSession(this.key, this.store.get("token"));
    } catch (e) {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) return; // a wrong or switched-off key: no widget
      setTimeout(() => this.start(attempt + 1), Math.min(30000, 1000 * 2 ** attempt));
      return;
    }
    this.api.token = this.session.token;
    this.store.set("token", this.session.token);
    this.view.setWelcome(this.session.channel.welcome_message);
    const fields = this.session.channel.prechat_fields || [];
    if (fields.length && !this.store.get("prechat") && !this.session.chat) this.view.showPrechat(fields);
    this.render();
    this.view.launcher.hidden = false;
    this.setOpen(this.store.get("open") === "1");
    const ws = this.api.origin.replace(/^http/, "ws") + "/api/v1/widget/ws?token=" + encodeURIComponent(this.session.token);
    this.live = new Live(ws, {
      ready: () => this.ready(),
      event: (e) => this.event(e),
      ack: (id, data) => this.acked(id, (data as { message?: Message })?.message),
      refused: (id, code) => this.refused(id, code),
      state: (online) => this.view.setOnline(online),
      resync: () => this.loadHistory(),
    });
    this.live.connect();
  }

  private setOpen(open: boolean): void {
    this.view.setOpen(open);
    this.store.set("open", open ? "1" : "");
    if (open) {
      this.unread = 0;
      this.view.setUnread(0);
      this.view.input.focus();
    }
  }

  // ready follows every (re)connection: the history is read once the live
  // stream is in place, so nothing falls between the two (and again after a
  // failed read); unacknowledged messages are sent again with their client_id.
  private ready(): void {
    if (!this.historyLoaded) this.loadHistory();
    for (const p of this.outbox.all()) this.live.send(frame(p));
  }

  private async loadHistory(): Promise<void> {
    try {
      const chats = await this.api.chats();
      const pages = await Promise.all(chats.map((c) => this.api.messages(c.id)));
      for (const m of pages.flat()) this.messages.set(messageKey(m), m);
      this.historyLoaded = true;
      this.render();
    } catch {
      this.view.showError(t.errNetwork);
    }
  }

  private event(e: ServerEvent): void {
    if (e.kind === "message.created") {
      const m = e.data as Message;
      if (this.add(m) && m.author.kind !== "contact" && this.view.panel.hidden) this.view.setUnread(++this.unread);
      if (m.author.kind === "agent") this.setAgentTyping(false);
    } else if (e.kind === "typing") {
      const d = e.data as { actor?: { kind: string } };
      if (d.actor?.kind === "agent") this.setAgentTyping(true);
    }
  }

  // add records a message and says whether it was new.
  private add(m: Message): boolean {
    const known = this.messages.has(messageKey(m));
    this.messages.set(messageKey(m), m);
    if (m.client_id) this.outbox.remove(m.client_id);
    this.render();
    return !known;
  }

  private acked(clientID: string, m: Message | undefined): void {
    this.outbox.remove(clientID);
    if (m) this.add(m);
    else this.render();
  }

  // refused drops a message the server will never take, and gives its text
  // back to the composer so that it is not lost.
  private refused(clientID: string, code: string): void {
    const p = this.outbox.all().find((x) => x.client_id === clientID);
    if (!p) return;
    this.outbox.remove(clientID);
    this.view.showError(code === "too_large" ? t.errTooLarge : code === "unsupported_type" ? t.errType : t.errRefused);
    if (p.text && !this.view.input.value) this.view.input.value = p.text;
    this.render();
  }

  private setAgentTyping(on: boolean): void {
    clearTimeout(this.typingTimer);
    this.view.setTyping(on);
    if (on) this.typingTimer = window.setTimeout(() => this.view.setTyping(false), typingShown);
  }

  private send(text: string, files: FileInfo[]): void {
    const p: Pending = { client_id: randomID(), text, files };
    this.outbox.add(p);
    this.render();
    this.live.send(frame(p)); // when offline, sent on the next "ready"
  }

  private typing(): void {
    const now = Date.now();
    if (now - this.lastTyping < typingEvery) return;
    this.lastTyping = now;
    this.live.send({ type: "typing" });
  }

  private async attach(file: File): Promise<void> {
    const max = this.session.limits?.max_file_bytes;
    if (max && file.size > max) return this.view.showError(t.errTooLarge);
    try {
      this.send("", [await this.api.upload(file)]);
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 0;
      this.view.showError(status === 413 ? t.errTooLarge : status === 415 ? t.errType : status === 0 ? t.errNetwork : t.errRefused);
    }
  }

  private async prechat(values: Record<string, string>): Promise<void> {
    try {
      await this.api.sendFields(values);
      this.store.set("prechat", "1");
      this.view.showComposer();
      this.view.input.focus();
    } catch (e) {
      this.view.showError(e instanceof ApiError && e.status === 0 ? t.errNetwork : t.errRefused);
    }
  }

  // render lays out the messages in chat and sequence order, then the pending ones.
  private render(): void {
    const sorted = [...this.messages.values()]
      .filter((m) => m.kind !== "welcome") // the greeting is shown at the top already
      .sort((a, b) => chatOrder(a) - chatOrder(b) || a.seq - b.seq || a.created_at.localeCompare(b.created_at));
    const keep = new Map<string, HTMLElement>();
    const els = sorted.map((m) => this.element(keep, messageKey(m), () => messageView(m, this.files)));
    for (const p of this.outbox.all()) {
      if (!sorted.some((m) => m.client_id === p.client_id)) els.push(this.element(keep, "p" + p.client_id, () => pendingView(p)));
    }
    this.elements = keep;
    this.view.setMessages(els);
  }

  private element(keep: Map<string, HTMLElement>, key: string, make: () => HTMLElement): HTMLElement {
    const el = this.elements.get(key) || make();
    keep.set(key, el);
    return el;
  }
}

// messageKey names a message: by its id, or, for one the server kept without a
// chat (id 0), by the client id it was sent with.
function messageKey(m: Message): string {
  return m.id ? "m" + m.id : "c" + (m.client_id ?? "");
}

// chatOrder places a message's chat; one kept without a chat comes last, as it is newer than any.
function chatOrder(m: Message): number {
  return m.chat_id || Number.MAX_SAFE_INTEGER;
}

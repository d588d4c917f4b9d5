// What an agent typed in a chat's reply box and did not send is kept on the
// server as a draft (R2.10), saved as the agent pauses and when the page is left.
import { api } from '../api/client';
import type { Draft } from '../api/types';

// How long typing must pause before the draft is saved.
const draftDelayMs = 700;

// Drafts as last typed here, so that switching back to a chat shows its draft at
// once, before the server's copy arrives.
export const localDrafts = new Map<number, string>();

// DraftSaver writes one chat's draft to the server: debounced, one request at a
// time so that they land in order, and skipping text the server holds already.
export class DraftSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<void> = Promise.resolve();
  saved: string | null = null; // what the server holds, null when unknown
  pending: string | null = null; // typed and waiting for the pause
  writes = 0; // saves started, to tell whether the server's copy may be older than ours
  inflight = 0;

  constructor(private chatId: number) {}

  // idle says that nothing typed here waits to be saved or is on its way.
  idle(): boolean {
    return this.pending === null && this.inflight === 0;
  }

  later(text: string) {
    this.pending = text;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), draftDelayMs);
  }

  flush() {
    clearTimeout(this.timer);
    const text = this.pending;
    this.pending = null;
    if (text === null || text === this.saved) return;
    this.saved = text;
    this.writes++;
    this.inflight++;
    this.chain = this.chain.then(() =>
      api.put<Draft>(`/api/v1/chats/${this.chatId}/draft`, { text }).then(
        () => {
          this.inflight--;
        },
        () => {
          this.inflight--;
          this.saved = null; // try again with the next change
        },
      ),
    );
  }

  // sent forgets the draft: the server deleted it with the message, but a save
  // still on its way could bring it back, so an empty one follows it.
  sent() {
    clearTimeout(this.timer);
    this.pending = null;
    if (this.saved !== '' && this.saved !== null) {
      this.pending = '';
      this.flush();
    }
    this.saved = '';
  }
}

const savers = new Map<number, DraftSaver>();

export function saverOf(chatId: number): DraftSaver {
  let s = savers.get(chatId);
  if (!s) {
    s = new DraftSaver(chatId);
    savers.set(chatId, s);
  }
  return s;
}

// Open reply boxes follow their drafts as saved on the agent's other devices.
const followers = new Map<number, (d: Draft) => void>();

// followDraft makes fn hear of the chat's draft saved elsewhere, until the returned function is called.
export function followDraft(chatId: number, fn: (d: Draft) => void): () => void {
  followers.set(chatId, fn);
  return () => {
    if (followers.get(chatId) === fn) followers.delete(chatId);
  };
}

// onDraftUpdated follows draft.updated, which the server sends to the draft's
// agent alone (this tab's own saves come back too). An open box decides for
// itself; a closed one shows the new text when opened, unless this tab has
// text of its own still to save.
export function onDraftUpdated(d: Draft): void {
  const follower = followers.get(d.chat_id);
  if (follower) {
    follower(d);
    return;
  }
  const saver = savers.get(d.chat_id);
  if (saver && !saver.idle()) return;
  if (saver) saver.saved = d.text;
  if (d.text) localDrafts.set(d.chat_id, d.text);
  else localDrafts.delete(d.chat_id);
}

// A page being left saves what waits for the pause.
window.addEventListener('pagehide', () => savers.forEach((s) => s.flush()));

// Sending messages over the websocket. A message stays pending, shown greyed, until
// its ack (or its own message.created event) arrives; after a reconnect every pending
// message is sent again with the same client_id, which the server deduplicates, so
// nothing is lost or doubled.
import { t } from '../i18n';
import { uuid } from '../uuid';
import type { FileInfo, Message } from '../api/types';
import { mergeMessages, store, type Pending } from '../state';
import { sendFrame, socketReady } from './socket';
import { toast } from './toast';

const storageKey = 'parley.pending';

// The pending messages survive a page reload in this tab.
function persist(): void {
  try {
    sessionStorage.setItem(storageKey, JSON.stringify(store.get().pending));
  } catch {
    // Storage may be full or disabled; pending messages then live in memory only.
  }
}

export function forgetPending(): void {
  try {
    sessionStorage.removeItem(storageKey);
  } catch {
    // Nothing to forget.
  }
}

export function restorePending(): void {
  try {
    const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? '[]') as Pending[];
    if (Array.isArray(saved) && saved.length) store.set({ pending: saved });
  } catch {
    // Nothing usable was stored.
  }
}

function transmit(p: Pending): void {
  sendFrame({ type: 'message', client_id: p.client_id, chat_id: p.chat_id, text: p.text, file_ids: p.file_ids });
}

export function sendMessage(chatId: number, text: string, files: FileInfo[]): void {
  const p: Pending = {
    client_id: uuid(),
    chat_id: chatId,
    text,
    file_ids: files.map((f) => f.id),
    files,
    created_at: new Date().toISOString(),
  };
  store.set((s) => ({ pending: [...s.pending, p] }));
  persist();
  if (socketReady()) transmit(p);
}

// resendPending runs after each (re)connection.
export function resendPending(): void {
  for (const p of store.get().pending) if (!p.failed) transmit(p);
}

export function ackPending(clientId: string, m: Message | undefined): void {
  store.set((s) => {
    const out: Partial<typeof s> = { pending: s.pending.filter((p) => p.client_id !== clientId) };
    if (m) {
      out.lastMessage = (s.lastMessage[m.chat_id]?.seq ?? 0) > m.seq ? s.lastMessage : { ...s.lastMessage, [m.chat_id]: m };
      if (s.messages[m.chat_id]) out.messages = { ...s.messages, [m.chat_id]: mergeMessages(s.messages[m.chat_id], [m]) };
    }
    return out;
  });
  persist();
}

export function failPending(clientId: string, message: string): void {
  const known = store.get().pending.some((p) => p.client_id === clientId);
  if (!known) return;
  store.set((s) => ({ pending: s.pending.map((p) => (p.client_id === clientId ? { ...p, failed: message || 'error' } : p)) }));
  persist();
  toast(t('err.sendFailed', { message }));
}

export function retryPending(clientId: string): void {
  store.set((s) => ({ pending: s.pending.map((p) => (p.client_id === clientId ? { ...p, failed: undefined } : p)) }));
  persist();
  const p = store.get().pending.find((x) => x.client_id === clientId);
  if (p && socketReady()) transmit(p);
}

export function discardPending(clientId: string): void {
  store.set((s) => ({ pending: s.pending.filter((p) => p.client_id !== clientId) }));
  persist();
}

const typingEveryMs = 3000;
let lastTyping = 0;
let lastTypingChat = 0;

// sendTyping tells the visitor the agent is typing, at most every few seconds.
export function sendTyping(chatId: number): void {
  const now = Date.now();
  if (chatId === lastTypingChat && now - lastTyping < typingEveryMs) return;
  lastTyping = now;
  lastTypingChat = chatId;
  sendFrame({ type: 'typing', chat_id: chatId });
}

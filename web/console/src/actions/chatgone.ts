// Chats that leave the agent's view (a topic they may not see, a participation
// ended, a deletion for good): removed from every list, and closed with a short
// notice when on screen.
import { ApiError, api } from '../api/client';
import type { Chat } from '../api/types';
import { t, type Key } from '../i18n';
import { store, upsertChat } from '../state';
import { showError, toast } from './toast';

export function forgetChat(id: number, notice: Key): void {
  const open = store.get().selected === id;
  store.set((s) => ({
    chats: without(s.chats, id),
    lastMessage: without(s.lastMessage, id),
    messages: without(s.messages, id),
    unread: without(s.unread, id),
    offers: without(s.offers, id),
    participants: without(s.participants, id),
    typing: without(s.typing, id),
    ...(open ? { selected: null, transfer: null } : {}),
  }));
  if (open) toast(t(notice), 'info');
}

function without<T>(byId: Record<number, T>, id: number): Record<number, T> {
  if (!(id in byId)) return byId;
  const out = { ...byId };
  delete out[id];
  return out;
}

// recheckChat reads a chat again after a change that may have taken it out of
// the agent's view: gone, it is forgotten; still seen, it is kept up to date.
export async function recheckChat(id: number, notice: Key): Promise<void> {
  try {
    const c = await api.get<Chat>(`/api/v1/chats/${id}`);
    store.set((s) => ({ chats: upsertChat(s.chats, c) }));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) forgetChat(id, notice);
    else showError(err);
  }
}

// keepChat stores a chat an answer brought back, when the answer is one.
export function keepChat(res: unknown): void {
  const c = res as Chat | undefined;
  if (c && typeof c === 'object' && typeof c.id === 'number' && typeof c.version === 'number') {
    store.set((s) => ({ chats: upsertChat(s.chats, c) }));
  }
}

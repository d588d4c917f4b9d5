// Opening a chat and what an agent does with it: accept, decline, end.
import { t } from '../i18n';
import { api } from '../api/client';
import type { Chat, ChatContact, MessagePage } from '../api/types';
import { mergeMessages, store, upsertChat, type ListName } from '../state';
import { newestSeq } from './lists';
import { markRead } from './reads';
import { showError } from './toast';

const historyPage = 50;

export function selectChat(id: number | null): void {
  store.set({ selected: id, view: 'chats' });
  if (!id) return;
  if (store.get().unread[id]) markRead(id);
  const s = store.get();
  const c = s.chats[id];
  // The chat's own list comes up, unless the agent is looking at a list of every kind.
  if (c && s.list !== 'all' && s.list !== 'others') store.set({ list: listOf(c) });
  if (!s.messages[id]) void loadHistory(id, false);
  if (!s.contacts[id]) void loadContact(id);
  if (!c) void loadChat(id);
}

export function listOf(c: Chat): ListName {
  if (c.deleted_at) return 'deleted';
  if (c.state === 'completed') return 'closed';
  if (c.state === 'in_progress') return 'my';
  return 'new';
}

async function loadChat(id: number): Promise<void> {
  try {
    const c = await api.get<Chat>(`/api/v1/chats/${id}`);
    store.set((s) => ({ chats: upsertChat(s.chats, c) }));
  } catch (err) {
    showError(err);
  }
}

// loadHistory reads the newest page of a chat; refresh merges it into what is shown.
export async function loadHistory(id: number, refresh: boolean): Promise<void> {
  try {
    const page = await api.get<MessagePage>(`/api/v1/chats/${id}/messages?before=${newestSeq}&limit=${historyPage}`);
    store.set((s) => ({
      messages: { ...s.messages, [id]: mergeMessages(refresh ? s.messages[id] : undefined, page.messages) },
      olderAvailable: refresh && s.olderAvailable[id] === false ? s.olderAvailable : { ...s.olderAvailable, [id]: olderExist(page) },
    }));
  } catch (err) {
    showError(err);
  }
}

function olderExist(page: MessagePage): boolean {
  return page.messages.length >= historyPage && page.messages[0].seq > 1;
}

export async function loadOlder(id: number): Promise<void> {
  const first = store.get().messages[id]?.[0];
  if (!first) return;
  try {
    const page = await api.get<MessagePage>(`/api/v1/chats/${id}/messages?before=${first.seq}&limit=${historyPage}`);
    store.set((s) => ({
      messages: { ...s.messages, [id]: mergeMessages(s.messages[id], page.messages) },
      olderAvailable: { ...s.olderAvailable, [id]: olderExist(page) },
    }));
  } catch (err) {
    showError(err);
  }
}

export async function loadContact(id: number): Promise<void> {
  try {
    const cc = await api.get<ChatContact>(`/api/v1/chats/${id}/contact`);
    store.set((s) => ({ contacts: { ...s.contacts, [id]: cc } }));
  } catch {
    // The panel shows what the chat itself says.
  }
}

function dropOffer(id: number): void {
  store.set((s) => {
    const offers = { ...s.offers };
    delete offers[id];
    return { offers };
  });
}

export async function accept(id: number): Promise<void> {
  try {
    const c = await api.post<Chat>(`/api/v1/chats/${id}/accept`);
    store.set((s) => ({ chats: upsertChat(s.chats, c) }));
    dropOffer(id);
    selectChat(id);
  } catch (err) {
    dropOffer(id);
    showError(err);
  }
}

export async function decline(id: number): Promise<void> {
  dropOffer(id);
  if (store.get().selected === id) store.set({ selected: null });
  try {
    await api.post(`/api/v1/chats/${id}/decline`);
  } catch (err) {
    showError(err);
  }
}

export function openOffer(id: number): void {
  selectChat(id);
}

// confirmEnd asks before completing a chat (R2.5).
export function confirmEnd(id: number): void {
  store.set({
    confirm: {
      title: t('confirm.endTitle'),
      text: t('confirm.endText'),
      ok: t('confirm.ok'),
      onOk: () => void complete(id),
    },
  });
}

async function complete(id: number): Promise<void> {
  try {
    const c = await api.post<Chat>(`/api/v1/chats/${id}/complete`);
    store.set((s) => ({ chats: upsertChat(s.chats, c) }));
  } catch (err) {
    showError(err);
  }
}

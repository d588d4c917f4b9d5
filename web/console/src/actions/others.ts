// A supervisor's Others list (R2.7): one chosen agent's chats, read from the
// server, since the lists hold only what concerns the supervisor's own work.
import { api } from '../api/client';
import type { ChatPage } from '../api/types';
import { store, upsertChat } from '../state';
import { showError } from './toast';

export async function showOthers(agentId: number): Promise<void> {
  if (!agentId) {
    store.set({ others: null });
    return;
  }
  try {
    const page = await api.get<ChatPage>(`/api/v1/chats?owner=${agentId}&limit=200`);
    store.set((s) => {
      let chats = s.chats;
      for (const c of page.chats) chats = upsertChat(chats, c);
      return { chats, unread: { ...s.unread, ...page.unread }, others: { agentId, ids: page.chats.map((c) => c.id) } };
    });
  } catch (err) {
    showError(err);
  }
}

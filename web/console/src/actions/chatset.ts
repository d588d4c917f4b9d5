// A set of chats read from the server for a view beside the lists (one
// contact's, one agent's): they join the known chats, with their unread counts,
// and the view keeps their ids in the server's order.
import { api } from '../api/client';
import type { ChatPage } from '../api/types';
import { store, upsertChat, type AppState } from '../state';
import { participationOf } from './participants';

export async function loadChatSet(query: string, view: (ids: number[]) => Partial<AppState>): Promise<void> {
  const page = await api.get<ChatPage>(`/api/v1/chats?${query}&limit=200`);
  store.set((s) => {
    let chats = s.chats;
    for (const c of page.chats) chats = upsertChat(chats, c);
    return { chats, unread: { ...s.unread, ...page.unread }, participants: participationOf(s.participants, page), ...view(page.chats.map((c) => c.id)) };
  });
}

// One contact's chats, from every channel, in place of the lists (R2.19); one
// click puts the lists back.
import { api } from '../api/client';
import type { ChatPage } from '../api/types';
import { store, upsertChat } from '../state';
import { showError } from './toast';

export async function showContactChats(contactId: number, name: string): Promise<void> {
  try {
    const page = await api.get<ChatPage>(`/api/v1/chats?contact=${contactId}&limit=200`);
    store.set((s) => {
      let chats = s.chats;
      for (const c of page.chats) chats = upsertChat(chats, c);
      return {
        chats,
        unread: { ...s.unread, ...page.unread },
        contactChats: { contactId, name, ids: page.chats.map((c) => c.id) },
      };
    });
  } catch (err) {
    showError(err);
  }
}

export function resetContactChats(): void {
  store.set({ contactChats: null });
}

// The Deleted list (R2.18): read from the server a page at a time, as the other
// lists never hold deleted chats.
import { api } from '../api/client';
import type { ChatPage } from '../api/types';
import { store, upsertChat } from '../state';
import { participationOf } from './participants';
import { showError } from './toast';

const deletedPage = 50;

// loadDeleted reads the newest page, or with more the page after those loaded.
export async function loadDeleted(more = false): Promise<void> {
  const before = more ? store.get().deletedNext : 0;
  if (more && !before) return;
  try {
    const page = await api.get<ChatPage>(`/api/v1/chats?deleted=true&limit=${deletedPage}${before ? `&before=${before}` : ''}`);
    store.set((s) => {
      let chats = s.chats;
      for (const c of page.chats) chats = upsertChat(chats, c);
      return { chats, deletedNext: page.next ?? 0, unread: { ...s.unread, ...page.unread }, participants: participationOf(s.participants, page) };
    });
  } catch (err) {
    showError(err);
  }
}

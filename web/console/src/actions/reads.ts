// Unread messages and the lists' counts: read markers kept on the server, so that
// every console of an agent agrees, and counts the lists cannot give by themselves
// (only part of the closed chats is loaded).
import { api } from '../api/client';
import type { ListCounts, ReadMark } from '../api/types';
import { myId, store } from '../state';

// markRead tells the server I have read the chat to its end, and clears its mark here.
export function markRead(chatId: number): void {
  clearUnread(chatId);
  api.post<ReadMark>(`/api/v1/chats/${chatId}/read`).catch(() => {
    // The mark is cleared here either way; the next reload shows the server's view.
  });
}

export function clearUnread(chatId: number): void {
  if (!store.get().unread[chatId]) return;
  store.set((s) => {
    const unread = { ...s.unread };
    delete unread[chatId];
    return { unread };
  });
}

// addUnread counts one more unread message in a chat.
export function addUnread(chatId: number): void {
  store.set((s) => ({ unread: { ...s.unread, [chatId]: (s.unread[chatId] ?? 0) + 1 } }));
}

// onRead applies chat.read: my other console read the chat.
export function onRead(mark: ReadMark): void {
  if (mark.agent_id === myId()) clearUnread(mark.chat_id);
}

let countsTimer: ReturnType<typeof setTimeout> | undefined;

// refreshCounts reads the counts again, at most once per second and a half
// however many events ask for it.
export function refreshCounts(): void {
  if (countsTimer) return;
  countsTimer = setTimeout(() => {
    countsTimer = undefined;
    api
      .get<ListCounts>('/api/v1/chats/counts')
      .then((counts) => store.set({ counts }))
      .catch(() => {
        // Counts are a convenience: the lists themselves stay right without them.
      });
  }, 1500);
}

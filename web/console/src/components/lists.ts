// Which chats each list shows, in its order.
import type { Chat } from '../api/types';
import type { ListName } from '../state';

export function listChats(chats: Record<number, Chat>, me: number, queues: number[]): Record<ListName, Chat[]> {
  const all = Object.values(chats);
  const byNewest = (a: Chat, b: Chat) => b.id - a.id;
  return {
    // Waiting chats I may see: offered to me or waiting in my queues; the oldest first,
    // as they have waited longest.
    new: all
      .filter((c) => c.state === 'waiting' && (c.offered_to === me || queues.includes(c.queue_id)))
      .sort((a, b) => a.id - b.id),
    my: all.filter((c) => c.state === 'in_progress' && c.owner_id === me).sort(byNewest),
    // Every chat loaded: the open ones all, the closed ones as far as loaded.
    all: [...all].sort(byNewest),
    // A supervisor's chosen agent's chats come from the server (OthersList).
    others: [],
    closed: all
      .filter((c) => c.state === 'completed')
      .sort((a, b) => (b.completed_at ?? b.updated_at).localeCompare(a.completed_at ?? a.updated_at) || byNewest(a, b)),
  };
}

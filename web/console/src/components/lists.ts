// Which chats each list shows, in its order.
import type { Chat } from '../api/types';
import type { ListName } from '../state';

// ListViewer is who looks at the lists: what decides which chats are theirs.
export interface ListViewer {
  me: number;
  queues: number[];
  participants: Record<number, number[]>;
  // unread counts the contact's messages I have not read, by chat.
  unread: Record<number, number>;
  // room, when set, keeps the chats of that room's queues (queueRooms).
  room: number | null;
  queueRooms: Record<number, number>;
}

export function listChats(chats: Record<number, Chat>, v: ListViewer): Record<ListName, Chat[]> {
  const every = inRoom(Object.values(chats), v.room, v.queueRooms);
  // Deleted chats show under Deleted alone (R2.18).
  const all = every.filter((c) => !c.deleted_at);
  const byNewest = (a: Chat, b: Chat) => b.id - a.id;
  return {
    // Waiting chats I may see: offered to me or waiting in my queues; the oldest first,
    // as they have waited longest.
    new: all
      .filter((c) => c.state === 'waiting' && (c.offered_to === v.me || v.queues.includes(c.queue_id)))
      .sort((a, b) => a.id - b.id),
    my: all.filter((c) => c.state === 'in_progress' && (c.owner_id === v.me || takesPart(c, v))).sort(byNewest),
    // Every chat loaded: the open ones all, the closed ones as far as loaded.
    all: [...all].sort(byNewest),
    // Chats with messages I have not read, the latest message first (R2.7).
    unread: all
      .filter((c) => (v.unread[c.id] ?? 0) > 0)
      .sort((a, b) => (b.last_message_at ?? '').localeCompare(a.last_message_at ?? '') || byNewest(a, b)),
    // A supervisor's chosen agent's chats come from the server (OthersList).
    others: [],
    closed: all
      .filter((c) => c.state === 'completed')
      .sort((a, b) => (b.completed_at ?? b.updated_at).localeCompare(a.completed_at ?? a.updated_at) || byNewest(a, b)),
    deleted: every
      .filter((c) => !!c.deleted_at)
      .sort((a, b) => b.deleted_at!.localeCompare(a.deleted_at!) || byNewest(a, b)),
  };
}

// takesPart says whether I am a participant of another's chat (R2.14), as the
// server marked it on the chat's page or a chat.participants event said.
function takesPart(c: Chat, v: ListViewer): boolean {
  return v.participants[c.id]?.includes(v.me) ?? false;
}

// inRoom keeps the chats of the picked room's queues; every chat when none is picked.
export function inRoom<T extends { queue_id: number }>(chats: T[], room: number | null, queueRooms: Record<number, number>): T[] {
  return room === null ? chats : chats.filter((c) => queueRooms[c.queue_id] === room);
}

// Custom chat statuses (R2.17): each room's list, open or closed in kind, read
// once per session with the queues' rooms, and setting an open chat's status.
// While a chat's status is closed in kind, its owner, topic, transfer and
// participants stay as they are.
import { api } from '../api/client';
import type { Chat, ChatStatus, Queue } from '../api/types';
import { store } from '../state';
import { keepChat } from './chatgone';
import { showError } from './toast';
import { sortByPosition } from './topics';

export function loadChatStatuses(): void {
  Promise.all([api.list<ChatStatus>('/api/v1/chat-statuses'), api.list<Queue>('/api/v1/queues')])
    .then(([statuses, queues]) =>
      store.set({
        chatStatuses: sortByPosition(statuses),
        queueRooms: Object.fromEntries(queues.map((q) => [q.id, q.room_id])),
      }),
    )
    .catch(showError);
}

// roomStatuses are the statuses a chat may take: those of its queue's room.
export function roomStatuses(chat: Chat, statuses: ChatStatus[], queueRooms: Record<number, number>): ChatStatus[] {
  const room = queueRooms[chat.queue_id];
  return statuses.filter((s) => s.room_id === room);
}

// closedStatus is the chat's status when it is closed in kind.
export function closedStatus(chat: Chat, statuses: ChatStatus[]): ChatStatus | undefined {
  if (!chat.status_id) return undefined;
  const st = statuses.find((s) => s.id === chat.status_id);
  return st?.kind === 'closed' ? st : undefined;
}

export async function setChatStatus(chatId: number, statusId: number): Promise<void> {
  try {
    keepChat(await api.post(`/api/v1/chats/${chatId}/status`, { status_id: statusId }));
  } catch (err) {
    showError(err);
  }
}

// Whether a chat is held by a closed-kind status (R2.17), and the words saying
// why its owner, topic, transfer and participants cannot change meanwhile.
import { closedStatus } from '../actions/chatstatus';
import type { Chat } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';

// useChatLock gives the reason the chat is locked, or undefined when it is not.
export function useChatLock(chat: Chat): string | undefined {
  const statuses = store.use((s) => s.chatStatuses);
  const closed = closedStatus(chat, statuses);
  return closed ? t('chatStatus.locked', { name: closed.name }) : undefined;
}

// useTakesPart says whether I am one of the chat's participants (R2.14).
export function useTakesPart(chatId: number): boolean {
  return store.use((s) => !!s.participants[chatId]?.includes(s.me?.agent.id ?? 0));
}

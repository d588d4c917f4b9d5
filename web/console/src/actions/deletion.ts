// Deleting a chat to the Deleted list, restoring it and deleting it for good
// (R2.18), each a right of its own, and the events that move chats between
// Deleted and the other lists.
import { api } from '../api/client';
import type { Chat } from '../api/types';
import { t } from '../i18n';
import { store, upsertChat } from '../state';
import { forgetChat, keepChat } from './chatgone';
import { seesDeleted } from './rights';
import { showError } from './toast';

export function confirmDelete(chatId: number): void {
  store.set({
    confirm: { title: t('deletion.deleteTitle'), text: t('deletion.deleteText'), ok: t('deletion.delete'), onOk: () => void deleteChat(chatId) },
  });
}

export function confirmPurge(chatId: number): void {
  store.set({
    confirm: { title: t('deletion.purgeTitle'), text: t('deletion.purgeText'), ok: t('deletion.purge'), onOk: () => void purgeChat(chatId) },
  });
}

async function deleteChat(chatId: number): Promise<void> {
  try {
    keepChat(await api.post(`/api/v1/chats/${chatId}/delete`));
  } catch (err) {
    showError(err);
  }
}

export async function restoreChat(chatId: number): Promise<void> {
  try {
    keepChat(await api.post(`/api/v1/chats/${chatId}/restore`));
  } catch (err) {
    showError(err);
  }
}

async function purgeChat(chatId: number): Promise<void> {
  try {
    await api.del(`/api/v1/chats/${chatId}`);
    forgetChat(chatId, 'deletion.purged');
  } catch (err) {
    showError(err);
  }
}

// onDeleted moves the chat to Deleted, or out of sight for an agent without the list.
export function onDeleted(c: Chat): void {
  if (seesDeleted(store.get().me?.agent)) store.set((s) => ({ chats: upsertChat(s.chats, c) }));
  else forgetChat(c.id, 'deletion.deleted');
}

// onRestored puts the chat back among the others.
export function onRestored(c: Chat): void {
  store.set((s) => ({ chats: upsertChat(s.chats, c) }));
}

export function onPurged(chatId: number): void {
  forgetChat(chatId, 'deletion.purged');
}

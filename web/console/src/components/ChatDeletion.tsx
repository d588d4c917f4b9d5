// The open chat's Delete, Restore and Delete for good (R2.18), each shown to
// those with its right.
import { confirmDelete, confirmPurge, restoreChat } from '../actions/deletion';
import { hasRight } from '../actions/rights';
import type { Chat } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';

export function ChatDeletion({ chat }: { chat: Chat }) {
  const me = store.use((s) => s.me?.agent);
  if (!chat.deleted_at) {
    if (!hasRight(me, 'delete_chats')) return null;
    return (
      <button class="btn btn-danger-outline" data-testid="chat-delete" onClick={() => confirmDelete(chat.id)}>
        {t('deletion.delete')}
      </button>
    );
  }
  return (
    <>
      {hasRight(me, 'restore_chats') && (
        <button class="btn btn-ghost" data-testid="chat-restore" onClick={() => void restoreChat(chat.id)}>
          {t('deletion.restore')}
        </button>
      )}
      {hasRight(me, 'purge_chats') && (
        <button class="btn btn-danger-outline" data-testid="chat-purge" onClick={() => confirmPurge(chat.id)}>
          {t('deletion.purge')}
        </button>
      )}
    </>
  );
}

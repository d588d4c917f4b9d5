// The messages of the chats a transferred chat came from, each closed by a divider
// "Transferred from …" (R2.13). Internal notes show as they do in the chat itself.
import { useEffect } from 'preact/hooks';
import { loadEarlierParent, loadParents } from '../actions/transfer';
import { t } from '../i18n';
import type { Chat } from '../api/types';
import { store } from '../state';
import { MessageItem } from './MessageItem';

export function ParentHistory({ chat, contactName, myId }: { chat: Chat; contactName: string; myId: number }) {
  const parents = store.use((s) => s.parents[chat.id]);
  useEffect(() => {
    if (chat.parent_id && !store.get().parents[chat.id]) void loadParents(chat.id);
  }, [chat.id, chat.parent_id]);
  if (!chat.parent_id || !parents) return null;
  return (
    <div class="parent-history" data-testid="parent-history">
      {parents.map((p) => (
        <div key={p.chat.id} class="parent-chat" data-chat-id={p.chat.id}>
          {p.more && (
            <div class="messages-note">
              <button class="btn btn-ghost" data-testid="parent-load-earlier" onClick={() => void loadEarlierParent(chat.id, p.chat.id)}>
                {t('conv.loadEarlier')}
              </button>
            </div>
          )}
          {p.messages.map((m) => (
            <MessageItem key={m.id} m={m} contactName={contactName} myId={myId} />
          ))}
          <div class="transfer-divider" data-testid="transfer-divider">
            <span>{p.owner_name ? t('transfer.from', { name: p.owner_name }) : t('transfer.fromChat', { id: p.chat.id })}</span>
          </div>
        </div>
      ))}
    </div>
  );
}

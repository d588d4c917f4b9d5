// The Deleted list (R2.18): read from the server when shown, a page at a time;
// deleted and restored chats move in and out of it live.
import { useEffect } from 'preact/hooks';
import { loadDeleted } from '../actions/deletedlist';
import type { Chat } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';
import { ChatRow } from './ChatRow';

export function DeletedList({ rows }: { rows: Chat[] }) {
  const next = store.use((s) => s.deletedNext);
  useEffect(() => {
    void loadDeleted();
  }, []);
  return (
    <ul class="chat-list" id="chat-list" role="tabpanel" aria-labelledby="tab-deleted" data-testid="deleted-list">
      {rows.length === 0 && <li class="list-empty">{t('lists.emptyDeleted')}</li>}
      {rows.map((c) => (
        <ChatRow key={c.id} chat={c} />
      ))}
      {next > 0 && (
        <li class="list-more">
          <button class="btn btn-ghost" onClick={() => void loadDeleted(true)}>
            {t('lists.loadMore')}
          </button>
        </li>
      )}
    </ul>
  );
}

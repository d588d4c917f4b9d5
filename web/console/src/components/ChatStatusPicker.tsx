// The open chat's custom status (R2.17): one of its room's, open or closed in
// kind. It stays changeable on a closed-kind chat, as that is how it reopens.
import { useEffect } from 'preact/hooks';
import { loadChatStatuses, roomStatuses, setChatStatus } from '../actions/chatstatus';
import type { Chat, ChatStatus } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';

export function ChatStatusPicker({ chat, editable }: { chat: Chat; editable: boolean }) {
  const statuses = store.use((s) => s.chatStatuses);
  const queueRooms = store.use((s) => s.queueRooms);
  const choices = roomStatuses(chat, statuses, queueRooms);
  const current = statuses.find((s) => s.id === chat.status_id);
  const known = !chat.status_id || !!current;
  useEffect(() => {
    // A status added since the list was read: read it again.
    if (!known) loadChatStatuses();
  }, [known]);
  if (choices.length === 0 && !chat.status_id) return null;
  return (
    <div class="conv-meta-item">
      <label class="conv-meta-label" for="chat-status">
        {t('chatStatus.label')}
      </label>
      <select
        id="chat-status"
        data-testid="chat-status"
        value={chat.status_id ?? 0}
        disabled={!editable}
        onChange={(e) => void setChatStatus(chat.id, Number(e.currentTarget.value))}
      >
        <option value={0}>{t('chatStatus.none')}</option>
        {choices.map((s) => (
          <option key={s.id} value={s.id}>
            {statusLabel(s)}
          </option>
        ))}
        {current && !choices.includes(current) && <option value={current.id}>{statusLabel(current)}</option>}
      </select>
    </div>
  );
}

export function statusLabel(s: ChatStatus): string {
  return t(s.kind === 'closed' ? 'chatStatus.closedName' : 'chatStatus.openName', { name: s.name });
}

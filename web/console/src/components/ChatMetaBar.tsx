// The open chat's line under its title: topic, custom status and case, and, while the
// status is closed in kind, why the chat cannot change otherwise.
import type { Chat } from '../api/types';
import { store } from '../state';
import { ChatStatusPicker } from './ChatStatusPicker';
import { ChatTopic } from './ChatTopic';
import { CaseActions } from './CaseActions';
import { useChatLock, useTakesPart } from './useChatLock';
import '../styles/chatmeta.css';

export function ChatMetaBar({ chat }: { chat: Chat }) {
  const me = store.use((s) => s.me!.agent);
  const takesPart = useTakesPart(chat.id);
  const lock = useChatLock(chat);
  // The owner, participants, supervisors and admins keep a chat's topic and status.
  const editable = !chat.deleted_at && (chat.owner_id === me.id || takesPart || me.role !== 'agent');
  return (
    <div class="conv-meta" data-testid="chat-meta">
      <ChatTopic chat={chat} editable={editable} lock={lock} />
      <ChatStatusPicker chat={chat} editable={editable} />
      <CaseActions chat={chat} />
      {lock && (
        <p class="conv-lock" data-testid="chat-lock" role="note">
          {lock}
        </p>
      )}
    </div>
  );
}

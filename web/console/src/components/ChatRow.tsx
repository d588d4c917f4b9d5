// One chat in a list: who, through which channel, the last message and its time.
import { selectChat } from '../actions/chat';
import { formatTime, t } from '../i18n';
import type { Chat, Message } from '../api/types';
import { chatTitle, myId, store } from '../state';
import { messageSummary } from './messageText';
import { RowTimer } from './RowTimer';
import { ChannelIcon } from './ChannelIcon';

export function ChatRow({ chat }: { chat: Chat }) {
  const last = store.use((s) => s.lastMessage[chat.id]) as Message | undefined;
  const selected = store.use((s) => s.selected === chat.id);
  const unread = store.use((s) => s.unread[chat.id] ?? 0);
  const typing = store.use((s) => !!s.typing[chat.id]);
  const name = chatTitle(chat, (id) => t('chat.visitor', { id }));
  const offered = chat.state === 'waiting' && chat.offered_to === myId();
  return (
    <li>
      <button
        class={`chat-row ${selected ? 'selected' : ''} ${unread > 0 ? 'unread' : ''}`}
        data-testid="chat-row"
        data-chat-id={chat.id}
        aria-current={selected ? 'true' : undefined}
        onClick={() => selectChat(chat.id)}
      >
        <span class="avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span class="row-main">
          <span class="row-top">
            <span class="row-name">{name}</span>
            <time class="row-time" dateTime={last?.created_at ?? chat.updated_at}>
              {formatTime(last?.created_at ?? chat.updated_at)}
            </time>
          </span>
          <span class="row-bottom">
            <span class="row-preview">
              {typing ? t('conv.typing', { name }) : last ? messageSummary(last) : t('chat.noMessages')}
            </span>
            {unread > 0 && (
              <span class="badge-count" data-testid="row-unread" title={t('chat.unread')} aria-label={t('chat.unreadCount', { n: unread })}>
                {unread}
              </span>
            )}
          </span>
          <span class="row-meta">
            <ChannelIcon type={chat.channel_type} />
            {chat.topic && <span class="chip" data-testid="row-topic">{chat.topic}</span>}
            {offered && <span class="chip chip-accent">{t('chat.offered')}</span>}
            {chat.state === 'waiting' && chat.open_offer && <span class="chip chip-accent">{t('chat.offeredAll')}</span>}
            <RowTimer chat={chat} />
          </span>
        </span>
      </button>
    </li>
  );
}

function initials(name: string): string {
  const parts = name.split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts[1]?.[0] ?? '')).toUpperCase();
}

// The center column: the open chat's history, live, with its actions and reply box.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { accept, confirmEnd, decline, loadOlder } from '../actions/chat';
import { openTransfer } from '../actions/transfer';
import { t } from '../i18n';
import type { Chat, Message } from '../api/types';
import { chatTitle, store, type Pending } from '../state';
import { Composer, type ComposerHandle } from './Composer';
import { MessageItem, PendingItem } from './MessageItem';
import { ParentHistory } from './ParentHistory';
import { ChatDeletion } from './ChatDeletion';
import { ChatMetaBar } from './ChatMetaBar';
import { useChatLock, useTakesPart } from './useChatLock';
import { ChannelIcon } from './ChannelIcon';

const noMessages: Message[] = [];

export function Conversation() {
  const id = store.use((s) => s.selected);
  const chat = store.use((s) => (id ? s.chats[id] : undefined));
  if (!id || !chat) {
    return (
      <main class="col-center conversation-empty" aria-label={t('conv.label')}>
        <p>{t('conv.empty')}</p>
      </main>
    );
  }
  return <ChatView key={id} chat={chat} />;
}

function ChatView({ chat }: { chat: Chat }) {
  const me = store.use((s) => s.me!.agent);
  const messages = store.use((s) => s.messages[chat.id]) ?? noMessages;
  const loaded = store.use((s) => !!s.messages[chat.id]);
  const older = store.use((s) => !!s.olderAvailable[chat.id]);
  const allPending = store.use((s) => s.pending);
  const typingUntil = store.use((s) => s.typing[chat.id] ?? 0);
  const pending = allPending.filter((p) => p.chat_id === chat.id);
  const composer = useRef<ComposerHandle>(null);
  const [dragging, setDragging] = useState(false);
  const takesPart = useTakesPart(chat.id);
  const lock = useChatLock(chat);

  const name = chatTitle(chat, (id) => t('chat.visitor', { id }));
  const live = !chat.deleted_at;
  // Participants write in the chat as its owner does (R2.14).
  const mine = live && chat.state === 'in_progress' && (chat.owner_id === me.id || takesPart);
  // An open offer (offer to all) invites every free member; the server decides who wins.
  const offeredToMe = chat.state === 'waiting' && (chat.offered_to === me.id || !!chat.open_offer);
  const canEnd = live && chat.state !== 'completed' && (chat.owner_id === me.id || me.role !== 'agent');
  const canTransfer = live && chat.state === 'in_progress' && (chat.owner_id === me.id || me.role !== 'agent');
  const canChangeOwner = live && chat.state === 'in_progress' && me.role !== 'agent';

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (mine && e.dataTransfer?.files.length) composer.current?.addFiles([...e.dataTransfer.files]);
  };

  return (
    <main
      class={`col-center conversation ${dragging ? 'dragging' : ''}`}
      data-testid="conversation"
      data-chat-id={chat.id}
      aria-label={t('conv.label')}
      onDragOver={(e) => {
        if (!mine) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div class="conv-head">
        <div class="conv-title">
          <ChannelIcon type={chat.channel_type} />
          <h2>{name}</h2>
          <span class={`state state-${chat.state}`}>{t(`state.${chat.state}`)}</span>
        </div>
        <div class="conv-actions">
          {offeredToMe && (
            <>
              <button class="btn btn-primary" onClick={() => void accept(chat.id)}>
                {t('conv.accept')}
              </button>
              <button class="btn btn-ghost" onClick={() => void decline(chat.id)}>
                {t('invite.decline')}
              </button>
            </>
          )}
          {canTransfer && (
            <button class="btn btn-ghost" data-testid="transfer-button" disabled={!!lock} title={lock} onClick={() => void openTransfer(chat.id, 'transfer')}>
              {t('conv.transfer')}
            </button>
          )}
          {canChangeOwner && (
            <button class="btn btn-ghost" data-testid="owner-button" disabled={!!lock} title={lock} onClick={() => void openTransfer(chat.id, 'owner')}>
              {t('conv.changeOwner')}
            </button>
          )}
          {canEnd && (
            <button class="btn btn-danger-outline" data-testid="end-chat" onClick={() => confirmEnd(chat.id)}>
              {t('conv.endChat')}
            </button>
          )}
          <ChatDeletion chat={chat} />
        </div>
      </div>
      <ChatMetaBar chat={chat} />
      <MessageList
        chat={chat}
        chatId={chat.id}
        messages={messages}
        pending={pending}
        loaded={loaded}
        older={older}
        contactName={name}
        myId={me.id}
      />
      {typingUntil > Date.now() && (
        <div class="typing" aria-live="polite">
          {t('conv.typing', { name })}
        </div>
      )}
      {mine ? (
        <Composer handle={composer} chatId={chat.id} channelType={chat.channel_type} />
      ) : (
        <div class="conv-banner">
          {!live
            ? t('conv.deletedBanner')
            : chat.state === 'completed'
              ? t('conv.closedBanner')
              : chat.state === 'waiting'
                ? t('conv.waitingBanner')
                : t('conv.notOwnerBanner')}
        </div>
      )}
      {dragging && <div class="drop-overlay">{t('conv.dropHere')}</div>}
    </main>
  );
}

interface ListProps {
  chat: Chat;
  chatId: number;
  messages: Message[];
  pending: Pending[];
  loaded: boolean;
  older: boolean;
  contactName: string;
  myId: number;
}

function MessageList({ chat, chatId, messages, pending, loaded, older, contactName, myId }: ListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const prev = useRef({ firstId: 0, height: 0 });

  // Stay at the bottom as messages arrive, unless the agent scrolled up to read;
  // keep the view still when an earlier page is put above.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const firstId = messages[0]?.id ?? 0;
    if (prev.current.firstId && firstId !== prev.current.firstId && !atBottom.current) {
      el.scrollTop += el.scrollHeight - prev.current.height;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    prev.current = { firstId, height: el.scrollHeight };
  }, [messages, pending.length]);

  const onScroll = () => {
    const el = ref.current!;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };

  return (
    <div
      class="messages"
      ref={ref}
      onScroll={onScroll}
      // Images load after they are laid out; the view follows them when at the bottom.
      onLoadCapture={() => {
        if (atBottom.current && ref.current) ref.current.scrollTop = ref.current.scrollHeight;
      }}
      role="log"
      aria-live="polite"
    >
      <ParentHistory chat={chat} contactName={contactName} myId={myId} />
      {!loaded && <div class="messages-note">{t('conv.loading')}</div>}
      {older && (
        <div class="messages-note">
          <button
            class="btn btn-ghost"
            onClick={() => {
              atBottom.current = false;
              void loadOlder(chatId);
            }}
          >
            {t('conv.loadEarlier')}
          </button>
        </div>
      )}
      {messages.map((m) => (
        <MessageItem key={m.id} m={m} contactName={contactName} myId={myId} />
      ))}
      {pending.map((p) => (
        <PendingItem key={p.client_id} p={p} />
      ))}
    </div>
  );
}

// Telling an agent that a chat they follow changed (R2.23): a notice naming the
// chat and the change, with a button that opens it, and a desktop notification
// when the console is out of sight and the agent wants them.
import { desktopNotify } from '../attention';
import { api } from '../api/client';
import type { Chat, FollowChange, FollowedData } from '../api/types';
import { t, type Key } from '../i18n';
import { chatTitle, myId, store } from '../state';
import { nameOf } from './agentnames';
import { listOf, selectChat } from './chat';
import { commentOf } from './comments';
import { settingsOf } from './session';
import { toast } from './toast';

const changeKeys: Record<FollowChange, Key> = {
  comment: 'follow.comment',
  topic: 'follow.topic',
  status: 'follow.status',
  owner: 'follow.owner',
  transferred: 'follow.transferred',
  completed: 'follow.completed',
  deleted: 'follow.deleted',
  restored: 'follow.restored',
};

export async function onFollowed(d: FollowedData): Promise<void> {
  // The chat on screen shows the change itself.
  const s = store.get();
  if (s.view === 'chats' && s.selected === d.chat_id && document.visibilityState === 'visible') return;
  const text = await followedText(d);
  const open = () => openFollowed(d.chat_id);
  toast(text, 'info', { label: t('follow.open'), run: open });
  if (settingsOf(store.get().me?.agent).desktop_notifications && document.visibilityState !== 'visible') {
    const comment = d.comment_id ? commentOf(d.chat_id, d.comment_id)?.text : undefined;
    desktopNotify(t('follow.title'), comment ? `${text}: ${comment}` : text, `followed-${d.chat_id}`, open);
  }
}

// openFollowed opens the chat; another's chat in progress, which is not under
// My, shows under All.
function openFollowed(id: number): void {
  const s = store.get();
  const c = s.chats[id];
  const mine = c?.owner_id === myId() || !!s.participants[id]?.includes(myId());
  if (c && listOf(c) === 'my' && !mine && s.list !== 'others') store.set({ list: 'all' });
  selectChat(id);
}

// followedText says what changed, in which chat, and who changed it when an agent did.
async function followedText(d: FollowedData): Promise<string> {
  const chat = await chatName(d.chat_id);
  const what = t(changeKeys[d.change] ?? 'follow.changed', { chat });
  if (!d.by_agent_id) return what;
  return t('follow.by', { who: await nameOf(d.by_agent_id), what });
}

// chatName names the chat as the lists do; a chat not loaded here is asked for.
async function chatName(id: number): Promise<string> {
  const name = (c: Chat) => chatTitle(c, (contact) => t('chat.visitor', { id: contact }));
  const known = store.get().chats[id];
  if (known) return name(known);
  try {
    return name(await api.get<Chat>(`/api/v1/chats/${id}`));
  } catch {
    return t('follow.chatNumber', { id });
  }
}

// Applying live events to the store. Every event is applied at most once (by its id),
// chats keep their newest version and messages are merged by id, so a replayed
// catch-up or an event racing a REST answer never shows anything twice.
import { t } from '../i18n';
import { beep, desktopNotify } from '../attention';
import type {
  Agent,
  Chat,
  ChatComment,
  Contact,
  Draft,
  FollowedData,
  Identity,
  Message,
  OfferData,
  ParticipantsData,
  PauseReason,
  Queue,
  ReadMark,
  ServerEvent,
  TopicChangedData,
  TypingData,
} from '../api/types';
import { chatTitle, mergeMessages, myId, store, upsertChat } from '../state';
import { reloadLists } from './lists';
import { onPauseReason } from './pauses';
import { addUnread, markRead, onRead, refreshCounts } from './reads';
import { ackPending, failPending, resendPending } from './send';
import { selectChat } from './chat';
import { setQueues, settingsOf, updateMe } from './session';
import { seen } from './socket';
import { onNotesEvent } from './notes';
import { recheckChat } from './chatgone';
import { onDeleted, onPurged, onRestored } from './deletion';
import { onParticipants } from './participants';
import { loadDeleted } from './deletedlist';
import { viewChanged } from './rights';
import { onComment, resyncComments } from './comments';
import { onFollowed } from './followed';
import { onQuickReplyChanged } from './quickreplies';
import { onDraftUpdated } from './drafts';
import { onContactChat, onContactMerged, onContactUpdated } from './contactevents';
import type { Merge } from '../api/contacts';
import { onCaseUpdated, resyncCases } from './cases';
import { onBlockChanged } from './blocks';
import { onIdentityUpdated, onMessageUpdated } from './channelevents';
import { refreshWindow } from './windows';

const typingShowsMs = 6000;

export function handleEvent(e: ServerEvent): void {
  if (e.kind === 'typing') {
    onTyping(e.data as TypingData);
    return;
  }
  if (!seen(e.id)) return;
  onNotesEvent(e);
  if (changesAgents.has(e.kind)) store.set((s) => ({ agentsChanged: s.agentsChanged + 1 }));
  if (changesFloor(e.kind)) store.set((s) => ({ floorChanged: s.floorChanged + 1 }));
  if (changesCounts(e)) refreshCounts();
  switch (e.kind) {
    case 'chat.created':
    case 'chat.accepted':
    case 'chat.completed':
      onChat(e.data as Chat);
      onContactChat(e.data as Chat);
      break;
    case 'chat.owner_changed':
    case 'chat.sla_breached':
      onChat((e.data as { chat: Chat }).chat);
      break;
    case 'chat.sla_changed':
    case 'chat.updated':
      onChat(e.data as Chat);
      break;
    case 'chat.topic_changed':
      // The new topic may hide the chat from me: the server says whether I still see it.
      void recheckChat((e.data as TopicChangedData).chat_id, 'chat.gone');
      break;
    case 'chat.participants':
      onParticipants(e.data as ParticipantsData);
      break;
    case 'chat.deleted':
      onDeleted(e.data as Chat);
      break;
    case 'chat.restored':
      onRestored(e.data as Chat);
      break;
    case 'chat.purged':
      onPurged((e.data as { chat_id: number }).chat_id);
      break;
    case 'chat.offered':
      onOffered(e, e.data as OfferData);
      break;
    case 'chat.offer_ended':
      onOfferEnded(e, (e.data as { chat: Chat }).chat);
      break;
    case 'message.created':
      onMessage(e.data as Message);
      break;
    case 'message.updated':
      onMessageUpdated(e.data as Message);
      break;
    case 'identity.updated':
      onIdentityUpdated(e.data as Identity);
      break;
    case 'chat.read':
      onRead(e.data as ReadMark);
      break;
    case 'agent.updated':
      onAgent(e.data as Agent);
      break;
    case 'queue.updated':
      onQueue(e.data as Queue);
      break;
    case 'pause_reason.updated':
      onPauseReason(e.data as PauseReason);
      break;
    case 'chat.comment':
      onComment(e.data as ChatComment);
      break;
    case 'chat.followed':
      void onFollowed(e.data as FollowedData);
      break;
    case 'quick_reply.updated':
    case 'quick_reply.deleted':
      onQuickReplyChanged();
      break;
    case 'draft.updated':
      onDraftUpdated(e.data as Draft);
      break;
    case 'contact.updated':
      onContactUpdated(e.data as Contact);
      break;
    case 'contact.merged':
      onContactMerged(e.data as Merge);
      break;
    case 'contact.blocked':
    case 'contact.unblocked':
      onBlockChanged();
      break;
    case 'case.updated':
      onCaseUpdated((e.data as { case_id: number }).case_id);
      break;
  }
}

// feedOnly are the chat events that change no chat, list or count: the comment
// feed's.
const feedOnly = new Set(['chat.comment', 'chat.followed']);

// changesCounts says whether the lists' counts may change: a chat changed state,
// owner or reader, or its contact wrote (which may make it unread). The agents'
// own messages and the reply timers change no count.
function changesCounts(e: ServerEvent): boolean {
  if (e.kind === 'message.created') return (e.data as Message).author.kind === 'contact';
  if (feedOnly.has(e.kind)) return false;
  return e.kind.startsWith('chat.') && e.kind !== 'chat.sla_changed' && e.kind !== 'chat.sla_breached';
}

// changesAgents are the events after which agent lists may show something else:
// a status, a console's presence, or a count of chats in progress.
const changesAgents = new Set(['agent.updated', 'agent.presence', 'chat.accepted', 'chat.completed', 'chat.owner_changed']);

// changesFloor says whether the supervisor view may show something else after an
// event of the kind: any chat's state or owner, any agent's status or presence, a queue.
function changesFloor(kind: string): boolean {
  return (kind.startsWith('chat.') && !feedOnly.has(kind)) || kind.startsWith('agent.') || kind === 'queue.updated' || kind === 'pause_reason.updated';
}

function onChat(c: Chat): void {
  store.set((s) => {
    const offers = { ...s.offers };
    if (c.state !== 'waiting' || c.offered_to !== myId()) delete offers[c.id];
    return { chats: upsertChat(s.chats, c), offers };
  });
}

function onOffered(e: ServerEvent, d: OfferData): void {
  store.set((s) => ({ chats: upsertChat(s.chats, d.chat) }));
  if (e.agent_id !== myId() || d.chat.offered_to !== myId()) return;
  store.set((s) => ({ offers: { ...s.offers, [d.chat.id]: { chat: d.chat, expires_at: d.expires_at } } }));
  // An offer replayed after a reconnect may be over already; only a standing one rings.
  if (Date.parse(d.expires_at) > Date.now()) announceChat(d.chat);
}

function onOfferEnded(e: ServerEvent, c: Chat): void {
  store.set((s) => {
    const offers = { ...s.offers };
    if (e.agent_id === myId()) delete offers[c.id];
    return { chats: upsertChat(s.chats, c), offers };
  });
}

function announceChat(c: Chat): void {
  const settings = settingsOf(store.get().me?.agent);
  if (settings.sound_new_chat) beep('chat');
  const name = chatTitle(c, (id) => t('chat.visitor', { id }));
  if (settings.desktop_notifications) {
    desktopNotify(t('invite.title'), t('invite.notification', { name }), `chat-${c.id}`, () => selectChat(c.id));
  }
}

function onMessage(m: Message): void {
  const s = store.get();
  const mine = m.author.kind === 'agent' && m.author.id === myId();
  if (mine && m.client_id) ackPending(m.client_id, m);
  store.set((s) => {
    const out: Partial<typeof s> = { lastMessage: { ...s.lastMessage, [m.chat_id]: m } };
    if (s.messages[m.chat_id]) out.messages = { ...s.messages, [m.chat_id]: mergeMessages(s.messages[m.chat_id], [m]) };
    const c = s.chats[m.chat_id];
    if (c && c.last_seq < m.seq) out.chats = { ...s.chats, [c.id]: { ...c, last_seq: m.seq } };
    if (m.author.kind === 'contact') {
      const typing = { ...s.typing };
      delete typing[m.chat_id];
      out.typing = typing;
    }
    return out;
  });
  if (m.author.kind === 'contact') {
    noticeContactMessage(m, s.selected === m.chat_id);
    // The contact's message may open the channel's window again.
    refreshWindow(m.chat_id);
  }
}

// noticeContactMessage marks the chat unread and signals the agent when the message
// is for a chat they own and are not looking at.
function noticeContactMessage(m: Message, open: boolean): void {
  const s = store.get();
  const c = s.chats[m.chat_id];
  const looking = open && document.visibilityState === 'visible';
  if (looking) markRead(m.chat_id);
  else addUnread(m.chat_id);
  if (!c || c.owner_id !== myId() || looking) return;
  const settings = settingsOf(s.me?.agent);
  if (settings.sound_new_message) beep('message');
  if (settings.desktop_notifications && document.visibilityState !== 'visible') {
    const name = chatTitle(c, (id) => t('chat.visitor', { id }));
    desktopNotify(t('notify.message', { name }), m.text, `msg-${c.id}`, () => selectChat(c.id));
  }
}

function onTyping(d: TypingData): void {
  if (d.actor.kind !== 'contact') return;
  store.set((s) => ({ typing: { ...s.typing, [d.chat_id]: Date.now() + typingShowsMs } }));
  setTimeout(() => {
    store.set((s) => {
      if ((s.typing[d.chat_id] ?? 0) > Date.now()) return {};
      const typing = { ...s.typing };
      delete typing[d.chat_id];
      return { typing };
    });
  }, typingShowsMs + 50);
}

// onAgent follows changes of agents; a change of my rights over rooms and topics
// changes the chats I see, which the lists then read again.
function onAgent(a: Agent): void {
  const before = store.get().me?.agent;
  updateMe(a);
  if (before?.id === a.id && viewChanged(before, a)) void reloadLists(true);
}

// onQueue follows changes of my queue memberships, which change what I may see.
function onQueue(q: Queue): void {
  const me = store.get().me;
  if (!me) return;
  const queues = me.queues ?? [];
  const member = q.members.includes(me.agent.id);
  if (member === queues.includes(q.id)) return;
  setQueues(member ? [...queues, q.id] : queues.filter((id) => id !== q.id));
  void reloadLists();
}

export function onReady(first: boolean): void {
  // The first connection starts from "now", so the lists are loaded after it and
  // nothing can fall between; later ones resume from the last event id.
  if (first) void reloadLists();
  resendPending();
}

export function onResync(): void {
  // Histories of chats not on screen may have missed messages: they load again when opened.
  store.set((s) => {
    const keep = s.selected;
    return {
      messages: keep && s.messages[keep] ? { [keep]: s.messages[keep] } : {},
      lastMessage: {},
    };
  });
  void reloadLists(true);
  resyncComments(store.get().selected);
  resyncCases();
  if (store.get().list === 'deleted') void loadDeleted();
}

export function onAck(clientId: string, m: Message | undefined): void {
  ackPending(clientId, m);
}

export function onSendError(clientId: string, _code: string, message: string): void {
  const p = store.get().pending.find((x) => x.client_id === clientId);
  failPending(clientId, message);
  // A refusal may mean the window closed meanwhile: the composer shows what is allowed now.
  if (p) refreshWindow(p.chat_id);
}

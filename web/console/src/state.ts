// The console's whole client state in one store.
import { createStore } from './store';
import type { Chat, ChatContact, ChatHistory, ChatStatus, FileInfo, Lang, ListCounts, Me, Message, PauseReason, Topic, TransferTargets } from './api/types';

export type ListName = 'new' | 'my' | 'all' | 'unread' | 'closed' | 'others' | 'deleted';
export type View = 'chats' | 'cases' | 'contacts' | 'admin' | 'supervisor';
export type ConnState = 'online' | 'reconnecting';

export interface Offer {
  chat: Chat;
  expires_at: string;
}

// Pending is a message sent but not yet acknowledged; it is sent again with the same
// client_id after a reconnect until the server confirms it.
export interface Pending {
  client_id: string;
  chat_id: number;
  text: string;
  file_ids: string[];
  files: FileInfo[];
  created_at: string;
  failed?: string;
}

export interface Toast {
  id: number;
  text: string;
  kind: 'error' | 'info';
  // action is a button on the toast, such as one that opens the chat it speaks of.
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Confirm {
  title: string;
  text: string;
  ok: string;
  onOk: () => void;
}

// TransferDialog is the open transfer (or owner change) dialog of a chat.
export interface TransferDialog {
  mode: 'transfer' | 'owner';
  chatId: number;
  targets: TransferTargets | null; // null while loading
}

export interface AppState {
  phase: 'loading' | 'login' | 'app';
  me: Me | null;
  lang: Lang;
  chats: Record<number, Chat>;
  lastMessage: Record<number, Message>;
  offers: Record<number, Offer>;
  messages: Record<number, Message[]>;
  olderAvailable: Record<number, boolean>;
  contacts: Record<number, ChatContact>;
  pending: Pending[];
  typing: Record<number, number>;
  // unread counts the contact's messages I have not read, per chat (server-backed).
  unread: Record<number, number>;
  // counts are the server's counts of my lists, refreshed after changes.
  counts: ListCounts | null;
  // contactChats, when set, replaces the lists with one contact's chats (R2.19).
  contactChats: { contactId: number; name: string; ids: number[] } | null;
  // others is the chats of the agent a supervisor chose under Others (R2.7).
  others: { agentId: number; ids: number[] } | null;
  closedNext: number;
  // deletedNext is the cursor of the Deleted list's next page (0: none, or not loaded).
  deletedNext: number;
  // participants are the agents taking part in chats (R2.14), as far as known, by chat id.
  participants: Record<number, number[]>;
  // topics and chatStatuses are what admins keep (R2.16, R2.17); queueRooms gives
  // each queue's room, which decides the statuses a chat may take.
  topics: Topic[];
  chatStatuses: ChatStatus[];
  queueRooms: Record<number, number>;
  // room narrows the lists to one room's chats; null shows every room's.
  room: number | null;
  selected: number | null;
  list: ListName;
  view: View;
  settingsOpen: boolean;
  // myRepliesOpen shows the agent's own quick replies, to keep (R2.11).
  myRepliesOpen: boolean;
  conn: ConnState;
  toasts: Toast[];
  confirm: Confirm | null;
  transfer: TransferDialog | null;
  // parents are the parent chains of chats made by transfers, by chat id.
  parents: Record<number, ChatHistory['chats']>;
  // pauseReasons are every pause reason, inactive ones too (a pause may outlive its reason's deactivation).
  pauseReasons: PauseReason[];
  // agentsChanged counts the events that may change agent lists (statuses,
  // presence, chats taken or ended); the agents screen reloads when it moves.
  agentsChanged: number;
  // floorChanged counts the events that may change the supervisor view (chats,
  // agents, presence, queues); the supervisor screen reloads when it moves.
  floorChanged: number;
  // quickRepliesChanged counts the events that changed quick replies; the lists
  // of them read again when it moves.
  quickRepliesChanged: number;
}

export const initialState: AppState = {
  phase: 'loading',
  me: null,
  lang: 'en',
  chats: {},
  lastMessage: {},
  offers: {},
  messages: {},
  olderAvailable: {},
  contacts: {},
  pending: [],
  typing: {},
  unread: {},
  counts: null,
  contactChats: null,
  others: null,
  closedNext: 0,
  deletedNext: 0,
  participants: {},
  topics: [],
  chatStatuses: [],
  queueRooms: {},
  room: null,
  selected: null,
  list: 'new',
  view: 'chats',
  settingsOpen: false,
  myRepliesOpen: false,
  conn: 'reconnecting',
  toasts: [],
  confirm: null,
  transfer: null,
  parents: {},
  pauseReasons: [],
  agentsChanged: 0,
  floorChanged: 0,
  quickRepliesChanged: 0,
};

export const store = createStore<AppState>(initialState);

export function myId(): number {
  return store.get().me?.agent.id ?? 0;
}

// upsertChat keeps the newest version of a chat: events and REST answers may arrive
// in either order.
export function upsertChat(chats: Record<number, Chat>, c: Chat): Record<number, Chat> {
  const old = chats[c.id];
  if (old && old.version > c.version) return chats;
  return { ...chats, [c.id]: c };
}

// mergeMessages adds messages to a sorted history, once each; of two versions
// of one message, what is further along wins (see laterMessage).
export function mergeMessages(list: Message[] | undefined, add: Message[]): Message[] {
  const byId = new Map<number, Message>();
  for (const m of list ?? []) byId.set(m.id, m);
  for (const m of add) {
    const old = byId.get(m.id);
    byId.set(m.id, old ? laterMessage(old, m) : m);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

// deliveryRank orders delivery states as the server does: a late answer never
// undoes a later state, and failed outranks sent but not delivered or read.
const deliveryRank: Record<string, number> = { queued: 1, sent: 2, failed: 3, delivered: 4, read: 5 };

// laterMessage combines two versions of a message that came by different
// ways (a send's answer, a live event, a page read before it): the further
// delivery state, the later edit and the longer file list win.
export function laterMessage(old: Message, next: Message): Message {
  let m = next;
  if ((deliveryRank[old.delivery ?? ''] ?? 0) > (deliveryRank[next.delivery ?? ''] ?? 0)) {
    m = { ...m, delivery: old.delivery, delivery_reason: old.delivery_reason };
  }
  if (old.edited_at && (!next.edited_at || Date.parse(old.edited_at) > Date.parse(next.edited_at))) {
    m = { ...m, text: old.text, edited_at: old.edited_at };
  }
  if ((old.files?.length ?? 0) > (next.files?.length ?? 0)) m = { ...m, files: old.files };
  return m;
}

export function chatTitle(c: Chat | undefined, fallback: (id: number) => string): string {
  if (!c) return '';
  return c.name?.trim() || fallback(c.contact_id);
}

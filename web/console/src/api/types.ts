// The JSON shapes of the Parley API that the console reads and writes.

export type Role = 'agent' | 'supervisor' | 'admin';
export type AgentStatus = 'active' | 'inactive' | 'paused';
export type Lang = 'en' | 'ru';

export interface AgentSettings {
  sound_new_message: boolean;
  sound_new_chat: boolean;
  desktop_notifications: boolean;
}

export interface Agent {
  id: number;
  email: string;
  name: string;
  role: Role;
  status: AgentStatus;
  pause_reason_id?: number;
  disabled: boolean;
  language: string;
  settings?: AgentSettings;
  // chat_limit is the agent's own simultaneous-chats limit; null follows the queues.
  chat_limit?: number | null;
  rights?: AgentRights;
}

// AgentRights are what an agent may see and do beyond their role (R7.1, R2.16,
// R2.18); null rooms or topics mean every one. Admins hold every right anyway.
export interface AgentRights {
  rooms: number[] | null;
  topics: number[] | null;
  delete_chats: boolean;
  restore_chats: boolean;
  purge_chats: boolean;
}

// AgentSummary is an agent as agent lists show them, with what the server derives.
export interface AgentSummary extends Agent {
  chats_in_progress: number;
  chat_limit: number;
  own_chat_limit?: number | null;
  chats_exceeded: boolean;
  online: boolean;
}

export interface PauseReason {
  id: number;
  name: string;
  active: boolean;
}

export interface Limits {
  max_file_bytes: number;
  file_types: string[];
}

export interface Me {
  agent: Agent;
  csrf_token: string;
  queues: number[] | null;
  limits?: Limits;
}

export interface LoginResult {
  agent: Agent;
  token: string;
  csrf_token: string;
}

export type ChatState = 'waiting' | 'in_progress' | 'completed';

export interface Actor {
  kind: 'contact' | 'agent' | 'system';
  id?: number;
}

export interface Chat {
  id: number;
  channel_id: number;
  channel_type: string;
  identity_id: number;
  contact_id: number;
  queue_id: number;
  state: ChatState;
  owner_id?: number;
  offered_to?: number;
  name: string;
  parent_id?: number;
  last_seq: number;
  created_at: string;
  accepted_at?: string;
  completed_at?: string;
  state_changed_at: string;
  state_changed_by: Actor;
  updated_at: string;
  version: number;
  // Time limits: when a reply is due (absent while none is awaited), and the breaches.
  first_reply_due_at?: string;
  reply_due_at?: string;
  first_reply_breaches?: number;
  reply_breaches?: number;
  last_message_at?: string;
  open_offer?: boolean;
  // topic_id is the listed topic (0: none, or Other); topic is its name or the Other text.
  topic_id?: number;
  topic?: string;
  // status_id is the room's custom status (0: none).
  status_id?: number;
  // deleted_at is set while the chat is in Deleted.
  deleted_at?: string;
  // case_id is the case the chat is linked to (R4), absent for none.
  case_id?: number;
}

export interface ChatPage {
  chats: Chat[];
  next?: number;
  // unread counts the contact's messages past my read marker, per chat that has any.
  unread?: Record<number, number>;
  // participating lists the chats of the page I take part in (R2.14).
  participating?: number[];
}

// ReadMark is how far an agent has read a chat (chat.read, POST …/read).
export interface ReadMark {
  agent_id: number;
  chat_id: number;
  seq: number;
}

// ListCount is a list's chats and how many of them have unread messages (R2.7).
export interface ListCount {
  chats: number;
  unread: number;
}

export interface Lists {
  new: ListCount;
  my: ListCount;
  all: ListCount;
  closed: ListCount;
  deleted?: ListCount;
}

// ListCounts is GET /api/v1/chats/counts: all rooms together, and per room.
export interface ListCounts extends Lists {
  rooms: ({ room_id: number } & Lists)[];
}

export interface FileInfo {
  id: string;
  name: string;
  content_type: string;
  size: number;
  image: boolean;
  width?: number;
  height?: number;
}

export type MessageKind = 'text' | 'welcome' | 'system';

export interface Message {
  id: number;
  chat_id: number;
  seq: number;
  author: Actor;
  kind: MessageKind;
  code?: string;
  text: string;
  client_id?: string;
  internal?: boolean;
  files?: FileInfo[];
  created_at: string;
  // delivery is how far a message to a messenger got (R8.2); absent for the widget.
  // On a contact's message, "failed" means its media could not be fetched.
  delivery?: Delivery;
  delivery_reason?: string;
  edited_at?: string;
  location?: GeoPoint;
  card?: ContactCard;
  template?: TemplateUse;
  // subject is an e-mail's subject.
  subject?: string;
}

export type Delivery = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

// GeoPoint is a place a contact sent.
export interface GeoPoint {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

// ContactCard is a person's card a contact sent.
export interface ContactCard {
  name: string;
  phones?: string[];
  emails?: string[];
}

// MessageTemplate is an approved template of a channel (WhatsApp), with {{1}}, {{2}} … places.
export interface MessageTemplate {
  name: string;
  language: string;
  body: string;
}

// TemplateUse is a template sent with the values of its places.
export interface TemplateUse {
  name: string;
  language: string;
  params: string[];
}

export interface MessagePage {
  messages: Message[];
}

export interface Contact {
  id: number;
  name: string;
  email: string;
  phone: string;
  // account_id and owner_id are 0 for none (R3.7); fields are custom values by key (R3.6).
  account_id: number;
  owner_id: number;
  fields: Record<string, string> | null;
  // merged_into is the contact this one was merged into (R3.3), absent while it stands.
  merged_into?: number;
  // photo is the file id of the picture the channel gave, empty for none.
  photo?: string;
  created_at: string;
  updated_at: string;
}

export interface Visitor {
  page_url?: string;
  referrer?: string;
  language?: string;
  user_agent?: string;
  time_zone?: string;
  utm?: Record<string, string>;
  fields?: Record<string, string>;
}

export interface Identity {
  id: number;
  contact_id: number;
  channel_id: number;
  external_id: string;
  name: string;
  visitor: Visitor;
  // unreachable says why the contact cannot be written to here (blocked the bot …).
  unreachable?: string;
  created_at: string;
}

export interface ChatContact {
  contact: Contact;
  identity: Identity;
  // similar counts the contacts like this one; suggest_merge: one shares its phone or e-mail (R3.3).
  similar: number;
  suggest_merge: boolean;
}

export interface Room {
  id: number;
  name: string;
  type: string;
}

export interface Queue {
  id: number;
  name: string;
  room_id: number;
  chat_limit: number;
  accept_timeout: number;
  members: number[];
  routing: RoutingStrategy;
  mode: RoutingMode;
  priority: number;
  first_reply_time: number;
  reply_time: number;
  completion_timeout: number;
}

export type RoutingStrategy = 'least_busy' | 'round_robin' | 'offer_to_all';
export type RoutingMode = 'invite' | 'assign';

export interface PrechatField {
  name: string;
  label: string;
  required: boolean;
}

export interface Channel {
  id: number;
  type: string;
  name: string;
  public_key: string;
  queue_id: number;
  welcome_message: string;
  prechat_fields: PrechatField[];
  active: boolean;
  created_at?: string;
  // A messenger's plain settings; its secrets are never sent back, only which are set.
  settings?: Record<string, string>;
  secrets_set?: string[];
  templates?: MessageTemplate[];
  // webhook_path is where the provider delivers, absent for the widget and e-mail.
  webhook_path?: string;
}

// SettingSpec is one setting or secret of a channel type; label is English.
export interface SettingSpec {
  key: string;
  label: string;
  required: boolean;
  default?: string;
}

// ChannelTypeSpec is a messenger type the server can connect (GET /channel-types).
export interface ChannelTypeSpec {
  type: string;
  settings: SettingSpec[];
  secrets: SettingSpec[];
  rate_per_second: number;
  connectable: boolean;
  polled: boolean;
  templates: boolean;
}

// ChatWindow is what a chat's channel lets the agent send now (R2.21).
export interface ChatWindow {
  open: boolean;
  closes_at?: string;
  needs_template: boolean;
  tagged: boolean;
  refused?: string;
  templates: MessageTemplate[];
}

export interface Items<T> {
  items: T[];
}

export interface ServerEvent {
  id: number;
  kind: string;
  chat_id?: number;
  queue_id?: number;
  agent_id?: number;
  data: unknown;
  at: string;
}

export interface OfferData {
  chat: Chat;
  expires_at: string;
}

export interface TypingData {
  chat_id: number;
  actor: Actor;
}

// TargetState is how an agent shows in the transfer and owner lists (R2.13).
export type TargetState = 'active' | 'inactive' | 'paused' | 'chats_exceeded';

export interface AgentTarget {
  id: number;
  name: string;
  status: AgentStatus;
  pause_reason_id?: number;
  state: TargetState;
  chats_in_progress: number;
  chat_limit: number;
  online: boolean;
  selectable: boolean;
}

export interface QueueTarget {
  id: number;
  name: string;
  agents: number;
  selectable: boolean;
}

export interface TransferTargets {
  queues: QueueTarget[];
  agents: AgentTarget[];
}

export interface TransferResult {
  parent: Chat;
  chat: Chat;
  created: boolean;
}

// ChatHistory is the parents of a chat made by transfers, oldest first.
export interface ChatHistory {
  // more: the parent has earlier messages, read with ?parent=&before=.
  chats: { chat: Chat; owner_name?: string; messages: Message[]; more: boolean }[];
}

// SupervisorView is the team at a glance (GET /api/v1/supervisor); times are
// seconds as of at.
export interface SupervisorView {
  at: string;
  queues: QueueOverview[];
  agents: AgentOverview[];
}

export interface QueueOverview {
  id: number;
  name: string;
  priority: number;
  waiting: number;
  longest_wait: number;
  in_progress: number;
}

export interface AgentOverview {
  id: number;
  name: string;
  role: Role;
  status: AgentStatus;
  pause_reason_id?: number;
  pause_reason?: string;
  status_changed_at: string;
  time_in_status: number;
  chats_in_progress: number;
  chat_limit: number;
  chats_exceeded: boolean;
  online: boolean;
}

// A quick-reply template (R2.11); listed for a chat, text comes rendered.
export type QuickReplyScope = 'all' | 'room' | 'queue' | 'agent';

export interface QuickReply {
  id: number;
  name: string;
  text: string;
  scope: QuickReplyScope;
  scope_id: number;
  created_by: number;
  created_at: string;
  updated_at: string;
}

// What an agent typed in a chat and did not send (R2.10).
export interface Draft {
  agent_id: number;
  chat_id: number;
  text: string;
  updated_at: string;
}

// Note is an agent's private note on a chat; html is sanitised by the server.
export interface Note {
  id: number;
  chat_id: number;
  author_id: number;
  html: string;
  created_at: string;
  updated_at: string;
}

// ChatFileItem is a file sent in a chat, as the chat's file list shows it.
export interface ChatFileItem extends FileInfo {
  message_id: number;
  seq: number;
  sent_by: Actor;
  sent_at: string;
  internal?: boolean;
  sender_name: string;
  url: string;
  preview_url?: string;
}

// Topic is one of the topics admins keep for chats (R2.16).
export interface Topic {
  id: number;
  name: string;
  position: number;
}

// ChatStatus is a room's custom status of chats, open or closed in kind (R2.17).
export type ChatStatusKind = 'open' | 'closed';

export interface ChatStatus {
  id: number;
  room_id: number;
  name: string;
  kind: ChatStatusKind;
  position: number;
}

// Participant is an agent added to a chat beside its owner (R2.14).
export interface Participant {
  agent_id: number;
  added_by: number;
  added_at: string;
}

// ParticipantsData is the data of chat.participants: the chat's participants now.
export interface ParticipantsData {
  chat_id: number;
  participants: number[];
}

// TopicChangedData is the data of chat.topic_changed.
export interface TopicChangedData {
  chat_id: number;
  topic_id: number;
  old_topic_id: number;
}

// ChatComment is a colleague's plain-text comment in a chat's feed (R2.23).
export interface ChatComment {
  id: number;
  chat_id: number;
  author_id: number;
  text: string;
  created_at: string;
}

// FollowState says whether I follow a chat, to be told of its changes.
export interface FollowState {
  following: boolean;
}

// FollowChange is what changed in a followed chat.
export type FollowChange = 'comment' | 'topic' | 'status' | 'owner' | 'transferred' | 'completed' | 'deleted' | 'restored';

// FollowedData is the data of chat.followed, sent to a chat's followers but the one who changed it.
export interface FollowedData {
  chat_id: number;
  change: FollowChange;
  by_agent_id: number;
  comment_id?: number;
}

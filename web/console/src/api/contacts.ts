// Contacts (R3): their records, accounts, custom fields, similar contacts,
// merges and chats started with them, as the API gives them, and the calls.
import { api } from './client';
import type { Chat, ChatPage, Contact, Identity, Message } from './types';

// ContactRecord is GET /contacts/{id}: the contact, its identities and how many contacts are like it.
export interface ContactRecord {
  contact: Contact;
  identities: Identity[];
  similar: number;
}

export type DuplicateRule = 'phone' | 'email' | 'name';

// Similar is a contact like another, with the rules it matched by; current marks the one the list is about.
export interface Similar {
  contact: Contact;
  rules: DuplicateRule[];
  current?: boolean;
}

// Merge records one contact merged into another, and what moved.
export interface Merge {
  id: number;
  into_id: number;
  from_id: number;
  by: number;
  at: string;
  undone_at?: string;
  undone_by?: number;
  moved: { identities: number[] | null; chats: number[] | null; filled?: string[]; into: Contact };
}

// Outbound is a chat an agent started with a contact (R2.21, R3.8), with its first message.
export interface Outbound {
  chat: Chat;
  message: Message;
}

export interface Account {
  id: number;
  name: string;
  created_at?: string;
}

export type FieldKind = 'text' | 'number' | 'date' | 'choice';

// ContactField is a custom contact field admins define (R3.6).
export interface ContactField {
  id: number;
  key: string;
  label: string;
  kind: FieldKind;
  choices?: string[];
  position: number;
}

export interface DuplicateRules {
  phone: boolean;
  email: boolean;
  name: boolean;
  phone_region: string;
}

// ContactInput creates or changes a contact; fields, when given, replaces every custom value.
export interface ContactInput {
  name: string;
  email: string;
  phone: string;
  account_id: number;
  owner_id: number;
  fields: Record<string, string>;
}

export const contactsApi = {
  list: (q: string, before = 0) => api.list<Contact>(`/api/v1/contacts?${listQuery(q, before)}`),
  get: (id: number) => api.get<ContactRecord>(`/api/v1/contacts/${id}`),
  create: (c: ContactInput) => api.post<Contact>('/api/v1/contacts', c),
  update: (id: number, c: ContactInput) => api.patch<Contact>(`/api/v1/contacts/${id}`, c),
  similar: (id: number) => api.list<Similar>(`/api/v1/contacts/${id}/similar`),
  merge: (into: number, from: number[]) => api.post<{ items: Merge[] }>(`/api/v1/contacts/${into}/merge`, { from }),
  merges: (id: number) => api.list<Merge>(`/api/v1/contacts/${id}/merges`),
  undo: (mergeId: number) => api.post<Merge>(`/api/v1/merges/${mergeId}/undo`),
  notDuplicates: (id: number, other: number) => api.post<void>(`/api/v1/contacts/${id}/not-duplicates`, { contact_id: other }),
  chats: (id: number) => api.get<ChatPage>(`/api/v1/chats?contact=${id}&limit=200`),
  startChat: (id: number, identityId: number, clientId: string, text: string) =>
    api.post<Outbound>(`/api/v1/contacts/${id}/chats`, { identity_id: identityId, client_id: clientId, text }),
  accounts: () => api.list<Account>('/api/v1/accounts?limit=500'),
  createAccount: (name: string) => api.post<Account>('/api/v1/accounts', { name }),
};

// contactsPage is how many contacts the directory reads at a time.
export const contactsPage = 50;

function listQuery(q: string, before: number): string {
  const p = new URLSearchParams({ limit: String(contactsPage) });
  if (q.trim()) p.set('q', q.trim());
  if (before) p.set('before', String(before));
  return p.toString();
}

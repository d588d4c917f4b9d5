// Search (R2.9): the chats and contacts an agent may find, and the query that asks for them.
import { api } from './client';
import type { Chat, Contact } from './types';

export interface SnippetPart {
  text: string;
  hit?: boolean;
}

export interface ChatHit {
  chat: Chat;
  kind: 'message' | 'contact' | 'filter';
  message_id?: number;
  snippet?: SnippetPart[];
  cursor: number;
}

export interface SearchPage {
  hits: ChatHit[];
  next?: number;
}

// SearchFilters are the filters of the search panel; empty strings are unset.
export interface SearchFilters {
  q: string;
  contact: string; // a contact id
  channel: string;
  queue: string;
  agent: string;
  state: string;
  topic: string;
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD, inclusive
}

export const emptyFilters: SearchFilters = {
  q: '',
  contact: '',
  channel: '',
  queue: '',
  agent: '',
  state: '',
  topic: '',
  from: '',
  to: '',
};

// MaxSearchText mirrors the server's limit on q, in bytes.
export const maxSearchText = 1000;

export function filtersActive(f: SearchFilters): boolean {
  return Object.values(f).some((v) => v.trim() !== '');
}

function searchParams(f: SearchFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v.trim() !== '') p.set(k, v.trim());
  }
  return p;
}

export function searchChats(f: SearchFilters, before = 0): Promise<SearchPage> {
  const p = searchParams(f);
  if (before) p.set('before', String(before));
  return api.get<SearchPage>(`/api/v1/search/chats?${p.toString()}`);
}

// searchExport is the address of the search's export in a format (R2.23).
export function searchExport(f: SearchFilters): (format: string) => string {
  return (format) => {
    const p = searchParams(f);
    p.set('format', format);
    return `/api/v1/search/chats/export?${p.toString()}`;
  };
}

export async function searchContacts(q: string): Promise<Contact[]> {
  const res = await api.get<{ contacts: Contact[] }>(`/api/v1/search/contacts?q=${encodeURIComponent(q)}&limit=10`);
  return res.contacts;
}

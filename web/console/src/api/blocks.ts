// Blocks of contacts and of single identities (R3.5), and what blocked senders
// wrote, as the API gives them; and the calls that place, list and lift them.
import { api } from './client';
import type { FileInfo } from './types';

export type BlockState = 'active' | 'lifted' | 'expired';

// Block stops a contact, or one identity of it (identity_id), until a time or,
// with until null, until it is lifted.
export interface Block {
  id: number;
  contact_id: number;
  identity_id?: number;
  reason: string;
  until: string | null;
  state: BlockState;
  created_at: string;
  created_by: number;
  ended_at?: string;
  lifted_by?: number;
  lift_reason?: string;
}

// BlockInput places a block: until (RFC 3339) or until_further_notice, not both.
export interface BlockInput {
  until?: string;
  until_further_notice?: boolean;
  reason: string;
  identity_id?: number;
}

// BlockedMessage is what a blocked sender wrote: kept, but in no chat.
export interface BlockedMessage {
  id: number;
  block_id: number;
  contact_id: number;
  identity_id: number;
  text: string;
  files?: FileInfo[];
  created_at: string;
}

export interface BlockedPage {
  items: BlockedMessage[];
  next?: number;
}

// maxBlockReason mirrors the server's limit on a reason, in characters.
export const maxBlockReason = 500;

// blockedPage is how many blocked messages are read at a time.
const blockedPage = 50;

export const blocksApi = {
  list: (contactId: number) => api.list<Block>(`/api/v1/contacts/${contactId}/blocks`),
  place: (contactId: number, input: BlockInput) => api.post<Block>(`/api/v1/contacts/${contactId}/blocks`, input),
  lift: (id: number, reason: string) => api.post<Block>(`/api/v1/blocks/${id}/lift`, reason ? { reason } : {}),
  held: (contactId: number, before = 0) =>
    api.get<BlockedPage>(`/api/v1/contacts/${contactId}/blocked-messages?limit=${blockedPage}${before ? `&before=${before}` : ''}`),
};

// holds says whether a block stops the identity (any identity when none is given).
export function holds(b: Block, identityId?: number): boolean {
  if (b.state !== 'active') return false;
  return !identityId || !b.identity_id || b.identity_id === identityId;
}

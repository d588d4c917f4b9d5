// A contact's history (R3.4): its chats, merges, blocks and cases, newest
// first, narrowed to one identity, to kinds and to a period.
import type { Block } from './blocks';
import type { Case } from './cases';
import { api } from './client';
import type { Merge } from './contacts';
import type { Chat } from './types';

export type TimelineKind = 'chat' | 'merge' | 'block' | 'case';

export const timelineKinds: TimelineKind[] = ['chat', 'merge', 'block', 'case'];

export interface TimelineItem {
  kind: TimelineKind;
  at: string;
  chat?: Chat;
  merge?: Merge;
  block?: Block;
  case?: Case;
}

// TimelineFilter narrows the history; 0 and empty strings are unset. from and to
// are dates (YYYY-MM-DD), to included.
export interface TimelineFilter {
  identity: number;
  kinds: TimelineKind[];
  from: string;
  to: string;
}

export const allOfTimeline: TimelineFilter = { identity: 0, kinds: timelineKinds, from: '', to: '' };

const timelineLimit = 200;

// readTimeline reads the history the filter keeps; with no kind ticked, or a
// period that ends before it starts, nothing is kept and nothing is asked.
export function readTimeline(contactId: number, f: TimelineFilter): Promise<TimelineItem[]> {
  if (f.kinds.length === 0 || (f.from && f.to && f.from > f.to)) return Promise.resolve([]);
  const p = new URLSearchParams({ limit: String(timelineLimit), kind: f.kinds.join(',') });
  if (f.identity) p.set('identity', String(f.identity));
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  return api.list<TimelineItem>(`/api/v1/contacts/${contactId}/timeline?${p.toString()}`);
}

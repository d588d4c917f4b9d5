// Loading the chat lists over REST, with each chat's last message for its preview.
import { api } from '../api/client';
import type { Chat, ChatPage, MessagePage } from '../api/types';
import { myId, store, upsertChat } from '../state';
import { loadHistory } from './chat';
import { participationOf } from './participants';
import { refreshCounts } from './reads';
import { showError } from './toast';

const closedPage = 50;
// A seq larger than any real one: "before" it means the newest page.
export const newestSeq = '4611686018427387904';

function merge(chats: Chat[], fresh = false): void {
  store.set((s) => {
    // A fresh load drops chats that left my view, but keeps the one on screen.
    const sel = s.selected;
    let all = fresh ? (sel && s.chats[sel] ? { [sel]: s.chats[sel] } : {}) : s.chats;
    for (const c of chats) all = upsertChat(all, c);
    return { chats: all };
  });
}

// reloadLists reads every list again: at the start and, fresh, after a resync.
export async function reloadLists(fresh = false): Promise<void> {
  try {
    const [open, closed] = await Promise.all([
      api.get<ChatPage>('/api/v1/chats?state=waiting,in_progress&limit=500'),
      api.get<ChatPage>(`/api/v1/chats?state=completed&limit=${closedPage}`),
    ]);
    merge([...open.chats, ...closed.chats], fresh);
    const unread = { ...(fresh ? {} : store.get().unread), ...open.unread, ...closed.unread };
    store.set((s) => ({
      closedNext: closed.next ?? 0,
      offers: pruneOffers(s.offers, s.chats),
      unread,
      participants: participationOf(s.participants, open, closed),
    }));
    refreshCounts();
    void loadPreviews([...open.chats, ...closed.chats]);
    const sel = store.get().selected;
    if (sel) void loadHistory(sel, true);
  } catch (err) {
    showError(err);
  }
}

// pruneOffers keeps the invitations still standing, and adds those the lists show,
// as after a reload the offer events that announced them may be long past.
function pruneOffers(offers: Record<number, { chat: Chat; expires_at: string }>, chats: Record<number, Chat>) {
  const out: typeof offers = {};
  for (const c of Object.values(chats)) {
    if (c.state === 'waiting' && c.offered_to === myId()) out[c.id] = offers[c.id] ?? { chat: c, expires_at: '' };
  }
  return out;
}

export async function loadMoreClosed(): Promise<void> {
  const before = store.get().closedNext;
  if (!before) return;
  try {
    const page = await api.get<ChatPage>(`/api/v1/chats?state=completed&limit=${closedPage}&before=${before}`);
    merge(page.chats);
    store.set((s) => ({ closedNext: page.next ?? 0, unread: { ...s.unread, ...page.unread }, participants: participationOf(s.participants, page) }));
    void loadPreviews(page.chats);
  } catch (err) {
    showError(err);
  }
}

// loadPreviews fetches the last message of chats that have none yet, a few at a time.
async function loadPreviews(chats: Chat[]): Promise<void> {
  const todo = chats.filter((c) => c.last_seq > 0 && !store.get().lastMessage[c.id]);
  const worker = async () => {
    for (let c = todo.shift(); c; c = todo.shift()) {
      const id = c.id;
      try {
        const page = await api.get<MessagePage>(`/api/v1/chats/${id}/messages?before=${newestSeq}&limit=1`);
        const m = page.messages[0];
        if (m) store.set((s) => (s.lastMessage[id] && s.lastMessage[id].seq >= m.seq ? {} : { lastMessage: { ...s.lastMessage, [id]: m } }));
      } catch {
        // A preview is a nicety; the chat itself is listed anyway.
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

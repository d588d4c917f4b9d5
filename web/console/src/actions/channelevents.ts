// Live changes that messengers bring: a message changed (its delivery status,
// an edit, files that arrived after it) and an identity changed (the contact
// blocked the bot or unsubscribed, or came back).
import type { ChatContact, ChatHistory, Identity, Message } from '../api/types';
import { laterMessage, store } from '../state';
import { contactsChanged } from './contactview';
import { refreshWindow } from './windows';

export function onMessageUpdated(m: Message): void {
  store.set((s) => {
    const out: Partial<typeof s> = {};
    const list = s.messages[m.chat_id];
    if (list?.some((x) => x.id === m.id)) out.messages = { ...s.messages, [m.chat_id]: list.map((x) => (x.id === m.id ? laterMessage(x, m) : x)) };
    const last = s.lastMessage[m.chat_id];
    if (last?.id === m.id) out.lastMessage = { ...s.lastMessage, [m.chat_id]: laterMessage(last, m) };
    const parents = replaceInParents(s.parents, m);
    if (parents) out.parents = parents;
    return out;
  });
}

// replaceInParents puts m into the parent histories of transferred chats that
// show it; null when none does.
function replaceInParents(all: Record<number, ChatHistory['chats']>, m: Message): Record<number, ChatHistory['chats']> | null {
  let out: Record<number, ChatHistory['chats']> | null = null;
  for (const [id, chain] of Object.entries(all)) {
    if (!chain.some((p) => p.chat.id === m.chat_id && p.messages.some((x) => x.id === m.id))) continue;
    out ??= { ...all };
    out[Number(id)] = chain.map((p) => (p.chat.id === m.chat_id ? { ...p, messages: p.messages.map((x) => (x.id === m.id ? laterMessage(x, m) : x)) } : p));
  }
  return out;
}

export function onIdentityUpdated(i: Identity): void {
  const s = store.get();
  const chats = Object.entries(s.contacts).filter(([, cc]) => cc.identity.id === i.id);
  if (chats.length) {
    const contacts: Record<number, ChatContact> = { ...s.contacts };
    for (const [id, cc] of chats) contacts[Number(id)] = { ...cc, identity: i };
    store.set({ contacts });
  }
  for (const c of Object.values(s.chats)) if (c.identity_id === i.id) refreshWindow(c.id);
  contactsChanged();
}

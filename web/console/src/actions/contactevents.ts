// Live changes of contacts: one changed (contact.updated), was merged into
// another or stands again after an undo (contact.merged), or one of its chats
// started or changed state. The chats' contact panels and the contacts screen
// follow them.
import type { Merge } from '../api/contacts';
import type { Chat, ChatContact, Contact } from '../api/types';
import { store } from '../state';
import { loadContact } from './chat';
import { contactView, contactsChanged } from './contactview';

// A burst of events (a merge of several contacts) reads the open chat's contact once.
const refreshDelayMs = 150;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

export function onContactUpdated(c: Contact): void {
  store.set((s) => ({ contacts: openOnly(s.contacts, s.selected, c) }));
  refreshOpenContact();
  contactsChanged();
}

export function onContactMerged(m: Merge): void {
  const holder = m.undone_at ? m.from_id : m.into_id;
  store.set((s) => ({ chats: withHolder(s.chats, m.moved.chats ?? [], holder), contacts: openOnly(s.contacts, s.selected) }));
  refreshOpenContact();
  contactsChanged();
}

// onContactChat follows a chat that started, was taken or ended: the page of
// its contact, when on screen, reads its chats and history again.
export function onContactChat(c: Chat): void {
  const at = contactView.get().at;
  if (store.get().view === 'contacts' && at.page === 'contact' && at.id === c.contact_id) contactsChanged();
}

// onSimilarChanged follows a change that makes no event but changes which
// contacts are similar, such as two marked not duplicates.
export function onSimilarChanged(): void {
  store.set((s) => ({ contacts: openOnly(s.contacts, s.selected) }));
  refreshOpenContact();
  contactsChanged();
}

// openOnly keeps the open chat's contact alone, with c when it is that one:
// any contact's change may change how many contacts are like another, so the
// other chats' contacts are read again when those chats are opened.
function openOnly(all: Record<number, ChatContact>, open: number | null, c?: Contact): Record<number, ChatContact> {
  const cc = open ? all[open] : undefined;
  if (!open || !cc) return {};
  return { [open]: c && cc.contact.id === c.id ? { ...cc, contact: c } : cc };
}

// refreshOpenContact reads the open chat's contact again, with its similar
// count and whether a merge is suggested.
function refreshOpenContact(): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    const id = store.get().selected;
    if (id) void loadContact(id);
  }, refreshDelayMs);
}

// withHolder gives the chats a merge moved their new contact; open ones also
// come as chat.updated, closed ones only here.
function withHolder(chats: Record<number, Chat>, moved: number[], holder: number): Record<number, Chat> {
  let out = chats;
  for (const id of moved) {
    const c = out[id];
    if (c && c.contact_id !== holder) out = { ...out, [id]: { ...c, contact_id: holder } };
  }
  return out;
}

// One contact's chats, from every channel, in place of the lists (R2.19); one
// click puts the lists back.
import { store } from '../state';
import { loadChatSet } from './chatset';
import { showError } from './toast';

export async function showContactChats(contactId: number, name: string): Promise<void> {
  try {
    await loadChatSet(`contact=${contactId}`, (ids) => ({ contactChats: { contactId, name, ids } }));
  } catch (err) {
    showError(err);
  }
}

export function resetContactChats(): void {
  store.set({ contactChats: null });
}

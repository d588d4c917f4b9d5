// Where the contacts screen is: the directory, one contact's page, or the
// contacts like one (R3.3); and a counter that moves when contacts change, so
// that what the screen shows is read again.
import { createStore } from '../store';
import { store } from '../state';

export type ContactPlace = { page: 'directory' } | { page: 'contact'; id: number } | { page: 'similar'; id: number };

export const contactView = createStore<{ at: ContactPlace; changed: number }>({ at: { page: 'directory' }, changed: 0 });

export function openDirectory(): void {
  go({ page: 'directory' });
}

export function openContact(id: number): void {
  go({ page: 'contact', id });
}

export function openSimilar(id: number): void {
  go({ page: 'similar', id });
}

function go(at: ContactPlace): void {
  contactView.set({ at });
  store.set({ view: 'contacts' });
}

// contactsChanged tells the screen that a contact changed or was merged.
export function contactsChanged(): void {
  contactView.set((s) => ({ changed: s.changed + 1 }));
}

// Accounts, the companies contacts belong to (R3.7): read once and kept, with
// those created from the console added as they come.
import type { Account } from '../api/contacts';
import { contactsApi } from '../api/contacts';
import { createStore } from '../store';
import { showError } from './toast';

export const accounts = createStore<{ list: Account[] | null }>({ list: null });

let reading = false;

// loadAccounts reads the accounts unless they are known; force reads them again.
export function loadAccounts(force = false): void {
  if (reading || (accounts.get().list && !force)) return;
  reading = true;
  contactsApi
    .accounts()
    .then((list) => accounts.set({ list: byName(list) }))
    .catch(showError)
    .finally(() => {
      reading = false;
    });
}

// createAccount adds an account and returns it, or null when the server refused it.
export async function createAccount(name: string): Promise<Account | null> {
  try {
    const a = await contactsApi.createAccount(name.trim());
    accounts.set((s) => ({ list: byName([...(s.list ?? []).filter((x) => x.id !== a.id), a]) }));
    return a;
  } catch (err) {
    showError(err);
    return null;
  }
}

export function accountName(list: Account[] | null, id: number): string {
  return list?.find((a) => a.id === id)?.name ?? `#${id}`;
}

function byName(list: Account[]): Account[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name));
}

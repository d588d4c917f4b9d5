// Changing contacts from the console: filling one in by hand (R3.2) or
// creating one, merging similar ones into a chosen record, undoing a merge, and
// marking two contacts as different people (R3.3).
import { t } from '../i18n';
import { contactsApi, type ContactInput, type Merge } from '../api/contacts';
import type { Contact } from '../api/types';
import { store } from '../state';
import { onContactMerged, onContactUpdated, onSimilarChanged } from './contactevents';
import { contactsChanged, openContact } from './contactview';
import { showError, toast } from './toast';

// saveContact changes the contact with id, or creates one when id is 0; it
// returns the contact as saved, or null when the server refused.
export async function saveContact(id: number, input: ContactInput): Promise<Contact | null> {
  try {
    const c = id ? await contactsApi.update(id, input) : await contactsApi.create(input);
    onContactUpdated(c);
    toast(t('contact.saved'), 'info');
    return c;
  } catch (err) {
    showError(err);
    return null;
  }
}

// confirmMerge asks before merging the contacts of from into the one kept.
export function confirmMerge(into: Contact, from: number[]): void {
  store.set({
    confirm: {
      title: t('merge.confirmTitle'),
      text: t('merge.confirmText', { n: from.length, name: into.name }),
      ok: t('merge.ok'),
      onOk: () => void merge(into.id, from),
    },
  });
}

async function merge(into: number, from: number[]): Promise<void> {
  try {
    const res = await contactsApi.merge(into, from);
    res.items.forEach(onContactMerged);
    toast(t('merge.done', { n: res.items.length }), 'info');
    openContact(into);
  } catch (err) {
    showError(err);
    contactsChanged();
  }
}

// confirmUndo asks before undoing a merge.
export function confirmUndo(m: Merge, fromName: string): void {
  store.set({
    confirm: {
      title: t('merge.undoTitle'),
      text: t('merge.undoText', { name: fromName }),
      ok: t('merge.undo'),
      onOk: () => void undo(m.id),
    },
  });
}

async function undo(id: number): Promise<void> {
  try {
    onContactMerged(await contactsApi.undo(id));
    toast(t('merge.undone'), 'info');
  } catch (err) {
    showError(err);
    contactsChanged();
  }
}

// markNotDuplicates remembers that other is not the same person as id.
export async function markNotDuplicates(id: number, other: number): Promise<void> {
  try {
    await contactsApi.notDuplicates(id, other);
    toast(t('similar.notDuplicatesDone'), 'info');
  } catch (err) {
    showError(err);
  }
  onSimilarChanged();
}

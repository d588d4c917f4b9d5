// The custom contact fields admins define (R3.6), read once per session and
// again after an admin changes them.
import { api } from '../api/client';
import type { ContactField } from '../api/contacts';
import { createStore } from '../store';
import { showError } from './toast';

export const contactFields = createStore<{ defs: ContactField[] | null }>({ defs: null });

let reading = false;

// loadContactFields reads the definitions unless they are known; force reads them again.
export function loadContactFields(force = false): void {
  if (reading || (contactFields.get().defs && !force)) return;
  reading = true;
  api
    .list<ContactField>('/api/v1/contact-fields')
    .then((defs) => contactFields.set({ defs: byPosition(defs) }))
    .catch(showError)
    .finally(() => {
      reading = false;
    });
}

export function byPosition(defs: ContactField[]): ContactField[] {
  return [...defs].sort((a, b) => a.position - b.position || a.id - b.id);
}

// Filling a contact in by hand (R3.2, R3.6): name, e-mail, phone, account,
// owner and the custom fields, each by its kind. Without a contact it creates one.
import { useEffect, useState } from 'preact/hooks';
import { contactFields, loadContactFields } from '../actions/contactfields';
import { saveContact } from '../actions/contacts';
import type { ContactField, ContactInput } from '../api/contacts';
import type { Contact } from '../api/types';
import { Field } from '../admin/Editor';
import { t } from '../i18n';
import { AccountPicker } from './AccountPicker';
import { FieldInput } from './FieldInput';
import { OwnerPicker } from './OwnerPicker';

const noFields: ContactField[] = [];

// onDone gets the contact as saved, or null when the agent gave up.
export function ContactForm({ contact, onDone }: { contact: Contact | null; onDone: (c: Contact | null) => void }) {
  const defs = contactFields.use((s) => s.defs) ?? noFields;
  const [v, setV] = useState<ContactInput>(() => inputOf(contact));
  const [busy, setBusy] = useState(false);
  useEffect(() => loadContactFields(), []);
  const set = (patch: Partial<ContactInput>) => setV((old) => ({ ...old, ...patch }));
  const text = (k: 'name' | 'email' | 'phone') => (e: Event) => set({ [k]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const saved = await saveContact(contact?.id ?? 0, { ...v, fields: definedOnly(v.fields, defs) });
    setBusy(false);
    if (saved) onDone(saved);
  };
  return (
    <form class="contact-form" data-testid="contact-form" onSubmit={submit}>
      <Field label={t('visitor.name')}>
        <input data-testid="contact-name" required maxLength={200} value={v.name} onInput={text('name')} />
      </Field>
      <Field label={t('visitor.email')}>
        <input data-testid="contact-email" inputMode="email" maxLength={320} value={v.email} onInput={text('email')} />
      </Field>
      <Field label={t('visitor.phone')}>
        <input data-testid="contact-phone" type="tel" maxLength={50} value={v.phone} onInput={text('phone')} />
      </Field>
      <Field label={t('contact.account')}>
        <AccountPicker value={v.account_id} onChange={(account_id) => set({ account_id })} />
      </Field>
      <Field label={t('contact.owner')}>
        <OwnerPicker value={v.owner_id} onChange={(owner_id) => set({ owner_id })} />
      </Field>
      {defs.map((def) => (
        <Field key={def.key} label={def.label}>
          <FieldInput def={def} value={v.fields[def.key] ?? ''} onChange={(x) => set({ fields: { ...v.fields, [def.key]: x } })} />
        </Field>
      ))}
      <div class="editor-actions">
        <button type="submit" class="btn btn-primary" data-testid="contact-save" disabled={busy}>
          {t('admin.save')}
        </button>
        <button type="button" class="btn" data-testid="contact-cancel" onClick={() => onDone(null)}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}

function inputOf(c: Contact | null): ContactInput {
  return {
    name: c?.name ?? '',
    email: c?.email ?? '',
    phone: c?.phone ?? '',
    account_id: c?.account_id ?? 0,
    owner_id: c?.owner_id ?? 0,
    fields: { ...(c?.fields ?? {}) },
  };
}

// definedOnly keeps the values of fields that are still defined: the server
// refuses a key no field has, such as one an admin deleted.
function definedOnly(values: Record<string, string>, defs: ContactField[]): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => defs.some((d) => d.key === k)));
}

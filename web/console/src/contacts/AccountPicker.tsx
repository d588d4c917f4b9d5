// Picking the account (company) a contact belongs to (R3.7), or creating one
// on the spot.
import { useEffect, useState } from 'preact/hooks';
import { accounts, createAccount, loadAccounts } from '../actions/accounts';
import { t } from '../i18n';

const addNew = 'new';

export function AccountPicker({ value, onChange }: { value: number; onChange: (id: number) => void }) {
  const list = accounts.use((s) => s.list);
  const [adding, setAdding] = useState(false);
  useEffect(() => loadAccounts(), []);
  if (adding) {
    return (
      <NewAccount
        onDone={(id) => {
          setAdding(false);
          if (id) onChange(id);
        }}
      />
    );
  }
  const known = !value || !!list?.some((a) => a.id === value);
  return (
    <select
      data-testid="contact-account"
      value={String(value)}
      onChange={(e) => (e.currentTarget.value === addNew ? setAdding(true) : onChange(Number(e.currentTarget.value)))}
    >
      <option value="0">{t('contact.noAccount')}</option>
      {!known && <option value={String(value)}>#{value}</option>}
      {list?.map((a) => (
        <option key={a.id} value={String(a.id)}>
          {a.name}
        </option>
      ))}
      <option value={addNew}>{t('contact.newAccount')}</option>
    </select>
  );
}

// NewAccount names a new account; onDone gets its id, or 0 when given up.
function NewAccount({ onDone }: { onDone: (id: number) => void }) {
  const [name, setName] = useState('');
  const create = async () => {
    if (!name.trim()) return;
    const a = await createAccount(name);
    if (a) onDone(a.id);
  };
  return (
    <div class="inline-add">
      <input
        data-testid="contact-account-name"
        placeholder={t('contact.accountName')}
        maxLength={200}
        value={name}
        autoFocus
        onInput={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault(); // the contact's form is not sent yet
          void create();
        }}
      />
      <button type="button" class="btn btn-small" data-testid="contact-account-create" disabled={!name.trim()} onClick={() => void create()}>
        {t('contact.accountCreate')}
      </button>
      <button type="button" class="btn btn-small btn-ghost" onClick={() => onDone(0)}>
        {t('admin.cancel')}
      </button>
    </div>
  );
}

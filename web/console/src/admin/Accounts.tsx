// Accounts (R3.7): the companies contacts belong to, found by name, created and renamed.
import { useEffect, useState } from 'preact/hooks';
import { loadAccounts } from '../actions/accounts';
import { api } from '../api/client';
import type { Account } from '../api/contacts';
import { formatDateTime, t } from '../i18n';
import { Editor, Field, SectionHead } from './Editor';
import { AdminTable, EditCell } from './Table';
import { useItems } from './useItems';

const debounceMs = 300;

export function Accounts() {
  const [q, setQ] = useState('');
  const found = useSettled(q.trim());
  const { items, reload } = useItems<Account>(`/api/v1/accounts?limit=500&q=${encodeURIComponent(found)}`);
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  return (
    <div class="admin-section">
      <SectionHead title={t('admin.accounts')} onNew={() => setEditing('new')} />
      {editing && (
        <AccountForm
          key={editing === 'new' ? 'new' : editing.id}
          account={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            reload();
            loadAccounts(true);
          }}
        />
      )}
      <input
        type="search"
        data-testid="admin-accounts-search"
        aria-label={t('admin.accountsSearch')}
        placeholder={t('admin.accountsSearch')}
        maxLength={200}
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
      />
      <AdminTable
        heads={[t('admin.name'), t('admin.accountCreated'), t('admin.actions')]}
        items={items}
        row={(a) => (
          <>
            <td>{a.name}</td>
            <td>{a.created_at ? formatDateTime(a.created_at) : t('visitor.none')}</td>
            <EditCell onEdit={() => setEditing(a)} />
          </>
        )}
      />
    </div>
  );
}

function AccountForm({ account, onDone }: { account: Account | null; onDone: () => void }) {
  const [name, setName] = useState(account?.name ?? '');
  async function save() {
    if (account) await api.patch(`/api/v1/accounts/${account.id}`, { name: name.trim() });
    else await api.post('/api/v1/accounts', { name: name.trim() });
    onDone();
  }
  return (
    <Editor title={account ? account.name : t('admin.accounts')} onSave={save} onCancel={onDone}>
      <Field label={t('admin.name')}>
        <input data-testid="admin-account-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
    </Editor>
  );
}

// useSettled gives the value once typing has paused.
function useSettled(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), debounceMs);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

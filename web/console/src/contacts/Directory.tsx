// The contacts directory: standing contacts, newest first, a quick search by
// name, e-mail or phone, and Create contact.
import { useEffect, useRef, useState } from 'preact/hooks';
import { accountName, accounts, loadAccounts } from '../actions/accounts';
import { agentNames, loadAgentNames, shownName } from '../actions/agentnames';
import { contactView, openContact } from '../actions/contactview';
import { showError } from '../actions/toast';
import { contactsApi, contactsPage } from '../api/contacts';
import type { Contact } from '../api/types';
import { EmptyRow, TableHead } from '../admin/Table';
import { formatDateTime, t } from '../i18n';
import { ContactForm } from './ContactForm';

const debounceMs = 300;

export function Directory() {
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const { list, more, loadMore } = useDirectory(q);
  useEffect(() => {
    loadAccounts();
    void loadAgentNames();
  }, []);
  const heads = [t('visitor.name'), t('visitor.email'), t('visitor.phone'), t('contact.account'), t('contact.owner'), t('contact.created')];
  return (
    <div class="contact-page" data-testid="contacts-directory-page">
      <div class="section-head">
        <h2>{t('contacts.title')}</h2>
        <button class="btn btn-primary" data-testid="contact-create" disabled={creating} onClick={() => setCreating(true)}>
          {t('contacts.create')}
        </button>
      </div>
      {creating && (
        <div class="editor">
          <h3>{t('contacts.new')}</h3>
          <ContactForm
            contact={null}
            onDone={(c) => {
              setCreating(false);
              if (c) openContact(c.id);
            }}
          />
        </div>
      )}
      <input
        type="search"
        class="contacts-search"
        data-testid="contacts-search"
        aria-label={t('contacts.search')}
        placeholder={t('contacts.search')}
        maxLength={200}
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
      />
      <table class="table" data-testid="contacts-list">
        <TableHead heads={heads} />
        <tbody>
          {list?.length === 0 && <EmptyRow span={heads.length} text={q.trim() ? t('search.nothing') : t('contacts.empty')} />}
          {list?.map((c) => <ContactLine key={c.id} c={c} />)}
        </tbody>
      </table>
      {more && (
        <button class="btn" data-testid="contacts-more" onClick={loadMore}>
          {t('lists.loadMore')}
        </button>
      )}
    </div>
  );
}

function ContactLine({ c }: { c: Contact }) {
  const names = agentNames.use((s) => s.names);
  const list = accounts.use((s) => s.list);
  return (
    <tr data-testid="contacts-row" data-id={c.id}>
      <td>
        <button class="link-btn" onClick={() => openContact(c.id)}>
          {c.name}
        </button>
      </td>
      <td>{c.email || t('visitor.none')}</td>
      <td>{c.phone || t('visitor.none')}</td>
      <td>{c.account_id ? accountName(list, c.account_id) : t('visitor.none')}</td>
      <td>{c.owner_id ? shownName(names, c.owner_id) : t('visitor.none')}</td>
      <td>{formatDateTime(c.created_at)}</td>
    </tr>
  );
}

// useDirectory reads the contacts a search finds, or the newest page of them
// and on request the next, after a pause in typing and again whenever contacts change.
function useDirectory(q: string): { list: Contact[] | null; more: boolean; loadMore: () => void } {
  const changed = contactView.use((s) => s.changed);
  const [list, setList] = useState<Contact[] | null>(null);
  const [more, setMore] = useState(false);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      contactsApi.list(q).then((found) => {
        if (mine !== seq.current) return;
        setList(found);
        setMore(!q.trim() && found.length >= contactsPage);
      }, showError);
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [q, changed]);
  const loadMore = () => {
    const last = list?.[list.length - 1];
    if (!last) return;
    const mine = ++seq.current;
    contactsApi.list('', last.id).then((page) => {
      if (mine !== seq.current) return;
      setList((l) => [...(l ?? []), ...page]);
      setMore(page.length >= contactsPage);
    }, showError);
  };
  return { list, more, loadMore };
}

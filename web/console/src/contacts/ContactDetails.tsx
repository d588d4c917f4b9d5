// A contact's fields as read: e-mail, phone, account, owner and the custom
// fields in the admins' order.
import { useEffect } from 'preact/hooks';
import { accountName, accounts, loadAccounts } from '../actions/accounts';
import { agentNames, loadAgentNames, shownName } from '../actions/agentnames';
import { contactFields, loadContactFields } from '../actions/contactfields';
import type { Contact } from '../api/types';
import { t } from '../i18n';

export function ContactDetails({ contact: c }: { contact: Contact }) {
  const defs = contactFields.use((s) => s.defs);
  const names = agentNames.use((s) => s.names);
  const list = accounts.use((s) => s.list);
  useEffect(() => {
    loadContactFields();
    loadAccounts();
    void loadAgentNames();
  }, []);
  return (
    <dl class="details contact-details" data-testid="contact-details">
      <Detail id="email" label={t('visitor.email')} value={c.email} />
      <Detail id="phone" label={t('visitor.phone')} value={c.phone} />
      <Detail id="account" label={t('contact.account')} value={c.account_id ? accountName(list, c.account_id) : ''} />
      <Detail id="owner" label={t('contact.owner')} value={c.owner_id ? shownName(names, c.owner_id) : ''} />
      {defs?.map((d) => <Detail key={d.key} id={`field-${d.key}`} label={d.label} value={c.fields?.[d.key] ?? ''} />)}
    </dl>
  );
}

function Detail({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div class="detail" data-testid={`contact-detail-${id}`}>
      <dt>{label}</dt>
      <dd>{value || t('visitor.none')}</dd>
    </div>
  );
}

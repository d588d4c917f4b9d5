// One contact's page (R3.4): its fields, edited by hand, its identities on
// every channel, its chats, its history, its merges with Undo, and the contacts
// like it; Write to start a chat (R3.8) and Block (R3.5).
import { useState } from 'preact/hooks';
import { openContact } from '../actions/contactview';
import { contactsApi } from '../api/contacts';
import { t } from '../i18n';
import { BlockBadge } from './BlockBadge';
import { ContactActions } from './ContactActions';
import { ContactChats } from './ContactChats';
import { ContactDetails } from './ContactDetails';
import { ContactForm } from './ContactForm';
import { ContactPhoto } from './ContactPhoto';
import { Crumbs } from './Contacts';
import { History } from './History';
import { Identities } from './Identities';
import { Merges } from './Merges';
import { SimilarList } from './SimilarList';
import { useContactData } from './useContactData';

export function ContactPage({ id }: { id: number }) {
  const rec = useContactData(() => contactsApi.get(id), [id]);
  const [editing, setEditing] = useState(false);
  if (!rec) return <p class="hint">{t('conv.loading')}</p>;
  const c = rec.contact;
  return (
    <div class="contact-page" data-testid="contact-page" data-contact-id={c.id}>
      <Crumbs />
      <div class="contact-page-head">
        <div class="contact-title">
          <ContactPhoto contact={c} size={56} />
          <h2 data-testid="contact-page-name">{c.name}</h2>
          <BlockBadge contactId={c.id} />
        </div>
        <div class="contact-tools">
          {!c.merged_into && !editing && (
            <button class="btn" data-testid="contact-page-edit" onClick={() => setEditing(true)}>
              {t('contact.edit')}
            </button>
          )}
          <ContactActions contact={c} />
        </div>
      </div>
      {!!c.merged_into && <MergedInto into={c.merged_into} />}
      <section class="contact-section">
        {editing ? <ContactForm contact={c} onDone={() => setEditing(false)} /> : <ContactDetails contact={c} />}
      </section>
      <Identities list={rec.identities} />
      <ContactChats id={c.id} />
      <History contactId={c.id} name={c.name} identities={rec.identities} />
      <Merges contactId={c.id} name={c.name} />
      {!c.merged_into && (
        <section class="contact-section" aria-labelledby="contact-similar-title">
          <h3 id="contact-similar-title">{t('similar.title')}</h3>
          <SimilarList id={c.id} />
        </section>
      )}
    </div>
  );
}

// MergedInto says that the contact no longer stands by itself, and where it went.
function MergedInto({ into }: { into: number }) {
  return (
    <p class="contact-merged" data-testid="contact-merged-into">
      {t('contact.mergedInto')}{' '}
      <button class="link-btn" onClick={() => openContact(into)}>
        {t('contact.openMerged')}
      </button>
    </p>
  );
}

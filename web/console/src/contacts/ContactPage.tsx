// One contact's page (R3.4): its fields, edited by hand, its identities on
// every channel, its chats, its merges with Undo, and the contacts like it.
import { useState } from 'preact/hooks';
import { openContact } from '../actions/contactview';
import { contactsApi } from '../api/contacts';
import { t } from '../i18n';
import { ContactChats } from './ContactChats';
import { ContactDetails } from './ContactDetails';
import { ContactForm } from './ContactForm';
import { Crumbs } from './Contacts';
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
        <h2 data-testid="contact-page-name">{c.name}</h2>
        {!c.merged_into && !editing && (
          <button class="btn" data-testid="contact-page-edit" onClick={() => setEditing(true)}>
            {t('contact.edit')}
          </button>
        )}
      </div>
      {!!c.merged_into && <MergedInto into={c.merged_into} />}
      <section class="contact-section">
        {editing ? <ContactForm contact={c} onDone={() => setEditing(false)} /> : <ContactDetails contact={c} />}
      </section>
      <Identities list={rec.identities} />
      <ContactChats id={c.id} />
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

// The contacts screen: the directory, one contact's page, or the contacts like
// one (R3.3).
import type { ComponentChildren } from 'preact';
import { contactView, openContact, openDirectory } from '../actions/contactview';
import { t } from '../i18n';
import { ContactPage } from './ContactPage';
import { Directory } from './Directory';
import { SimilarList } from './SimilarList';
import '../styles/contacts.css';

export function Contacts() {
  const at = contactView.use((s) => s.at);
  return (
    <div class="contacts-screen" data-testid="contacts-view" aria-label={t('contacts.title')}>
      {at.page === 'directory' && <Directory />}
      {at.page === 'contact' && <ContactPage key={at.id} id={at.id} />}
      {at.page === 'similar' && <SimilarView key={at.id} id={at.id} />}
    </div>
  );
}

function SimilarView({ id }: { id: number }) {
  return (
    <div class="contact-page" data-testid="similar-view" data-contact-id={id}>
      <Crumbs>
        <button class="link-btn" data-testid="similar-back" onClick={() => openContact(id)}>
          {t('similar.back')}
        </button>
      </Crumbs>
      <h2>{t('similar.title')}</h2>
      <p class="hint">{t('similar.hint')}</p>
      <SimilarList id={id} />
    </div>
  );
}

// Crumbs lead back to the directory, and further where children say.
export function Crumbs({ children }: { children?: ComponentChildren }) {
  return (
    <nav class="crumbs" aria-label={t('contacts.path')}>
      <button class="link-btn" data-testid="contacts-directory" onClick={openDirectory}>
        {t('contacts.title')}
      </button>
      {children && <span aria-hidden="true">›</span>}
      {children}
    </nav>
  );
}

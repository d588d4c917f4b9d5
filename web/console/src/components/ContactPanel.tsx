// The chat's contact (R3.2, R3.3, R3.6): who it is, filled in or corrected by
// hand, how many contacts are like it, and the merge suggested unasked when
// another contact shares its phone or e-mail; whether it is blocked, with Write
// (R3.8) and Block (R3.5).
import { useEffect, useRef, useState } from 'preact/hooks';
import { loadContact } from '../actions/chat';
import { openContact, openSimilar } from '../actions/contactview';
import type { Chat } from '../api/types';
import { BlockBadge } from '../contacts/BlockBadge';
import { ContactActions } from '../contacts/ContactActions';
import { ContactDetails } from '../contacts/ContactDetails';
import { ContactForm } from '../contacts/ContactForm';
import { ContactPhoto } from '../contacts/ContactPhoto';
import { UnreachableBadge } from '../contacts/UnreachableBadge';
import { t } from '../i18n';
import { store } from '../state';
import { MergeSuggestion } from './MergeSuggestion';
import '../styles/contacts.css';

export function ContactPanel({ chat }: { chat: Chat }) {
  const cc = store.use((s) => s.contacts[chat.id]);
  const [editing, setEditing] = useState(false);
  // A merge gives the chat another contact: the panel reads it, once for each
  // contact the chat names, should the two still differ.
  const asked = useRef(0);
  useEffect(() => {
    if (!cc || cc.contact.id === chat.contact_id || asked.current === chat.contact_id) return;
    asked.current = chat.contact_id;
    void loadContact(chat.id);
  }, [cc, chat.id, chat.contact_id]);
  if (!cc) return null;
  const c = cc.contact;
  return (
    <section class="contact-panel" data-testid="contact-panel" data-contact-id={c.id} aria-labelledby="contact-panel-name">
      {cc.suggest_merge && <MergeSuggestion contactId={c.id} />}
      <div class="contact-panel-head">
        <ContactPhoto contact={c} size={40} />
        <h4 id="contact-panel-name" data-testid="contact-panel-name">
          {c.name}
        </h4>
        {!editing && (
          <button class="link-btn" data-testid="contact-edit" onClick={() => setEditing(true)}>
            {t('contact.edit')}
          </button>
        )}
      </div>
      <BlockBadge contactId={c.id} identityId={cc.identity.id} />
      <UnreachableBadge reason={cc.identity.unreachable} />
      {editing ? <ContactForm key={c.id} contact={c} onDone={() => setEditing(false)} /> : <ContactDetails contact={c} />}
      <div class="contact-links">
        {cc.similar > 0 ? (
          <button class="link-btn" data-testid="contact-similar" data-count={cc.similar} onClick={() => openSimilar(c.id)}>
            {t('contact.similar', { n: cc.similar })}
          </button>
        ) : (
          <span class="hint" data-testid="contact-similar" data-count="0">
            {t('contact.noSimilar')}
          </span>
        )}
        <button class="link-btn" data-testid="contact-open" onClick={() => openContact(c.id)}>
          {t('contact.open')}
        </button>
      </div>
      <ContactActions contact={c} compact />
    </section>
  );
}

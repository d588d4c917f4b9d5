// Blocking a contact (R3.5), for supervisors and admins: a new block on the
// whole contact or one identity, the contact's blocks with Lift, and what it
// wrote while blocked.
import { blocksApi } from '../api/blocks';
import { contactsApi } from '../api/contacts';
import type { Contact } from '../api/types';
import { t } from '../i18n';
import { BlockedMessages } from './BlockedMessages';
import { BlockForm } from './BlockForm';
import { BlockList } from './BlockList';
import { ContactDialog } from './ContactDialog';
import { useChannels } from './IdentityPicker';
import { useContactData } from './useContactData';

export function BlockDialog({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const rec = useContactData(() => contactsApi.get(contact.id), [contact.id]);
  const blocks = useContactData(() => blocksApi.list(contact.id), [contact.id]);
  const channels = useChannels();
  const identities = rec?.identities ?? [];
  return (
    <ContactDialog title={t('block.title', { name: contact.name })} testId="block-dialog" onClose={onClose}>
      <BlockForm contactId={contact.id} identities={identities} channels={channels} />
      <section class="block-section" aria-labelledby="block-list-title">
        <h3 id="block-list-title">{t('block.list')}</h3>
        <BlockList blocks={blocks} identities={identities} channels={channels} />
      </section>
      <BlockedMessages contactId={contact.id} identities={identities} channels={channels} />
      <div class="modal-actions">
        <button class="btn" data-testid="block-close" onClick={onClose}>
          {t('settings.close')}
        </button>
      </div>
    </ContactDialog>
  );
}

// Writing to a contact first (R2.21, R3.8): the agent picks the identity, and so
// the channel, to write through and types the first message; the chat it starts
// opens in the workspace. A refusal says in the server's words which condition
// failed: the channel switched off, never written through, its 24-hour window
// closed, a chat open there already, or a block.
import { useState } from 'preact/hooks';
import { writeToContact } from '../actions/outbound';
import { Field } from '../admin/Editor';
import { contactsApi } from '../api/contacts';
import type { Contact } from '../api/types';
import { t } from '../i18n';
import { uuid } from '../uuid';
import { ContactDialog } from './ContactDialog';
import { IdentityPicker, useChannels } from './IdentityPicker';
import { useContactData } from './useContactData';

// maxText mirrors the server's limit on a message, in characters.
const maxText = 10000;

export function WriteDialog({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const rec = useContactData(() => contactsApi.get(contact.id), [contact.id]);
  const channels = useChannels();
  const [picked, setPicked] = useState(0);
  const [text, setText] = useState('');
  const [refusal, setRefusal] = useState('');
  const [busy, setBusy] = useState(false);
  // One id per opened dialog: a send repeated after a lost answer starts one chat.
  const [clientId] = useState(uuid);
  const identities = rec?.identities ?? [];
  const identity = picked || identities[0]?.id || 0;
  const ready = !!identity && text.trim() !== '' && [...text.trim()].length <= maxText;
  const send = async (e: Event) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setRefusal('');
    const why = await writeToContact(contact.id, identity, clientId, text.trim());
    setBusy(false);
    if (why === null) onClose();
    else setRefusal(why);
  };
  return (
    <ContactDialog title={t('write.title', { name: contact.name })} testId="write-dialog" onClose={onClose}>
      {rec && identities.length === 0 && (
        <p class="hint" data-testid="write-no-identities">
          {t('write.noIdentities')}
        </p>
      )}
      <form class="write-form" onSubmit={send}>
        <Field label={t('write.channel')}>
          <IdentityPicker identities={identities} channels={channels} value={identity} onChange={setPicked} testId="write-identity" />
        </Field>
        <Field label={t('write.text')}>
          <textarea data-testid="write-text" rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </Field>
        <p class="hint">{t('write.hint')}</p>
        {refusal && (
          <p class="form-error" role="alert" data-testid="write-error">
            {refusal}
          </p>
        )}
        <div class="modal-actions">
          <button type="button" class="btn" data-testid="write-cancel" onClick={onClose}>
            {t('confirm.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" data-testid="write-send" disabled={!ready || busy}>
            {t('write.send')}
          </button>
        </div>
      </form>
    </ContactDialog>
  );
}

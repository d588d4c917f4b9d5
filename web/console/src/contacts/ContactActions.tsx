// What may be done to a contact from its page or from a chat's contact panel:
// write to it first (R2.21, R3.8) and, for supervisors and admins, block it (R3.5).
import { useCallback, useState } from 'preact/hooks';
import { mayBlock } from '../actions/blocks';
import type { Contact } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';
import { BlockDialog } from './BlockDialog';
import { WriteDialog } from './WriteDialog';

// compact draws the actions as links, as the narrow contact panel does.
export function ContactActions({ contact, compact }: { contact: Contact; compact?: boolean }) {
  const role = store.use((s) => s.me?.agent.role);
  const [open, setOpen] = useState<'write' | 'block' | null>(null);
  const close = useCallback(() => setOpen(null), []);
  if (contact.merged_into) return null;
  return (
    <div class="contact-actions">
      <button class={compact ? 'link-btn' : 'btn'} data-testid="contact-write" onClick={() => setOpen('write')}>
        {t('write.open')}
      </button>
      {mayBlock(role) && (
        <button class={compact ? 'link-btn danger' : 'btn btn-danger-outline'} data-testid="contact-block" onClick={() => setOpen('block')}>
          {t('block.open')}
        </button>
      )}
      {open === 'write' && <WriteDialog contact={contact} onClose={close} />}
      {open === 'block' && <BlockDialog contact={contact} onClose={close} />}
    </div>
  );
}

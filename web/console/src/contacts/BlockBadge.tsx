// "Blocked until …" while a block stops the contact, or the chat's identity of
// it (R3.5); read again whenever a block is placed, lifted or expires.
import { blocksApi, holds } from '../api/blocks';
import { formatDateTime, t } from '../i18n';
import { lastingLongest } from './blockText';
import { useContactData } from './useContactData';

export function BlockBadge({ contactId, identityId }: { contactId: number; identityId?: number }) {
  const blocks = useContactData(() => blocksApi.list(contactId), [contactId]);
  const b = lastingLongest(blocks?.filter((x) => holds(x, identityId)) ?? []);
  if (!b) return null;
  return (
    <span class="block-badge" data-testid="contact-blocked" data-block-id={b.id} title={b.reason}>
      {b.until ? t('block.badgeUntil', { at: formatDateTime(b.until) }) : t('block.badgeForever')}
    </span>
  );
}

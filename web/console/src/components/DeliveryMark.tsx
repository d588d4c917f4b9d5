// How far a message to a messenger got (R8.2): a clock while queued, one tick
// once sent, two once delivered, two coloured once read, and a red mark when it
// failed, whose reason shows as text under the message (DeliveryFailure).
import type { Delivery, Message } from '../api/types';
import { formatDateTime, t, type Key } from '../i18n';

const glyphs: Record<Delivery, string> = { queued: '', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' };

export function DeliveryMark({ m }: { m: Message }) {
  const d = m.delivery;
  if (!d || m.author.kind === 'contact') return null;
  const label = t(`delivery.${d}` as Key);
  return (
    <span class={`delivery delivery-${d}`} data-testid="delivery" data-delivery={d} title={label} role="img" aria-label={label}>
      {d === 'queued' ? <ClockIcon /> : glyphs[d]}
    </span>
  );
}

// DeliveryFailure says why a message did not reach the contact, or, on the
// contact's own message, that its media could not be fetched.
export function DeliveryFailure({ m }: { m: Message }) {
  if (m.delivery !== 'failed') return null;
  const what = m.author.kind === 'contact' ? t('delivery.mediaFailed') : t('delivery.failedText');
  return (
    <div class="delivery-reason" data-testid="delivery-reason" role="note">
      {m.delivery_reason ? t('delivery.because', { what, reason: m.delivery_reason }) : what}
    </div>
  );
}

// EditedMark tells that the sender changed the message, and when, on hover.
export function EditedMark({ at }: { at?: string }) {
  if (!at) return null;
  const when = t('msg.editedAt', { at: formatDateTime(at) });
  return (
    <span class="msg-edited" data-testid="message-edited" title={when} aria-label={when}>
      {t('msg.edited')}
    </span>
  );
}

function ClockIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" aria-hidden="true">
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </svg>
  );
}

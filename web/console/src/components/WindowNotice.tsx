// A line above the reply box on what the chat's channel allows now (R2.21):
// refused with the reason, an answer sent with Messenger's HUMAN_AGENT tag,
// or when the window for free text closes.
import type { ChatWindow } from '../api/types';
import { formatClock, formatDateTime, t } from '../i18n';

export function WindowNotice({ w }: { w: ChatWindow | undefined }) {
  if (!w) return null;
  if (w.refused) {
    return (
      <p class="window-notice window-refused" data-testid="window-refused" role="alert">
        {t('window.refused', { reason: w.refused })}
      </p>
    );
  }
  if (w.needs_template) {
    return (
      <p class="window-notice window-closed" data-testid="window-template">
        {t('window.needsTemplate')}
      </p>
    );
  }
  if (!w.closes_at) return null;
  const at = closingTime(w.closes_at);
  if (w.tagged) {
    return (
      <p class="window-notice window-tagged" data-testid="window-tagged">
        {t('window.tagged', { at })}
      </p>
    );
  }
  return (
    <p class="window-notice" data-testid="window-closes" data-closes-at={w.closes_at}>
      {t('window.closesAt', { at })}
    </p>
  );
}

// closingTime is the hour alone within a day, the date with it beyond.
function closingTime(iso: string): string {
  const ms = Date.parse(iso) - Date.now();
  const sameDay = new Date(iso).toDateString() === new Date().toDateString();
  return sameDay && ms < 24 * 3600 * 1000 ? formatClock(iso) : formatDateTime(iso);
}

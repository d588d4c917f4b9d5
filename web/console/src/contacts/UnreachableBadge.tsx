// "Cannot be written to" on an identity whose contact blocked the bot or
// unsubscribed, with the channel's reason in words.
import { t } from '../i18n';
import '../styles/channels.css';

export function UnreachableBadge({ reason }: { reason?: string }) {
  if (!reason) return null;
  return (
    <span class="unreachable-badge" data-testid="identity-unreachable" title={reason}>
      {t('identity.unreachable', { reason })}
    </span>
  );
}

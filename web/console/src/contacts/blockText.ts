// The words that tell a block (R3.5): what it stops, until when, and how it ended.
import { shownName } from '../actions/agentnames';
import type { Block } from '../api/blocks';
import type { Channel, Identity } from '../api/types';
import { formatDateTime, t } from '../i18n';
import { identityText } from './IdentityPicker';

export function reachText(b: Block, identities: Identity[], channels: Channel[] | null): string {
  if (!b.identity_id) return t('block.wholeContact');
  const i = identities.find((x) => x.id === b.identity_id);
  return i ? identityText(i, channels) : t('block.identity', { id: b.identity_id });
}

export function untilText(b: Block): string {
  return b.until ? t('block.untilAt', { at: formatDateTime(b.until) }) : t('block.untilFurtherNotice');
}

// endedText says how a past block ended: lifted by whom, when and why, or expired.
export function endedText(b: Block, names: Record<number, string> | null): string {
  const at = b.ended_at ? formatDateTime(b.ended_at) : '';
  if (b.state === 'expired') return t('block.expiredAt', { at });
  const lifted = t('block.liftedBy', { name: shownName(names, b.lifted_by ?? 0), at });
  return b.lift_reason ? `${lifted}: ${b.lift_reason}` : lifted;
}

// lastingLongest is the block of the list that ends last: one until further
// notice before any with an end.
export function lastingLongest(blocks: Block[]): Block | null {
  let best: Block | null = null;
  for (const b of blocks) {
    if (!best || (best.until && (!b.until || Date.parse(b.until) > Date.parse(best.until)))) best = b;
  }
  return best;
}

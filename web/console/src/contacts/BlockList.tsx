// A contact's blocks (R3.5), the active first, then the past ones newest first:
// what each stops, until when, why, who placed it and when; Lift on the active
// ones, and how the past ones ended.
import { useEffect } from 'preact/hooks';
import { agentNames, loadAgentNames, shownName } from '../actions/agentnames';
import type { Block } from '../api/blocks';
import type { Channel, Identity } from '../api/types';
import { formatDateTime, t } from '../i18n';
import { endedText, reachText, untilText } from './blockText';
import { LiftBlock } from './LiftBlock';

interface Props {
  blocks: Block[] | null;
  identities: Identity[];
  channels: Channel[] | null;
}

export function BlockList({ blocks, identities, channels }: Props) {
  const names = agentNames.use((s) => s.names);
  useEffect(() => void loadAgentNames(), []);
  if (!blocks) return <p class="hint">{t('conv.loading')}</p>;
  if (blocks.length === 0) {
    return (
      <p class="hint" data-testid="block-none">
        {t('block.none')}
      </p>
    );
  }
  // The server lists them newest first; a stable sort keeps that order within each part.
  const sorted = [...blocks].sort((a, b) => Number(b.state === 'active') - Number(a.state === 'active'));
  return (
    <ul class="block-list" data-testid="block-list">
      {sorted.map((b) => (
        <BlockLine key={b.id} b={b} reach={reachText(b, identities, channels)} names={names} />
      ))}
    </ul>
  );
}

function BlockLine({ b, reach, names }: { b: Block; reach: string; names: Record<number, string> | null }) {
  return (
    <li class="block" data-testid="block-row" data-id={b.id} data-state={b.state}>
      <div class="block-head">
        <strong>{reach}</strong>
        <span class={`chip block-state-${b.state}`} data-testid="block-state">
          {t(`block.state.${b.state}`)}
        </span>
      </div>
      <div class="block-reason" data-testid="block-reason-text">
        {b.reason}
      </div>
      <div class="hint">
        {untilText(b)} · {t('block.placedBy', { name: shownName(names, b.created_by), at: formatDateTime(b.created_at) })}
      </div>
      {b.state === 'active' ? (
        <LiftBlock id={b.id} />
      ) : (
        <div class="hint" data-testid="block-ended">
          {endedText(b, names)}
        </div>
      )}
    </li>
  );
}

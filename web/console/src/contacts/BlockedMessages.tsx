// What a blocked contact wrote (R3.5): kept apart, in no chat and seen by no
// agent; supervisors and admins read it here, newest first, with the identity
// it came through.
import { useState } from 'preact/hooks';
import { showError } from '../actions/toast';
import { blocksApi, type BlockedMessage, type BlockedPage } from '../api/blocks';
import type { Channel, Identity } from '../api/types';
import { formatDateTime, t } from '../i18n';
import { identityText } from './IdentityPicker';
import { useContactData } from './useContactData';

interface Props {
  contactId: number;
  identities: Identity[];
  channels: Channel[] | null;
}

export function BlockedMessages({ contactId, identities, channels }: Props) {
  const first = useContactData(() => blocksApi.held(contactId), [contactId]);
  // older holds the pages read after a first page; a fresh first page drops them.
  const [older, setOlder] = useState<{ of: BlockedPage; page: BlockedPage } | null>(null);
  const more = older && older.of === first ? older.page : null;
  const items = [...(first?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.next : first?.next;
  const loadMore = () => {
    const of = first;
    if (!of) return;
    blocksApi.held(contactId, next).then((p) => setOlder({ of, page: { items: [...(more?.items ?? []), ...p.items], next: p.next } }), showError);
  };
  return (
    <section class="block-section" aria-labelledby="blocked-messages-title">
      <h3 id="blocked-messages-title">{t('block.messages')}</h3>
      {first && items.length === 0 && <p class="hint">{t('block.noMessages')}</p>}
      <ul class="blocked-messages" data-testid="blocked-messages">
        {items.map((m) => (
          <HeldLine key={m.id} m={m} where={whereFrom(m, identities, channels)} />
        ))}
      </ul>
      {!!next && (
        <button class="btn btn-small" data-testid="blocked-more" onClick={loadMore}>
          {t('lists.loadMore')}
        </button>
      )}
    </section>
  );
}

function HeldLine({ m, where }: { m: BlockedMessage; where: string }) {
  return (
    <li class="blocked-message" data-testid="blocked-message" data-id={m.id} data-block-id={m.block_id}>
      <div class="hint">
        {formatDateTime(m.created_at)}
        {where && ` · ${where}`}
      </div>
      {m.text && <div class="blocked-text" data-testid="blocked-text">{m.text}</div>}
      {m.files?.map((f) => (
        <div key={f.id} class="hint">
          📎 {f.name}
        </div>
      ))}
    </li>
  );
}

// whereFrom names the identity a message came through, when it is still the contact's.
function whereFrom(m: BlockedMessage, identities: Identity[], channels: Channel[] | null): string {
  const ident = identities.find((i) => i.id === m.identity_id);
  return ident ? identityText(ident, channels) : '';
}

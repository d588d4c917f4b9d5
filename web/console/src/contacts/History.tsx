// A contact's history (R3.4): its chats on every channel and its merges, newest
// first, filtered by identity, kind and period.
import { useMemo, useState } from 'preact/hooks';
import { allOfTimeline, readTimeline, type TimelineFilter } from '../api/timeline';
import type { Identity } from '../api/types';
import { t } from '../i18n';
import { HistoryFilters } from './HistoryFilters';
import { HistoryItem } from './HistoryItem';
import { useChannels } from './IdentityPicker';
import { useContactNames } from './Merges';
import { useContactData } from './useContactData';

interface Props {
  contactId: number;
  name: string;
  identities: Identity[];
}

export function History({ contactId, name, identities }: Props) {
  const [f, setF] = useState<TimelineFilter>(allOfTimeline);
  const items = useContactData(() => readTimeline(contactId, f), [contactId, f]);
  const merges = useMemo(() => items?.flatMap((it) => (it.merge ? [it.merge] : [])) ?? null, [items]);
  const names = useContactNames(merges, contactId, name);
  const channels = useChannels();
  return (
    <section class="contact-section" aria-labelledby="history-title" data-testid="contact-history">
      <h3 id="history-title">{t('history.title')}</h3>
      <HistoryFilters identities={identities} channels={channels} f={f} onChange={setF} />
      {!!f.identity && <p class="hint">{t('history.identityHint')}</p>}
      <ul class="history-list" data-testid="history-list">
        {items?.length === 0 && (
          <li class="hint" data-testid="history-empty">
            {t('history.empty')}
          </li>
        )}
        {items?.map((it) => (
          <HistoryItem key={`${it.kind}-${it.chat?.id ?? it.merge?.id}`} item={it} names={names} />
        ))}
      </ul>
    </section>
  );
}

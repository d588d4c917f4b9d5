// The filters of a contact's history (R3.4): one identity or all, the kinds of
// event, a period by dates, and Reset.
import type { TimelineFilter, TimelineKind } from '../api/timeline';
import { allOfTimeline, timelineKinds } from '../api/timeline';
import type { Channel, Identity } from '../api/types';
import { t } from '../i18n';
import { IdentityPicker } from './IdentityPicker';

interface Props {
  identities: Identity[];
  channels: Channel[] | null;
  f: TimelineFilter;
  onChange: (f: TimelineFilter) => void;
}

export function HistoryFilters({ identities, channels, f, onChange }: Props) {
  const set = (patch: Partial<TimelineFilter>) => onChange({ ...f, ...patch });
  const tick = (k: TimelineKind, on: boolean) => set({ kinds: timelineKinds.filter((x) => (x === k ? on : f.kinds.includes(x))) });
  return (
    <div class="history-filters" data-testid="history-filters">
      <label class="field">
        <span>{t('history.identity')}</span>
        <IdentityPicker
          identities={identities}
          channels={channels}
          value={f.identity}
          onChange={(identity) => set({ identity })}
          testId="history-identity"
          none={t('history.allIdentities')}
        />
      </label>
      <fieldset class="history-kinds">
        <legend>{t('history.kinds')}</legend>
        {timelineKinds.map((k) => (
          <label key={k} class="check">
            <input type="checkbox" data-testid={`history-kind-${k}`} checked={f.kinds.includes(k)} onChange={(e) => tick(k, e.currentTarget.checked)} />
            {t(`history.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span>{t('search.from')}</span>
        <input type="date" data-testid="history-from" value={f.from} max={f.to || undefined} onInput={(e) => set({ from: e.currentTarget.value })} />
      </label>
      <label class="field">
        <span>{t('search.to')}</span>
        <input type="date" data-testid="history-to" value={f.to} min={f.from || undefined} onInput={(e) => set({ to: e.currentTarget.value })} />
      </label>
      <button class="btn" data-testid="history-reset" disabled={isAll(f)} onClick={() => onChange(allOfTimeline)}>
        {t('history.reset')}
      </button>
    </div>
  );
}

function isAll(f: TimelineFilter): boolean {
  return !f.identity && !f.from && !f.to && f.kinds.length === timelineKinds.length;
}

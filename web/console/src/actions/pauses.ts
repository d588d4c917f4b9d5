// Pause reasons: loaded once per session and kept current by events.
import { api } from '../api/client';
import type { Agent, Items, PauseReason } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';
import { showError } from './toast';

export function loadPauseReasons(): void {
  api
    .get<Items<PauseReason>>('/api/v1/pause-reasons')
    .then((r) => store.set({ pauseReasons: r.items }))
    .catch(showError);
}

export function onPauseReason(r: PauseReason): void {
  store.set((s) => {
    const others = s.pauseReasons.filter((x) => x.id !== r.id);
    return { pauseReasons: [...others, r].sort((a, b) => a.id - b.id) };
  });
}

// statusLabel names an agent's status: "Paused: Lunch" for a pause.
export function statusLabel(a: Pick<Agent, 'status' | 'pause_reason_id'>, reasons: PauseReason[]): string {
  if (a.status === 'active') return t('status.active');
  if (a.status === 'inactive') return t('status.inactive');
  const reason = reasons.find((r) => r.id === a.pause_reason_id);
  return reason ? t('status.pausedFor', { name: reason.name }) : t('status.paused');
}

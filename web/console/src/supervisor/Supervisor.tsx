// The supervisor screen: every queue's waiting chats and load, and every agent's
// status, time in it, load and console, live.
import type { ComponentChildren } from 'preact';
import { statusLabel } from '../actions/pauses';
import { EmptyRow, TableHead } from '../admin/Table';
import { clock } from '../components/RowTimer';
import { t } from '../i18n';
import type { AgentOverview, QueueOverview } from '../api/types';
import { store } from '../state';
import { useNow, useSupervisorView } from './useSupervisorView';

export function Supervisor() {
  const loaded = useSupervisorView();
  const now = useNow();
  // since is how many milliseconds have passed, as of now, for a figure of the view.
  const since = (seconds: number) => seconds * 1000 + (loaded ? Math.max(0, now - loaded.loadedAt) : 0);
  return (
    <div class="supervisor" data-testid="supervisor-view" aria-label={t('sup.label')}>
      <Section
        title={t('sup.queues')}
        heads={[t('sup.queue'), t('admin.priority'), t('sup.waiting'), t('sup.longestWait'), t('sup.inProgress')]}
        empty={loaded?.view.queues.length === 0 ? t('sup.noQueues') : ''}
      >
        {loaded?.view.queues.map((q) => <QueueRow key={q.id} queue={q} waitedMs={since(q.longest_wait)} />)}
      </Section>
      <Section
        title={t('sup.agents')}
        heads={[t('sup.agent'), t('sup.status'), t('sup.timeInStatus'), t('sup.load'), t('sup.online')]}
        empty={loaded?.view.agents.length === 0 ? t('sup.noAgents') : ''}
      >
        {loaded?.view.agents.map((a) => <AgentRow key={a.id} agent={a} inStatusMs={since(a.time_in_status)} />)}
      </Section>
    </div>
  );
}

// Section is a titled table; empty, when set, stands in for the rows.
function Section({ title, heads, empty, children }: { title: string; heads: string[]; empty: string; children: ComponentChildren }) {
  return (
    <section class="supervisor-section">
      <h2>{title}</h2>
      <table class="table">
        <TableHead heads={heads} />
        <tbody>
          {empty && <EmptyRow span={heads.length} text={empty} />}
          {children}
        </tbody>
      </table>
    </section>
  );
}

function QueueRow({ queue: q, waitedMs }: { queue: QueueOverview; waitedMs: number }) {
  return (
    <tr data-testid="supervisor-queue" data-id={q.id} class={q.waiting > 0 ? 'has-waiting' : ''}>
      <td>{q.name}</td>
      <td>{q.priority}</td>
      <td data-testid="supervisor-waiting" data-value={q.waiting}>
        {q.waiting}
      </td>
      <td data-testid="supervisor-longest-wait">{q.waiting > 0 ? clock(waitedMs) : '—'}</td>
      <td data-testid="supervisor-in-progress" data-value={q.in_progress}>
        {q.in_progress}
      </td>
    </tr>
  );
}

function AgentRow({ agent: a, inStatusMs }: { agent: AgentOverview; inStatusMs: number }) {
  const reasons = store.use((s) => s.pauseReasons);
  const online = a.online ? t('admin.online') : t('admin.offline');
  return (
    <tr data-testid="supervisor-agent" data-id={a.id} data-status={a.status}>
      <td>{a.name}</td>
      <td data-testid="supervisor-agent-status">
        <span class={`status-dot status-${a.status}`} aria-hidden="true" />
        {statusLabel(a, reasons)}
      </td>
      <td data-testid="supervisor-time-in-status">{clock(inStatusMs)}</td>
      <td data-testid="supervisor-agent-load" data-value={a.chats_in_progress}>
        {a.chats_in_progress} / {a.chat_limit}
        {a.chats_exceeded && (
          <span class="badge badge-warn" data-testid="supervisor-agent-exceeded">
            {t('admin.chatsExceeded')}
          </span>
        )}
      </td>
      <td>
        <span
          class={`presence-dot ${a.online ? 'on' : 'off'}`}
          data-testid="supervisor-agent-online"
          data-online={String(a.online)}
          role="img"
          aria-label={online}
          title={online}
        />
      </td>
    </tr>
  );
}

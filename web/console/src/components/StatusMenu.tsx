// My status in the header: a button showing it, opening a menu of Active,
// Inactive and a pause for each active reason.
import { useEffect, useRef, useState } from 'preact/hooks';
import { statusLabel } from '../actions/pauses';
import { setStatus } from '../actions/session';
import type { Agent, AgentStatus } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';

export function StatusMenu({ agent }: { agent: Agent }) {
  const reasons = store.use((s) => s.pauseReasons);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);

  const choose = (status: AgentStatus, reason?: number) => {
    setOpen(false);
    void setStatus(status, reason);
  };
  const current = (status: AgentStatus, reason?: number) =>
    agent.status === status && (status !== 'paused' || agent.pause_reason_id === reason);
  const options: { id: string; label: string; status: AgentStatus; reason?: number }[] = [
    { id: 'active', label: t('status.active'), status: 'active' },
    { id: 'inactive', label: t('status.inactive'), status: 'inactive' },
    ...reasons
      .filter((r) => r.active)
      .map((r) => ({ id: `pause-${r.id}`, label: t('status.pausedFor', { name: r.name }), status: 'paused' as const, reason: r.id })),
  ];
  const look = agent.status === 'active' ? 'on' : agent.status === 'paused' ? 'paused' : 'off';
  return (
    <div class="status-menu-wrap" ref={ref}>
      <button
        class={`status-switch ${look}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t('status.label')}
        title={t('status.menu')}
        data-testid="status-switch"
        data-status={agent.status}
        onClick={() => setOpen(!open)}
      >
        <span class="knob" aria-hidden="true" />
        <span class="status-text">{statusLabel(agent, reasons)}</span>
      </button>
      {open && (
        <div class="status-menu" role="menu" aria-label={t('status.menu')} data-testid="status-menu">
          {options.map((o) => (
            <button
              key={o.id}
              role="menuitemradio"
              aria-checked={current(o.status, o.reason)}
              class={`status-option status-option-${o.status}`}
              data-testid={`status-option-${o.id}`}
              onClick={() => choose(o.status, o.reason)}
            >
              <span class="dot" aria-hidden="true" />
              {o.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

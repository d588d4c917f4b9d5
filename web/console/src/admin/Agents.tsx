// Agents: list with status, console presence and load; statuses set by
// supervisors and admins; create, edit and deactivate by admins.
import { useEffect, useState } from 'preact/hooks';
import { statusLabel } from '../actions/pauses';
import { statusBody, updateMe } from '../actions/session';
import { showError } from '../actions/toast';
import { t, type Key } from '../i18n';
import { api } from '../api/client';
import type { Agent, AgentStatus, AgentSummary, PauseReason, Role } from '../api/types';
import { store } from '../state';
import { Editor, Field, SectionHead } from './Editor';
import { AdminTable } from './Table';
import { useItems } from './useItems';
import { noRights, RightsEditor } from './RightsEditor';

const roles: Role[] = ['agent', 'supervisor', 'admin'];

// reloadDelayMs gathers a burst of events into one reload of the list.
const reloadDelayMs = 300;

export function Agents() {
  const { items, reload } = useItems<AgentSummary>('/api/v1/agents');
  const [editing, setEditing] = useState<AgentSummary | 'new' | null>(null);
  const changed = store.use((s) => s.agentsChanged);
  const isAdmin = store.use((s) => s.me?.agent.role === 'admin');
  useEffect(() => {
    if (changed === 0) return;
    const timer = setTimeout(reload, reloadDelayMs);
    return () => clearTimeout(timer);
  }, [changed]);

  const deactivate = (a: Agent) =>
    store.set({
      confirm: {
        title: t('admin.deactivate'),
        text: t('admin.deactivateConfirm', { name: a.name }),
        ok: t('admin.deactivate'),
        onOk: () => void api.post(`/api/v1/agents/${a.id}/deactivate`).then(reload, showError),
      },
    });
  const reactivate = (a: Agent) => void api.patch(`/api/v1/agents/${a.id}`, { disabled: false }).then(reload, showError);

  return (
    <div class="admin-section">
      {isAdmin ? (
        <SectionHead title={t('admin.agents')} onNew={() => setEditing('new')} />
      ) : (
        <div class="section-head">
          <h2>{t('admin.agents')}</h2>
        </div>
      )}
      {editing && (
        <AgentForm
          key={editing === 'new' ? 'new' : editing.id}
          agent={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      <AdminTable
        heads={[t('admin.name'), t('admin.email'), t('admin.role'), t('admin.status'), t('admin.chats'), ...(isAdmin ? [t('admin.actions')] : [])]}
        items={items}
        muted={(a) => a.disabled}
        row={(a) => (
          <>
            <td>{a.name}</td>
            <td>{a.email}</td>
            <td>{t(`admin.role.${a.role}` as Key)}</td>
            <td>
              <AgentStatusCell agent={a} onChanged={reload} />
            </td>
            <td data-testid="agent-chats">
              {t('admin.chatsOf', { n: a.chats_in_progress, limit: a.chat_limit })}
              {a.chats_exceeded && (
                <span class="badge badge-warn" data-testid="agent-chats-exceeded">
                  {t('admin.chatsExceeded')}
                </span>
              )}
            </td>
            {isAdmin && (
              <td class="actions">
                <button class="link-btn" onClick={() => setEditing(a)}>
                  {t('admin.edit')}
                </button>
                {a.disabled ? (
                  <button class="link-btn" onClick={() => reactivate(a)}>
                    {t('admin.reactivate')}
                  </button>
                ) : (
                  a.id !== store.get().me?.agent.id && (
                    <button class="link-btn danger" data-testid="admin-deactivate" onClick={() => deactivate(a)}>
                      {t('admin.deactivate')}
                    </button>
                  )
                )}
              </td>
            )}
          </>
        )}
      />
    </div>
  );
}

// AgentStatusCell shows whether the agent's console is connected and their status,
// which supervisors and admins change from here.
function AgentStatusCell({ agent, onChanged }: { agent: AgentSummary; onChanged: () => void }) {
  const reasons = store.use((s) => s.pauseReasons);
  const presence = (
    <span
      class={`presence-dot ${agent.online ? 'on' : 'off'}`}
      data-testid="agent-online"
      data-online={String(agent.online)}
      role="img"
      aria-label={agent.online ? t('admin.online') : t('admin.offline')}
      title={agent.online ? t('admin.online') : t('admin.offline')}
    />
  );
  if (agent.disabled) {
    return (
      <span class="agent-status">
        {presence}
        {t('admin.deactivated')}
      </span>
    );
  }
  const value = agent.status === 'paused' ? `pause-${agent.pause_reason_id}` : agent.status;
  // A pause for a reason switched off since stays listed while the agent holds it.
  const choices = reasons.filter((r) => r.active || (agent.status === 'paused' && agent.pause_reason_id === r.id));
  const change = (v: string) => {
    const [status, reason] = v.startsWith('pause-') ? (['paused', Number(v.slice(6))] as const) : ([v as AgentStatus, undefined] as const);
    api
      .put<Agent>(`/api/v1/agents/${agent.id}/status`, statusBody(status, reason))
      .then((a) => {
        updateMe(a);
        onChanged();
      }, showError);
  };
  return (
    <span class="agent-status">
      {presence}
      <select
        data-testid="agent-status"
        data-status={agent.status}
        aria-label={t('admin.setStatus', { name: agent.name })}
        value={value}
        onChange={(e) => change(e.currentTarget.value)}
      >
        <option value="active">{t('status.active')}</option>
        <option value="inactive">{t('status.inactive')}</option>
        {choices.map((r: PauseReason) => (
          <option key={r.id} value={`pause-${r.id}`}>
            {statusLabel({ status: 'paused', pause_reason_id: r.id }, reasons)}
          </option>
        ))}
        {agent.status === 'paused' && !choices.some((r) => r.id === agent.pause_reason_id) && (
          <option value={value}>{statusLabel(agent, reasons)}</option>
        )}
      </select>
    </span>
  );
}

function AgentForm({ agent, onDone }: { agent: AgentSummary | null; onDone: () => void }) {
  const [name, setName] = useState(agent?.name ?? '');
  const [email, setEmail] = useState(agent?.email ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(agent?.role ?? 'agent');
  const [language, setLanguage] = useState(agent?.language || 'en');
  const [chatLimit, setChatLimit] = useState(agent?.own_chat_limit ? String(agent.own_chat_limit) : '');
  const [rights, setRights] = useState(agent?.rights ?? noRights);

  async function save() {
    // An empty limit is sent as 0: the agent follows their queues' limits.
    const chat_limit = Number(chatLimit) || 0;
    if (agent) {
      const patch: Record<string, unknown> = { name, email, role, language, chat_limit, rights };
      if (password) patch.password = password;
      await api.patch(`/api/v1/agents/${agent.id}`, patch);
    } else {
      const created = await api.post<Agent>('/api/v1/agents', { name, email, password, role, language });
      await api.patch(`/api/v1/agents/${created.id}`, { rights, ...(chat_limit ? { chat_limit } : {}) });
    }
    onDone();
  }

  return (
    <Editor title={agent ? agent.name : t('admin.agents')} onSave={save} onCancel={onDone}>
      <div class="grid-2">
        <Field label={t('admin.name')}>
          <input data-testid="admin-agent-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t('admin.email')}>
          <input
            data-testid="admin-agent-email"
            type="email"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </Field>
        <Field label={agent ? t('admin.passwordKeep') : t('admin.password')}>
          <input
            data-testid="admin-agent-password"
            type="password"
            autoComplete="new-password"
            minLength={8}
            required={!agent}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('admin.role')}>
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`admin.role.${r}` as Key)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('admin.language')}>
          <select value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
            <option value="en">{t('lang.en')}</option>
            <option value="ru">{t('lang.ru')}</option>
          </select>
        </Field>
        <Field label={t('admin.agentChatLimit')}>
          <input
            data-testid="agent-chat-limit"
            type="number"
            min={1}
            max={100}
            value={chatLimit}
            onInput={(e) => setChatLimit(e.currentTarget.value)}
          />
        </Field>
      </div>
      <RightsEditor rights={rights} admin={role === 'admin'} onChange={setRights} />
    </Editor>
  );
}

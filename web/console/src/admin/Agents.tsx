// Agents: list, create, edit, deactivate.
import { useState } from 'preact/hooks';
import { showError } from '../actions/toast';
import { t, type Key } from '../i18n';
import { api } from '../api/client';
import type { Agent, Role } from '../api/types';
import { store } from '../state';
import { Editor, Field, SectionHead } from './Editor';
import { useItems } from './useItems';

const roles: Role[] = ['agent', 'supervisor', 'admin'];

export function Agents() {
  const { items, reload } = useItems<Agent>('/api/v1/agents');
  const [editing, setEditing] = useState<Agent | 'new' | null>(null);

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
      <SectionHead title={t('admin.agents')} onNew={() => setEditing('new')} />
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
      <table class="table">
        <thead>
          <tr>
            <th>{t('admin.name')}</th>
            <th>{t('admin.email')}</th>
            <th>{t('admin.role')}</th>
            <th>{t('admin.status')}</th>
            <th>{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items?.length === 0 && (
            <tr>
              <td colSpan={5}>{t('admin.empty')}</td>
            </tr>
          )}
          {items?.map((a) => (
            <tr key={a.id} data-testid="admin-row" data-id={a.id} class={a.disabled ? 'muted' : ''}>
              <td>{a.name}</td>
              <td>{a.email}</td>
              <td>{t(`admin.role.${a.role}` as Key)}</td>
              <td>{a.disabled ? t('admin.deactivated') : a.status === 'active' ? t('status.active') : t('status.inactive')}</td>
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AgentForm({ agent, onDone }: { agent: Agent | null; onDone: () => void }) {
  const [name, setName] = useState(agent?.name ?? '');
  const [email, setEmail] = useState(agent?.email ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(agent?.role ?? 'agent');
  const [language, setLanguage] = useState(agent?.language || 'en');

  async function save() {
    if (agent) {
      const patch: Record<string, string> = { name, email, role, language };
      if (password) patch.password = password;
      await api.patch(`/api/v1/agents/${agent.id}`, patch);
    } else {
      await api.post('/api/v1/agents', { name, email, password, role, language });
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
      </div>
    </Editor>
  );
}

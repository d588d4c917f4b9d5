// The top bar: navigation, my status, the connection, settings and logout.
import { logout, setStatus } from '../actions/session';
import { t } from '../i18n';
import { store } from '../state';
import { LanguageSelect } from './SettingsPanel';

export function Header() {
  const agent = store.use((s) => s.me?.agent);
  const view = store.use((s) => s.view);
  if (!agent) return null;
  return (
    <header class="topbar">
      <div class="brand">{t('app.title')}</div>
      <nav class="topnav" aria-label={t('header.mainNav')}>
        <button class={`nav-btn ${view === 'chats' ? 'active' : ''}`} onClick={() => store.set({ view: 'chats' })}>
          {t('header.chats')}
        </button>
        {agent.role === 'admin' && (
          <button
            class={`nav-btn ${view === 'admin' ? 'active' : ''}`}
            data-testid="nav-admin"
            onClick={() => store.set({ view: 'admin' })}
          >
            {t('header.admin')}
          </button>
        )}
      </nav>
      <div class="topbar-right">
        <ConnectionState />
        <StatusSwitch active={agent.status === 'active'} />
        <LanguageSelect testId="settings-language" compact />
        <span class="agent-name" title={agent.email}>
          {agent.name}
        </span>
        <button class="btn btn-ghost" data-testid="settings-open" onClick={() => store.set({ settingsOpen: true })}>
          {t('header.settings')}
        </button>
        <button class="btn btn-ghost" onClick={() => void logout()}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}

function ConnectionState() {
  const conn = store.use((s) => s.conn);
  return (
    <span class={`conn conn-${conn}`} data-testid="connection-state" data-state={conn} role="status" aria-live="polite">
      <span class="dot" aria-hidden="true" />
      {conn === 'online' ? t('conn.online') : t('conn.reconnecting')}
    </span>
  );
}

function StatusSwitch({ active }: { active: boolean }) {
  return (
    <button
      class={`status-switch ${active ? 'on' : 'off'}`}
      role="switch"
      aria-checked={active}
      aria-label={t('status.label')}
      title={active ? t('status.switchToInactive') : t('status.switchToActive')}
      data-testid="status-switch"
      data-status={active ? 'active' : 'inactive'}
      onClick={() => void setStatus(active ? 'inactive' : 'active')}
    >
      <span class="knob" aria-hidden="true" />
      <span class="status-text">{active ? t('status.active') : t('status.inactive')}</span>
    </button>
  );
}

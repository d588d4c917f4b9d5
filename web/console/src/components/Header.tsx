// The top bar: navigation, my status, the connection, settings and logout.
import { logout } from '../actions/session';
import { t } from '../i18n';
import { store } from '../state';
import { LanguageSelect } from './SettingsPanel';
import { StatusMenu } from './StatusMenu';

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
        {agent.role !== 'agent' && (
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
        <StatusMenu agent={agent} />
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

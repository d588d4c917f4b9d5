// The top bar: navigation, my status, the connection, settings and logout.
import { logout } from '../actions/session';
import { t } from '../i18n';
import { store, type View } from '../state';
import { LanguageSelect } from './SettingsPanel';
import { StatusMenu } from './StatusMenu';

export function Header() {
  const agent = store.use((s) => s.me?.agent);
  if (!agent) return null;
  return (
    <header class="topbar">
      <div class="brand">{t('app.title')}</div>
      <nav class="topnav" aria-label={t('header.mainNav')}>
        <NavButton view="chats" label={t('header.chats')} />
        <NavButton view="cases" label={t('header.cases')} testId="nav-cases" />
        <NavButton view="contacts" label={t('header.contacts')} testId="nav-contacts" />
        {agent.role !== 'agent' && <NavButton view="supervisor" label={t('header.supervisor')} testId="nav-supervisor" />}
        {agent.role !== 'agent' && <NavButton view="admin" label={t('header.admin')} testId="nav-admin" />}
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

function NavButton({ view, label, testId }: { view: View; label: string; testId?: string }) {
  const current = store.use((s) => s.view);
  return (
    <button class={`nav-btn ${current === view ? 'active' : ''}`} data-testid={testId} onClick={() => store.set({ view })}>
      {label}
    </button>
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

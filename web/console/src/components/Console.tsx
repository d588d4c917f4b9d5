// The logged-in console: header, and either the chat workspace, the cases, the contacts, or the admin screens.
import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { store } from '../state';
import { markRead } from '../actions/reads';
import { Header } from './Header';
import { ChatLists } from './ChatLists';
import { Conversation } from './Conversation';
import { VisitorPanel } from './VisitorPanel';
import { Invitations } from './Invitations';
import { SettingsPanel } from './SettingsPanel';
import { MyQuickReplies } from './MyQuickReplies';
import { Admin } from '../admin/Admin';
import { Supervisor } from '../supervisor/Supervisor';
import { Contacts } from '../contacts/Contacts';
import { CasesView } from './CasesView';

export function Console() {
  const view = store.use((s) => s.view);
  const isAdmin = store.use((s) => s.me?.agent.role === 'admin');
  const seesAll = store.use((s) => s.me?.agent.role !== 'agent');
  const settingsOpen = store.use((s) => s.settingsOpen);
  const myRepliesOpen = store.use((s) => s.myRepliesOpen);
  const offers = store.use((s) => Object.keys(s.offers).length);
  const unread = store.use((s) => s.unread);
  useAttentionTitle(offers + Object.keys(unread).length);
  useEffect(() => {
    // Messages that came while the tab was hidden are read once the agent looks again.
    const seen = () => {
      const sel = store.get().selected;
      if (document.visibilityState === 'visible' && sel && store.get().unread[sel]) markRead(sel);
    };
    document.addEventListener('visibilitychange', seen);
    return () => document.removeEventListener('visibilitychange', seen);
  }, []);
  return (
    <div class="console">
      <Header />
      {view === 'cases' ? (
        <CasesView />
      ) : view === 'contacts' ? (
        <Contacts />
      ) : view === 'supervisor' && seesAll ? (
        <Supervisor />
      ) : view === 'admin' && isAdmin ? (
        <Admin />
      ) : (
        <div class="workspace">
          <aside class="col-left">
            <ChatLists />
            {/* Below the lists: an invitation that arrives never moves the tabs and
                rows under the agent's pointer. */}
            <Invitations />
          </aside>
          <Conversation />
          <VisitorPanel />
        </div>
      )}
      {settingsOpen && <SettingsPanel />}
      {myRepliesOpen && <MyQuickReplies />}
    </div>
  );
}

// useAttentionTitle shows in the tab's title how many chats wait for the agent.
function useAttentionTitle(n: number) {
  useEffect(() => {
    document.title = n > 0 ? `(${n}) ${t('app.title')}` : t('app.title');
    return () => {
      document.title = t('app.title');
    };
  }, [n]);
}

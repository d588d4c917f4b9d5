// The root: the login screen or the console, and the overlays shared by both.
import { store } from '../state';
import { Login } from './Login';
import { Console } from './Console';
import { Toasts } from './Toasts';
import { ConfirmDialog } from './ConfirmDialog';
import { TransferDialog } from './TransferDialog';
import { t } from '../i18n';

export function App() {
  const phase = store.use((s) => s.phase);
  // Reading the language here re-renders the whole tree when it changes.
  const lang = store.use((s) => s.lang);
  return (
    <div class="app" data-lang={lang}>
      {phase === 'loading' && <div class="boot">{t('conv.loading')}</div>}
      {phase === 'login' && <Login />}
      {phase === 'app' && <Console />}
      <ConfirmDialog />
      <TransferDialog />
      <Toasts />
    </div>
  );
}

// The agent's own settings: language, sounds, desktop notifications (R1.5), and
// the way to their own quick replies.
import { useEffect } from 'preact/hooks';
import { openMyReplies } from '../actions/quickreplies';
import { saveSettings, settingsOf } from '../actions/session';
import { t } from '../i18n';
import { notificationsBlocked } from '../attention';
import type { AgentSettings, Lang } from '../api/types';
import { store } from '../state';

export function SettingsPanel() {
  const agent = store.use((s) => s.me?.agent);
  const close = () => store.set({ settingsOpen: false });
  useEffect(() => {
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('keydown', esc);
    return () => window.removeEventListener('keydown', esc);
  }, []);
  if (!agent) return null;
  const settings = settingsOf(agent);
  const toggle = (key: keyof AgentSettings, label: string) => (
    <label class="switch-row">
      <input
        type="checkbox"
        data-testid={`settings-${key}`}
        checked={settings[key]}
        onChange={(e) => void saveSettings({ [key]: e.currentTarget.checked })}
      />
      <span>{label}</span>
    </label>
  );
  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && close()}>
      <div class="modal settings" role="dialog" aria-modal="true" aria-labelledby="settings-title" data-testid="settings-panel">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <label class="field">
          <span>{t('settings.language')}</span>
          <LanguageSelect />
        </label>
        {toggle('sound_new_chat', t('settings.soundNewChat'))}
        {toggle('sound_new_message', t('settings.soundNewMessage'))}
        {toggle('desktop_notifications', t('settings.desktop'))}
        {settings.desktop_notifications && notificationsBlocked() && <p class="hint">{t('settings.desktopDenied')}</p>}
        <button class="btn panel-action" data-testid="my-replies-open" onClick={openMyReplies}>
          {t('myReplies.title')}
        </button>
        <div class="modal-actions">
          <button class="btn" onClick={close}>
            {t('settings.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

// LanguageSelect switches the console's language and saves it as the agent's.
export function LanguageSelect({ testId, compact }: { testId?: string; compact?: boolean }) {
  const language = store.use((s) => s.me?.agent.language);
  return (
    <select
      class={compact ? 'lang-select' : ''}
      data-testid={testId}
      aria-label={t('settings.language')}
      title={t('settings.language')}
      value={language === 'ru' ? 'ru' : 'en'}
      onChange={(e) => void saveSettings({ language: e.currentTarget.value as Lang })}
    >
      <option value="en">{compact ? 'EN' : t('lang.en')}</option>
      <option value="ru">{compact ? 'RU' : t('lang.ru')}</option>
    </select>
  );
}

// Logging in and out, the agent's status and settings.
import { setLang, t, toLang } from '../i18n';
import { api, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import { askNotificationPermission } from '../attention';
import type { Agent, AgentSettings, AgentStatus, Lang, LoginResult, Me } from '../api/types';
import { loadPauseReasons } from './pauses';
import { loadTopics } from './topics';
import { loadChatStatuses } from './chatstatus';
import { initialState, store } from '../state';
import { handleEvent, onAck, onReady, onResync, onSendError } from './events';
import { forgetPending, restorePending } from './send';
import { forgetWindows } from './windows';
import { startSocket, stopSocket } from './socket';
import { showError, toast } from './toast';

export const defaultSettings: AgentSettings = { sound_new_message: true, sound_new_chat: true, desktop_notifications: true };

export function settingsOf(a: Agent | undefined): AgentSettings {
  return { ...defaultSettings, ...(a?.settings ?? {}) };
}

function applyLang(l: Lang): void {
  setLang(l);
  store.set({ lang: l });
}

// boot resumes the session the cookie holds, or shows the login screen.
export async function boot(): Promise<void> {
  applyLang(toLang(navigator.language));
  setUnauthorizedHandler(() => {
    if (store.get().phase === 'app') endSession();
  });
  try {
    const me = await api.get<Me>('/api/v1/me');
    enter(me);
  } catch {
    store.set({ phase: 'login' });
  }
}

function enter(me: Me): void {
  setCsrfToken(me.csrf_token);
  applyLang(toLang(me.agent.language));
  store.set({ ...initialState, lang: store.get().lang, phase: 'app', me });
  if (settingsOf(me.agent).desktop_notifications) askNotificationPermission();
  restorePending();
  loadPauseReasons();
  loadTopics();
  loadChatStatuses();
  startSocket({ onEvent: handleEvent, onReady, onResync, onAck, onSendError, onRevoked, onDropped });
}

export async function login(email: string, password: string): Promise<void> {
  const res = await api.post<LoginResult>('/api/v1/auth/login', { email, password });
  setCsrfToken(res.csrf_token);
  // /me also brings the agent's queues and the upload limits.
  const me = await api.get<Me>('/api/v1/me').catch(() => ({ agent: res.agent, csrf_token: res.csrf_token, queues: [] }) as Me);
  enter(me);
}

// endSession forgets everything client-side and shows the login screen.
function endSession(): void {
  stopSocket();
  forgetPending();
  forgetWindows();
  setCsrfToken('');
  store.set({ ...initialState, lang: store.get().lang, phase: 'login' });
}

export async function logout(): Promise<void> {
  try {
    await api.post('/api/v1/auth/logout');
  } catch {
    // The session may already be gone; the console logs out either way.
  }
  endSession();
}

// onDropped asks who I am while the websocket is down: an expired session then
// shows the login screen (by the 401 handler) instead of reconnecting forever.
function onDropped(): void {
  api
    .get<Me>('/api/v1/me')
    .then((me) => {
      updateMe(me.agent);
      setQueues(me.queues ?? []);
    })
    .catch(() => {
      // The server is away; the socket keeps retrying.
    });
}

function onRevoked(): void {
  endSession();
  toast(t('conn.deactivated'));
}

export function updateMe(agent: Agent): void {
  const me = store.get().me;
  if (!me || me.agent.id !== agent.id) return;
  store.set({ me: { ...me, agent } });
  const l = toLang(agent.language);
  if (l !== store.get().lang) applyLang(l);
}

// setStatus sets my status; a pause names its reason.
export async function setStatus(status: AgentStatus, pauseReasonId?: number): Promise<void> {
  try {
    updateMe(await api.put<Agent>('/api/v1/me/status', statusBody(status, pauseReasonId)));
  } catch (err) {
    showError(err);
  }
}

export async function saveSettings(patch: Partial<AgentSettings> & { language?: Lang }): Promise<void> {
  const me = store.get().me;
  if (!me) return;
  // Shown at once; the answer (or a failure) settles it.
  updateMe({ ...me.agent, language: patch.language ?? me.agent.language, settings: { ...settingsOf(me.agent), ...patch } });
  if (patch.desktop_notifications) askNotificationPermission();
  try {
    updateMe(await api.patch<Agent>('/api/v1/me/settings', patch));
  } catch (err) {
    updateMe(me.agent);
    showError(err);
  }
}

export function setQueues(queues: number[]): void {
  const me = store.get().me;
  if (me) store.set({ me: { ...me, queues } });
}

export function statusBody(status: AgentStatus, pauseReasonId?: number): { status: AgentStatus; pause_reason_id?: number } {
  return status === 'paused' ? { status, pause_reason_id: pauseReasonId } : { status };
}

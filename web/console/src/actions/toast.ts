// Short messages at the bottom of the screen; errors stay a little longer.
import { t } from '../i18n';
import { ApiError } from '../api/client';
import { store, type ToastAction } from '../state';

let nextId = 1;

// A toast with a button stays long enough to be used.
const showMs = { error: 8000, info: 3000, action: 12000 };

export function toast(text: string, kind: 'error' | 'info' = 'error', action?: ToastAction): void {
  const id = nextId++;
  store.set((s) => ({ toasts: [...s.toasts, { id, text, kind, action }] }));
  setTimeout(() => dismissToast(id), action ? showMs.action : showMs[kind]);
}

export function dismissToast(id: number): void {
  store.set((s) => ({ toasts: s.toasts.filter((x) => x.id !== id) }));
}

// errorText turns an API failure into a sentence in the agent's language.
export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return t('err.generic', { message: String(err) });
  switch (err.code) {
    case 'network':
      return t('err.network');
    case 'forbidden':
      return t('err.forbidden');
    case 'not_found':
      return t('err.notFound');
    case 'conflict':
      return t('err.conflict');
    case 'invalid':
      return t('err.invalid', { message: err.message });
    case 'rate_limited':
      return t('err.rateLimited');
  }
  return t('err.generic', { message: err.message });
}

export function showError(err: unknown): void {
  toast(errorText(err));
}

// refusalText is errorText, except that a conflict is told in the server's own
// words: where an action's refusals name the condition that failed (R2.21), the
// generic "changed meanwhile" would hide it.
export function refusalText(err: unknown): string {
  if (err instanceof ApiError && err.code === 'conflict') return err.message;
  return errorText(err);
}

// Short messages at the bottom of the screen; errors stay a little longer.
import { t } from '../i18n';
import { ApiError } from '../api/client';
import { store } from '../state';

let nextId = 1;

export function toast(text: string, kind: 'error' | 'info' = 'error'): void {
  const id = nextId++;
  store.set((s) => ({ toasts: [...s.toasts, { id, text, kind }] }));
  setTimeout(() => dismissToast(id), kind === 'error' ? 8000 : 3000);
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

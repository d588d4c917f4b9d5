// Error and info messages at the bottom of the screen.
import { dismissToast } from '../actions/toast';
import { t } from '../i18n';
import { store } from '../state';

export function Toasts() {
  const toasts = store.use((s) => s.toasts);
  return (
    <div class="toasts" aria-live="polite">
      {toasts.map((x) => (
        <div
          key={x.id}
          class={`toast toast-${x.kind}`}
          role={x.kind === 'error' ? 'alert' : 'status'}
          data-testid={x.kind === 'error' ? 'error-toast' : 'info-toast'}
        >
          <span>{x.text}</span>
          {x.action && (
            <button
              class="btn btn-small toast-action"
              data-testid="toast-action"
              onClick={() => {
                dismissToast(x.id);
                x.action!.run();
              }}
            >
              {x.action.label}
            </button>
          )}
          <button class="icon-btn" aria-label={t('toast.close')} title={t('toast.close')} onClick={() => dismissToast(x.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

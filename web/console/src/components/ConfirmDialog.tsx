// A modal question with OK and Cancel, such as "End this chat?".
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { store } from '../state';

export function ConfirmDialog() {
  const confirm = store.use((s) => s.confirm);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!confirm) return;
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') store.set({ confirm: null });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [confirm]);
  if (!confirm) return null;
  const ok = () => {
    store.set({ confirm: null });
    confirm.onOk();
  };
  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && store.set({ confirm: null })}>
      <div class="modal" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-text">
        <h2 id="confirm-title">{confirm.title}</h2>
        <p id="confirm-text">{confirm.text}</p>
        <div class="modal-actions">
          <button ref={cancelRef} class="btn" data-testid="confirm-cancel" onClick={() => store.set({ confirm: null })}>
            {t('confirm.cancel')}
          </button>
          <button class="btn btn-danger" data-testid="confirm-ok" onClick={ok}>
            {confirm.ok}
          </button>
        </div>
      </div>
    </div>
  );
}

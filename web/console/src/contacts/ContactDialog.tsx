// The frame of a dialog about one contact: its title and contents, closed by
// its own buttons, a click beside it, or Escape (unless a question is open above
// it). It is drawn at the end of the page, so that the styles of the narrow
// contact panel it is opened from do not reach into it.
import type { ComponentChildren } from 'preact';
import { createPortal } from 'preact/compat';
import { useEffect } from 'preact/hooks';
import { store } from '../state';

interface Props {
  title: string;
  testId: string;
  onClose: () => void;
  children: ComponentChildren;
}

export function ContactDialog({ title, testId, onClose, children }: Props) {
  useEffect(() => {
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && !store.get().confirm && onClose();
    window.addEventListener('keydown', esc);
    return () => window.removeEventListener('keydown', esc);
  }, [onClose]);
  return createPortal(
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="modal contact-dialog" role="dialog" aria-modal="true" aria-labelledby={`${testId}-title`} data-testid={testId}>
        <h2 id={`${testId}-title`}>{title}</h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}

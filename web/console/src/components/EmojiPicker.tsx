// A small built-in grid of common emoji.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

const emoji = [
  '🙂', '😀', '😄', '😉', '😊', '😍', '🤔', '😅',
  '😂', '🙃', '😎', '😇', '😢', '😮', '😴', '🙁',
  '👍', '👎', '👌', '🙏', '👏', '🤝', '👋', '💪',
  '❤️', '🎉', '✅', '❌', '⭐', '🔥', '📦', '⏳',
];

export function EmojiPicker({ onPick, onClose }: { onPick: (e: string) => void; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    (ref.current?.querySelector('button') as HTMLButtonElement | null)?.focus();
    const away = (e: MouseEvent) => {
      if (ref.current && !ref.current.parentElement?.contains(e.target as Node)) onClose();
    };
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, []);
  return (
    <div class="emoji-picker" ref={ref} role="dialog" aria-label={t('reply.emoji')} data-testid="emoji-picker">
      {emoji.map((e) => (
        <button key={e} class="emoji" data-testid="emoji" onClick={() => onPick(e)}>
          {e}
        </button>
      ))}
    </div>
  );
}

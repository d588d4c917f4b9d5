// The quick-reply list above the reply box: a search field when opened by the
// button, the matching replies to pick with the mouse or the keys, and a way to
// the agent's own templates.
import { useEffect, useRef } from 'preact/hooks';
import type { QuickReply } from '../api/types';
import { t } from '../i18n';
import type { QuickOpen } from './useQuickReplies';
import '../styles/quickreplies.css';

export function QuickReplyList({
  quick,
  replies,
  selected,
  onQuery,
  onKeyDown,
  onHover,
  onPick,
  onManage,
}: {
  quick: QuickOpen;
  replies: QuickReply[] | null;
  selected: number;
  onQuery: (q: string) => void;
  onKeyDown: (e: KeyboardEvent) => void;
  onHover: (i: number) => void;
  onPick: (r: QuickReply) => void;
  onManage: () => void;
}) {
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (quick.mode === 'button') search.current?.focus();
  }, [quick.mode]);
  return (
    <div class="qr-popup" data-testid="qr-popup">
      {quick.mode === 'button' && (
        <input
          ref={search}
          class="qr-search"
          data-testid="qr-search"
          type="search"
          aria-label={t('reply.qrSearch')}
          placeholder={t('reply.qrSearch')}
          value={quick.query}
          onInput={(e) => onQuery(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      )}
      <ul class="qr-list" role="listbox" aria-label={t('reply.quickReplies')}>
        {replies?.length === 0 && <li class="qr-none">{t('reply.qrNone')}</li>}
        {replies?.map((r, i) => (
          <li
            key={r.id}
            role="option"
            aria-selected={i === selected}
            class={`qr-item ${i === selected ? 'selected' : ''}`}
            data-testid="qr-item"
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => onHover(i)}
            onClick={() => onPick(r)}
          >
            <span class="qr-name">{r.name}</span>
            <span class="qr-text">{r.text}</span>
          </li>
        ))}
      </ul>
      <button class="link-btn qr-manage" data-testid="qr-manage" onMouseDown={(e) => e.preventDefault()} onClick={onManage}>
        {t('myReplies.manage')}
      </button>
    </div>
  );
}

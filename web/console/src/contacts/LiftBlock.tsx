// Lift on an active block (R3.5): unblocked earlier than its end, with an
// optional reason.
import { useState } from 'preact/hooks';
import { liftBlock } from '../actions/blocks';
import { maxBlockReason } from '../api/blocks';
import { t } from '../i18n';

export function LiftBlock({ id }: { id: number }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button class="btn btn-small" data-testid="block-lift" onClick={() => setOpen(true)}>
        {t('block.lift')}
      </button>
    );
  }
  const lift = async () => {
    setBusy(true);
    if (await liftBlock(id, reason)) setOpen(false);
    setBusy(false);
  };
  return (
    <div class="inline-add">
      <input
        data-testid="block-lift-reason"
        aria-label={t('block.liftReason')}
        placeholder={t('block.liftReason')}
        maxLength={maxBlockReason}
        value={reason}
        autoFocus
        onInput={(e) => setReason(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && !busy && void lift()}
      />
      <button class="btn btn-small btn-primary" data-testid="block-lift-confirm" disabled={busy} onClick={() => void lift()}>
        {t('block.liftConfirm')}
      </button>
      <button class="btn btn-small btn-ghost" onClick={() => setOpen(false)}>
        {t('admin.cancel')}
      </button>
    </div>
  );
}

// The dialog that transfers a chat to a queue or an agent (R2.13), or, in owner
// mode, hands it to another agent (R2.15). Agents show their state by colour:
// green active, red inactive, paused, grey chats exceeded (not selectable).
import { useEffect, useState } from 'preact/hooks';
import { changeOwner, closeTransfer, transfer, type Target } from '../actions/transfer';
import { t } from '../i18n';
import type { AgentTarget, QueueTarget, TransferTargets } from '../api/types';
import { store, type TransferDialog as Dialog } from '../state';
import { uuid } from '../uuid';

export function TransferDialog() {
  const d = store.use((s) => s.transfer);
  if (!d) return null;
  return <DialogBody key={`${d.mode}-${d.chatId}`} d={d} />;
}

function DialogBody({ d }: { d: Dialog }) {
  const [picked, setPicked] = useState<Target | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  // One id per opened dialog: a confirm repeated after a lost answer transfers once.
  const [clientId] = useState(uuid);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && closeTransfer();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const owner = d.mode === 'owner';
  const confirm = async () => {
    if (!picked) return;
    setBusy(true);
    if (owner) await changeOwner(d.chatId, picked.id);
    else await transfer(d.chatId, picked, comment.trim(), clientId);
    setBusy(false);
  };
  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && closeTransfer()}>
      <div class="modal modal-wide" role="dialog" aria-modal="true" aria-labelledby="transfer-title" data-testid="transfer-dialog" data-mode={d.mode}>
        <h2 id="transfer-title">{owner ? t('owner.title') : t('transfer.title')}</h2>
        {d.targets ? <Targets targets={d.targets} owner={owner} picked={picked} pick={setPicked} /> : <p>{t('conv.loading')}</p>}
        {!owner && (
          <label class="field">
            <span>{t('transfer.comment')}</span>
            <textarea
              data-testid="transfer-comment"
              rows={3}
              value={comment}
              onInput={(e) => setComment(e.currentTarget.value)}
            />
            <span class="hint">{t('transfer.commentHint')}</span>
          </label>
        )}
        <div class="modal-actions">
          <button class="btn" data-testid="transfer-cancel" onClick={closeTransfer}>
            {t('confirm.cancel')}
          </button>
          <button class="btn btn-primary" data-testid="transfer-confirm" disabled={!picked || busy} onClick={() => void confirm()}>
            {owner ? t('owner.confirm') : t('transfer.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}

interface TargetsProps {
  targets: TransferTargets;
  owner: boolean;
  picked: Target | null;
  pick: (t: Target) => void;
}

function Targets({ targets, owner, picked, pick }: TargetsProps) {
  const is = (kind: Target['kind'], id: number) => picked?.kind === kind && picked.id === id;
  return (
    <div class="targets">
      {!owner && (
        <>
          <h3>{t('transfer.queues')}</h3>
          <ul class="target-list">
            {targets.queues.map((q) => (
              <QueueRow key={q.id} q={q} picked={is('queue', q.id)} pick={pick} />
            ))}
          </ul>
        </>
      )}
      <h3>{t('transfer.agents')}</h3>
      {targets.agents.length === 0 && <p class="hint">{t('transfer.noAgents')}</p>}
      <ul class="target-list">
        {targets.agents.map((a) => (
          <AgentRow key={a.id} a={a} owner={owner} picked={is('agent', a.id)} pick={pick} />
        ))}
      </ul>
    </div>
  );
}

function QueueRow({ q, picked, pick }: { q: QueueTarget; picked: boolean; pick: (t: Target) => void }) {
  return (
    <li>
      <button
        class={`target ${picked ? 'target-picked' : ''}`}
        data-testid="transfer-target"
        data-kind="queue"
        data-id={q.id}
        data-state={q.selectable ? 'available' : 'unavailable'}
        aria-pressed={picked}
        disabled={!q.selectable}
        onClick={() => pick({ kind: 'queue', id: q.id })}
      >
        <span class="target-name">{q.name}</span>
        <span class="target-note">{q.selectable ? t('transfer.queueAgents', { n: q.agents }) : t('transfer.queueEmpty')}</span>
      </button>
    </li>
  );
}

function AgentRow({ a, owner, picked, pick }: { a: AgentTarget; owner: boolean; picked: boolean; pick: (t: Target) => void }) {
  return (
    <li>
      <button
        class={`target target-${a.state} ${picked ? 'target-picked' : ''}`}
        data-testid={owner ? 'owner-target' : 'transfer-target'}
        data-kind="agent"
        data-id={a.id}
        data-state={a.state}
        aria-pressed={picked}
        disabled={!a.selectable}
        onClick={() => pick({ kind: 'agent', id: a.id })}
      >
        <span class="dot" aria-hidden="true" />
        <span class="target-name">{a.name}</span>
        <span class="target-note">{t(`target.${a.state}`)}</span>
      </button>
    </li>
  );
}

// The agent's own quick replies (R2.11), kept from the console by every agent:
// a dialog listing them, with the admin screen's editor to create and change them.
import { useEffect, useState } from 'preact/hooks';
import { closeMyReplies, confirmDeleteQuickReply } from '../actions/quickreplies';
import { QuickReplyForm } from '../admin/QuickReplyForm';
import { AdminTable } from '../admin/Table';
import { useEditableReplies } from '../admin/useEditableReplies';
import type { QuickReply } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';
import '../styles/quickreplies.css';

export function MyQuickReplies() {
  const me = store.use((s) => s.me?.agent.id ?? 0);
  const { items, reload } = useEditableReplies();
  const [editing, setEditing] = useState<QuickReply | 'new' | null>(null);
  useEscape();
  // Admins and supervisors may change others' templates too; here are their own.
  const mine = items?.filter((r) => r.scope === 'agent' && r.scope_id === me) ?? null;
  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && closeMyReplies()}>
      <div class="modal my-replies" role="dialog" aria-modal="true" aria-labelledby="my-replies-title" data-testid="my-replies">
        <div class="section-head">
          <h2 id="my-replies-title">{t('myReplies.title')}</h2>
          <button class="btn btn-primary" data-testid="my-replies-new" disabled={editing === 'new'} onClick={() => setEditing('new')}>
            {t('admin.new')}
          </button>
        </div>
        <p>{t('myReplies.hint')}</p>
        {editing && (
          <QuickReplyForm
            key={editing === 'new' ? 'new' : editing.id}
            reply={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
              reload();
            }}
          />
        )}
        <AdminTable
          heads={[t('admin.name'), t('admin.qrText'), t('admin.actions')]}
          items={mine}
          row={(r) => <Row r={r} onEdit={setEditing} onDeleted={reload} />}
        />
        <div class="modal-actions">
          <button class="btn" data-testid="my-replies-close" onClick={closeMyReplies}>
            {t('settings.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

function Row({ r, onEdit, onDeleted }: { r: QuickReply; onEdit: (r: QuickReply) => void; onDeleted: () => void }) {
  return (
    <>
      <td>{r.name}</td>
      <td class="qr-admin-text">{r.text}</td>
      <td class="actions">
        <button class="link-btn" data-testid="my-reply-edit" onClick={() => onEdit(r)}>
          {t('admin.edit')}
        </button>
        <button class="link-btn danger" data-testid="my-reply-delete" onClick={() => confirmDeleteQuickReply(r, onDeleted)}>
          {t('admin.delete')}
        </button>
      </td>
    </>
  );
}

// useEscape closes the dialog on Escape, unless a question is open above it.
function useEscape() {
  useEffect(() => {
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && !store.get().confirm && closeMyReplies();
    window.addEventListener('keydown', esc);
    return () => window.removeEventListener('keydown', esc);
  }, []);
}

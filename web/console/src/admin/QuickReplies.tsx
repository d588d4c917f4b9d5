// Quick replies (R2.11): the templates the caller may change (admins any,
// supervisors those of rooms and queues and their own), with whom each is for.
import { useState } from 'preact/hooks';
import { confirmDeleteQuickReply } from '../actions/quickreplies';
import type { QuickReply } from '../api/types';
import { t, type Key } from '../i18n';
import { SectionHead } from './Editor';
import { QuickReplyForm, useTargets, type Targets } from './QuickReplyForm';
import { AdminTable } from './Table';
import { useEditableReplies } from './useEditableReplies';

function scopeLabel(r: QuickReply, targets: Targets): string {
  const label = t(`admin.qrScope.${r.scope}` as Key);
  if (r.scope === 'all') return label;
  return `${label}: ${targets[r.scope].get(r.scope_id) ?? `#${r.scope_id}`}`;
}

export function QuickReplies() {
  const { items, reload } = useEditableReplies();
  const [editing, setEditing] = useState<QuickReply | 'new' | null>(null);
  const targets = useTargets();
  return (
    <div class="admin-section">
      <SectionHead title={t('admin.quickReplies')} onNew={() => setEditing('new')} />
      {editing && (
        <QuickReplyForm
          key={editing === 'new' ? 'new' : editing.id}
          reply={editing === 'new' ? null : editing}
          targets={targets}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      <AdminTable
        heads={[t('admin.name'), t('admin.qrText'), t('admin.qrScope'), t('admin.actions')]}
        items={items}
        row={(r) => (
          <>
            <td>{r.name}</td>
            <td class="qr-admin-text">{r.text}</td>
            <td>{scopeLabel(r, targets)}</td>
            <td class="actions">
              <button class="link-btn" onClick={() => setEditing(r)}>
                {t('admin.edit')}
              </button>{' '}
              <button class="link-btn" data-testid="admin-qr-delete" onClick={() => confirmDeleteQuickReply(r, reload)}>
                {t('admin.delete')}
              </button>
            </td>
          </>
        )}
      />
    </div>
  );
}

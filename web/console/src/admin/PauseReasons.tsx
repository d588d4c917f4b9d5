// Pause reasons: list, create, rename, switch on and off.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { api } from '../api/client';
import type { PauseReason } from '../api/types';
import { Editor, Field, SectionHead } from './Editor';
import { AdminTable, EditCell } from './Table';
import { useItems } from './useItems';

export function PauseReasons() {
  const { items, reload } = useItems<PauseReason>('/api/v1/pause-reasons');
  const [editing, setEditing] = useState<PauseReason | 'new' | null>(null);
  return (
    <div class="admin-section">
      <SectionHead title={t('admin.pauseReasons')} onNew={() => setEditing('new')} />
      {editing && (
        <PauseReasonForm
          key={editing === 'new' ? 'new' : editing.id}
          reason={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      <AdminTable
        heads={[t('admin.name'), t('admin.status'), t('admin.actions')]}
        items={items}
        muted={(r) => !r.active}
        row={(r) => (
          <>
            <td>{r.name}</td>
            <td>{r.active ? t('admin.active') : t('admin.inactive')}</td>
            <EditCell onEdit={() => setEditing(r)} />
          </>
        )}
      />
    </div>
  );
}

function PauseReasonForm({ reason, onDone }: { reason: PauseReason | null; onDone: () => void }) {
  const [name, setName] = useState(reason?.name ?? '');
  const [active, setActive] = useState(reason?.active ?? true);
  async function save() {
    if (reason) await api.patch(`/api/v1/pause-reasons/${reason.id}`, { name, active });
    else await api.post('/api/v1/pause-reasons', { name, active });
    onDone();
  }
  return (
    <Editor title={reason ? reason.name : t('admin.pauseReasons')} onSave={save} onCancel={onDone}>
      <Field label={t('admin.name')}>
        <input data-testid="admin-pause-reason-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <label class="check">
        <input
          type="checkbox"
          data-testid="admin-pause-reason-active"
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <span>{t('admin.reasonActive')}</span>
      </label>
    </Editor>
  );
}

// Rooms: list, create, rename.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { api } from '../api/client';
import type { Room } from '../api/types';
import { Editor, Field, SectionHead } from './Editor';
import { useItems } from './useItems';

export function Rooms() {
  const { items, reload } = useItems<Room>('/api/v1/rooms');
  const [editing, setEditing] = useState<Room | 'new' | null>(null);
  return (
    <div class="admin-section">
      <SectionHead title={t('admin.rooms')} onNew={() => setEditing('new')} />
      {editing && (
        <RoomForm
          key={editing === 'new' ? 'new' : editing.id}
          room={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      <table class="table">
        <thead>
          <tr>
            <th>{t('admin.name')}</th>
            <th>{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items?.length === 0 && (
            <tr>
              <td colSpan={2}>{t('admin.empty')}</td>
            </tr>
          )}
          {items?.map((r) => (
            <tr key={r.id} data-testid="admin-row" data-id={r.id}>
              <td>{r.name}</td>
              <td class="actions">
                <button class="link-btn" onClick={() => setEditing(r)}>
                  {t('admin.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RoomForm({ room, onDone }: { room: Room | null; onDone: () => void }) {
  const [name, setName] = useState(room?.name ?? '');
  async function save() {
    if (room) await api.patch(`/api/v1/rooms/${room.id}`, { name });
    else await api.post('/api/v1/rooms', { name });
    onDone();
  }
  return (
    <Editor title={room ? room.name : t('admin.rooms')} onSave={save} onCancel={onDone}>
      <Field label={t('admin.name')}>
        <input data-testid="admin-room-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
    </Editor>
  );
}

// Rooms: list, create, rename.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { api } from '../api/client';
import type { Room } from '../api/types';
import { Editor, Field, SectionHead } from './Editor';
import { AdminTable, EditCell } from './Table';
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
      <AdminTable
        heads={[t('admin.name'), t('admin.actions')]}
        items={items}
        row={(r) => (
          <>
            <td>{r.name}</td>
            <EditCell onEdit={() => setEditing(r)} />
          </>
        )}
      />
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

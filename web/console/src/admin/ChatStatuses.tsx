// Custom chat statuses (R2.17): per room, each open or closed in kind; a
// closed-kind status keeps a chat's owner, topic and participants as they are.
import { useState } from 'preact/hooks';
import { loadChatStatuses } from '../actions/chatstatus';
import { showError } from '../actions/toast';
import { sortByPosition } from '../actions/topics';
import { api } from '../api/client';
import type { ChatStatus, ChatStatusKind, Room } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';
import { Editor, Field, SectionHead } from './Editor';
import { AdminTable } from './Table';
import { nextPosition } from './Topics';
import { useItems } from './useItems';

const kinds: ChatStatusKind[] = ['open', 'closed'];

export function ChatStatuses() {
  const { items, reload } = useItems<ChatStatus>('/api/v1/chat-statuses');
  const loadedRooms = useItems<Room>('/api/v1/rooms').items;
  const rooms = loadedRooms ?? [];
  const [editing, setEditing] = useState<ChatStatus | 'new' | null>(null);
  const changed = () => {
    reload();
    loadChatStatuses();
  };
  const remove = (x: ChatStatus) =>
    store.set({
      confirm: {
        title: t('admin.delete'),
        text: t('admin.statusDeleteConfirm', { name: x.name }),
        ok: t('admin.delete'),
        onOk: () => void api.del(`/api/v1/chat-statuses/${x.id}`).then(changed, showError),
      },
    });
  const roomName = (id: number) => rooms.find((r) => r.id === id)?.name ?? `#${id}`;
  return (
    <div class="admin-section">
      <SectionHead title={t('admin.chatStatuses')} onNew={() => setEditing('new')} disabled={rooms.length === 0} />
      {loadedRooms?.length === 0 && <p class="hint">{t('admin.needRoom')}</p>}
      {editing && (
        <StatusForm
          key={editing === 'new' ? 'new' : editing.id}
          status={editing === 'new' ? null : editing}
          rooms={rooms}
          next={nextPosition(items)}
          onDone={() => {
            setEditing(null);
            changed();
          }}
        />
      )}
      <AdminTable
        heads={[t('admin.room'), t('admin.name'), t('admin.statusKind'), t('admin.position'), t('admin.actions')]}
        items={items && sortByPosition(items).sort((a, b) => roomName(a.room_id).localeCompare(roomName(b.room_id)))}
        row={(x) => (
          <>
            <td>{roomName(x.room_id)}</td>
            <td>{x.name}</td>
            <td data-testid="admin-status-kind">{t(x.kind === 'closed' ? 'admin.statusKind.closed' : 'admin.statusKind.open')}</td>
            <td>{x.position}</td>
            <td class="actions">
              <button class="link-btn" onClick={() => setEditing(x)}>
                {t('admin.edit')}
              </button>{' '}
              <button class="link-btn danger" data-testid="admin-status-delete" onClick={() => remove(x)}>
                {t('admin.delete')}
              </button>
            </td>
          </>
        )}
      />
    </div>
  );
}

interface FormProps {
  status: ChatStatus | null;
  rooms: Room[];
  next: number;
  onDone: () => void;
}

function StatusForm({ status, rooms, next, onDone }: FormProps) {
  const [roomId, setRoomId] = useState(status?.room_id ?? rooms[0]?.id ?? 0);
  const [name, setName] = useState(status?.name ?? '');
  const [kind, setKind] = useState<ChatStatusKind>(status?.kind ?? 'open');
  const [position, setPosition] = useState(String(status?.position ?? next));
  async function save() {
    const body = { name: name.trim(), kind, position: Number(position) || 0 };
    if (status) await api.patch(`/api/v1/chat-statuses/${status.id}`, body);
    else await api.post('/api/v1/chat-statuses', { ...body, room_id: roomId });
    onDone();
  }
  return (
    <Editor title={status ? status.name : t('admin.chatStatuses')} onSave={save} onCancel={onDone}>
      <div class="grid-2">
        <Field label={t('admin.room')}>
          <select data-testid="admin-status-room" value={roomId} disabled={!!status} onChange={(e) => setRoomId(Number(e.currentTarget.value))}>
            {rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('admin.name')}>
          <input data-testid="admin-status-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t('admin.statusKind')}>
          <select data-testid="admin-status-kind-input" value={kind} onChange={(e) => setKind(e.currentTarget.value as ChatStatusKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(k === 'closed' ? 'admin.statusKind.closed' : 'admin.statusKind.open')}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('admin.position')}>
          <input data-testid="admin-status-position" type="number" min={0} value={position} onInput={(e) => setPosition(e.currentTarget.value)} />
        </Field>
      </div>
      <p class="hint">{t('admin.statusKindHint')}</p>
    </Editor>
  );
}

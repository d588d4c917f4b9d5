// Queues: list, create, edit their room, limits and members.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { api } from '../api/client';
import type { Agent, Queue, Room } from '../api/types';
import { Editor, Field, SectionHead } from './Editor';
import { AdminTable, EditCell } from './Table';
import { useItems } from './useItems';

export function Queues() {
  const { items, reload } = useItems<Queue>('/api/v1/queues');
  const rooms = useItems<Room>('/api/v1/rooms').items ?? [];
  const agents = useItems<Agent>('/api/v1/agents').items ?? [];
  const [editing, setEditing] = useState<Queue | 'new' | null>(null);
  const roomName = (id: number) => rooms.find((r) => r.id === id)?.name ?? `#${id}`;
  return (
    <div class="admin-section">
      <SectionHead title={t('admin.queues')} onNew={() => setEditing('new')} disabled={rooms.length === 0} />
      {rooms.length === 0 && <p class="hint">{t('admin.needRoom')}</p>}
      {editing && (
        <QueueForm
          key={editing === 'new' ? 'new' : editing.id}
          queue={editing === 'new' ? null : editing}
          rooms={rooms}
          agents={agents}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      <AdminTable
        heads={[t('admin.name'), t('admin.room'), t('admin.chatLimit'), t('admin.acceptTimeout'), t('admin.members'), t('admin.actions')]}
        items={items}
        row={(q) => (
          <>
            <td>{q.name}</td>
            <td>{roomName(q.room_id)}</td>
            <td>{q.chat_limit}</td>
            <td>{q.accept_timeout}</td>
            <td>{t('admin.members.count', { n: q.members.length })}</td>
            <EditCell onEdit={() => setEditing(q)} />
          </>
        )}
      />
    </div>
  );
}

interface FormProps {
  queue: Queue | null;
  rooms: Room[];
  agents: Agent[];
  onDone: () => void;
}

function QueueForm({ queue, rooms, agents, onDone }: FormProps) {
  const [name, setName] = useState(queue?.name ?? '');
  const [roomId, setRoomId] = useState(queue?.room_id ?? rooms[0]?.id ?? 0);
  const [chatLimit, setChatLimit] = useState(queue?.chat_limit ?? 5);
  const [timeout, setTimeout_] = useState(queue?.accept_timeout ?? 30);
  const [members, setMembers] = useState<number[]>(queue?.members ?? []);

  async function save() {
    const body = { name, room_id: roomId, chat_limit: chatLimit, accept_timeout: timeout, members };
    if (queue) await api.patch(`/api/v1/queues/${queue.id}`, body);
    else await api.post('/api/v1/queues', body);
    onDone();
  }
  const toggle = (id: number, on: boolean) => setMembers((m) => (on ? [...m, id] : m.filter((x) => x !== id)));

  return (
    <Editor title={queue ? queue.name : t('admin.queues')} onSave={save} onCancel={onDone}>
      <div class="grid-2">
        <Field label={t('admin.name')}>
          <input data-testid="admin-queue-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t('admin.room')}>
          <select value={roomId} onChange={(e) => setRoomId(Number(e.currentTarget.value))}>
            {rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('admin.chatLimit')}>
          <input type="number" min={1} max={100} value={chatLimit} onInput={(e) => setChatLimit(Number(e.currentTarget.value))} />
        </Field>
        <Field label={t('admin.acceptTimeout')}>
          <input type="number" min={5} max={3600} value={timeout} onInput={(e) => setTimeout_(Number(e.currentTarget.value))} />
        </Field>
      </div>
      <fieldset class="members">
        <legend>{t('admin.members')}</legend>
        {agents.map((a) => (
          <label key={a.id} class="check">
            <input type="checkbox" checked={members.includes(a.id)} onChange={(e) => toggle(a.id, e.currentTarget.checked)} />
            <span>
              {a.name} <span class="muted">{a.email}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </Editor>
  );
}

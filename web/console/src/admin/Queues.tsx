// Queues: list, create, edit their room, limits and members.
import { useState } from 'preact/hooks';
import { t, type Key } from '../i18n';
import { api } from '../api/client';
import type { Agent, Queue, Room, RoutingMode, RoutingStrategy } from '../api/types';
import { Editor, Field, SectionHead } from './Editor';
import { AdminTable, EditCell } from './Table';
import { useItems } from './useItems';

const strategies: RoutingStrategy[] = ['least_busy', 'round_robin', 'offer_to_all'];
const modes: RoutingMode[] = ['invite', 'assign'];

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
  const [routing, setRouting] = useState<RoutingStrategy>(queue?.routing ?? 'least_busy');
  const [mode, setMode] = useState<RoutingMode>(queue?.mode ?? 'invite');
  const [priority, setPriority] = useState(queue?.priority ?? 0);
  const [firstReply, setFirstReply] = useState(queue?.first_reply_time ?? 0);
  const [reply, setReply] = useState(queue?.reply_time ?? 0);
  const [completion, setCompletion] = useState(queue?.completion_timeout ?? 0);

  async function save() {
    const body = {
      name,
      room_id: roomId,
      chat_limit: chatLimit,
      accept_timeout: timeout,
      members,
      routing,
      mode,
      priority,
      first_reply_time: firstReply,
      reply_time: reply,
      completion_timeout: completion,
    };
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
        <Field label={t('admin.routing')}>
          <select data-testid="queue-routing" value={routing} onChange={(e) => setRouting(e.currentTarget.value as RoutingStrategy)}>
            {strategies.map((r) => (
              <option key={r} value={r}>
                {t(`admin.routing.${r}` as Key)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('admin.mode')}>
          <select data-testid="queue-mode" value={mode} onChange={(e) => setMode(e.currentTarget.value as RoutingMode)}>
            {modes.map((m) => (
              <option key={m} value={m}>
                {t(`admin.mode.${m}` as Key)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('admin.priority')}>
          <NumberInput testId="queue-priority" max={1000} value={priority} onChange={setPriority} />
        </Field>
        <Field label={t('admin.firstReplyTime')}>
          <NumberInput testId="queue-first-reply" max={maxTime} value={firstReply} onChange={setFirstReply} />
        </Field>
        <Field label={t('admin.replyTime')}>
          <NumberInput testId="queue-reply" max={maxTime} value={reply} onChange={setReply} />
        </Field>
        <Field label={t('admin.completionTimeout')}>
          <NumberInput testId="queue-completion" max={maxTime} value={completion} onChange={setCompletion} />
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

// maxTime is the longest time limit the server takes: a week, in seconds.
const maxTime = 7 * 24 * 3600;

function NumberInput({ testId, max, value, onChange }: { testId: string; max: number; value: number; onChange: (n: number) => void }) {
  return <input data-testid={testId} type="number" min={0} max={max} value={value} onInput={(e) => onChange(Number(e.currentTarget.value))} />;
}

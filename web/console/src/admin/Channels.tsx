// Web-chat channels: list, create, edit, and the widget snippet to copy.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { api } from '../api/client';
import type { Channel, PrechatField, Queue } from '../api/types';
import { Editor, Field, SectionHead } from './Editor';
import { AdminTable, EditCell } from './Table';
import { PrechatEditor } from './PrechatEditor';
import { Snippet } from './Snippet';
import { useItems } from './useItems';

export function Channels() {
  const { items, reload } = useItems<Channel>('/api/v1/channels');
  const queues = useItems<Queue>('/api/v1/queues').items ?? [];
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const queueName = (id: number) => queues.find((q) => q.id === id)?.name ?? `#${id}`;
  return (
    <div class="admin-section">
      <SectionHead title={t('admin.channels')} onNew={() => setEditing('new')} disabled={queues.length === 0} />
      {queues.length === 0 && <p class="hint">{t('admin.needQueue')}</p>}
      {editing && (
        <ChannelForm
          key={editing === 'new' ? 'new' : editing.id}
          channel={editing === 'new' ? null : editing}
          queues={queues}
          onSaved={(c) => {
            setEditing(c);
            reload();
          }}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      <AdminTable
        heads={[t('admin.name'), t('admin.queue'), t('admin.publicKey'), t('admin.status'), t('admin.actions')]}
        items={items}
        muted={(c) => !c.active}
        row={(c) => (
          <>
            <td>{c.name}</td>
            <td>{queueName(c.queue_id)}</td>
            <td>
              <code>{c.public_key}</code>
            </td>
            <td>{c.active ? t('admin.active') : t('admin.inactive')}</td>
            <EditCell onEdit={() => setEditing(c)} />
          </>
        )}
      />
    </div>
  );
}

interface FormProps {
  channel: Channel | null;
  queues: Queue[];
  onSaved: (c: Channel) => void;
  onDone: () => void;
}

function ChannelForm({ channel, queues, onSaved, onDone }: FormProps) {
  const [name, setName] = useState(channel?.name ?? '');
  const [queueId, setQueueId] = useState(channel?.queue_id ?? queues[0]?.id ?? 0);
  const [welcome, setWelcome] = useState(channel?.welcome_message ?? '');
  const [active, setActive] = useState(channel?.active ?? true);
  const [fields, setFields] = useState<PrechatField[]>(channel?.prechat_fields ?? []);

  async function save() {
    const body = { name, queue_id: queueId, welcome_message: welcome, active, prechat_fields: fields };
    // A new channel stays open after saving so that its snippet can be copied at once.
    const saved = channel
      ? await api.patch<Channel>(`/api/v1/channels/${channel.id}`, body)
      : await api.post<Channel>('/api/v1/channels', body);
    onSaved(saved);
  }

  return (
    <Editor title={channel ? channel.name : t('admin.channels')} onSave={save} onCancel={onDone}>
      {channel && <Snippet publicKey={channel.public_key} />}
      <div class="grid-2">
        <Field label={t('admin.name')}>
          <input data-testid="admin-channel-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t('admin.queue')}>
          <select value={queueId} onChange={(e) => setQueueId(Number(e.currentTarget.value))}>
            {queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t('admin.welcome')}>
        <textarea rows={2} maxLength={2000} value={welcome} onInput={(e) => setWelcome(e.currentTarget.value)} />
      </Field>
      <label class="check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        <span>{t('admin.active')}</span>
      </label>
      <PrechatEditor fields={fields} onChange={setFields} />
    </Editor>
  );
}

// Channels (R8.1): the widget and every messenger the server connects, each
// listed with its icon and type, created from a type picker and edited in a
// form built from the type's settings (ChannelForm).
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import type { Channel, Queue } from '../api/types';
import { ChannelIcon } from '../components/ChannelIcon';
import { ChannelForm } from './ChannelForm';
import { SectionHead } from './Editor';
import { AdminTable, EditCell } from './Table';
import { useChannelTypes } from './useChannelTypes';
import { useItems } from './useItems';

export function Channels() {
  const { items, reload } = useItems<Channel>('/api/v1/channels');
  const queues = useItems<Queue>('/api/v1/queues').items ?? [];
  const types = useChannelTypes();
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
          types={types ?? []}
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
        heads={[t('admin.name'), t('admin.channelType'), t('admin.queue'), t('admin.publicKey'), t('admin.status'), t('admin.actions')]}
        items={items}
        muted={(c) => !c.active}
        row={(c) => (
          <>
            <td>{c.name}</td>
            <td data-testid="channel-type" data-type={c.type}>
              <ChannelIcon type={c.type} withName />
            </td>
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

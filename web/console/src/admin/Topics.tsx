// Chat topics (R2.16): the list agents pick a chat's topic from, in its order.
import { useState } from 'preact/hooks';
import { showError } from '../actions/toast';
import { loadTopics, sortByPosition } from '../actions/topics';
import { api } from '../api/client';
import type { Topic } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';
import { Editor, Field, SectionHead } from './Editor';
import { AdminTable } from './Table';
import { useItems } from './useItems';

export function Topics() {
  const { items, reload } = useItems<Topic>('/api/v1/topics');
  const [editing, setEditing] = useState<Topic | 'new' | null>(null);
  // The console's own copy, which the chats' topic picker shows, follows every change.
  const changed = () => {
    reload();
    loadTopics();
  };
  const remove = (x: Topic) =>
    store.set({
      confirm: {
        title: t('admin.delete'),
        text: t('admin.topicDeleteConfirm', { name: x.name }),
        ok: t('admin.delete'),
        onOk: () => void api.del(`/api/v1/topics/${x.id}`).then(changed, showError),
      },
    });
  return (
    <div class="admin-section">
      <SectionHead title={t('admin.topics')} onNew={() => setEditing('new')} />
      {editing && (
        <TopicForm
          key={editing === 'new' ? 'new' : editing.id}
          topic={editing === 'new' ? null : editing}
          next={nextPosition(items)}
          onDone={() => {
            setEditing(null);
            changed();
          }}
        />
      )}
      <AdminTable
        heads={[t('admin.name'), t('admin.position'), t('admin.actions')]}
        items={items && sortByPosition(items)}
        row={(x) => (
          <>
            <td>{x.name}</td>
            <td>{x.position}</td>
            <td class="actions">
              <button class="link-btn" onClick={() => setEditing(x)}>
                {t('admin.edit')}
              </button>{' '}
              <button class="link-btn danger" data-testid="admin-topic-delete" onClick={() => remove(x)}>
                {t('admin.delete')}
              </button>
            </td>
          </>
        )}
      />
    </div>
  );
}

// nextPosition puts a new entry after the last one.
export function nextPosition(items: { position: number }[] | null): number {
  return (items ?? []).reduce((max, x) => Math.max(max, x.position), 0) + 1;
}

function TopicForm({ topic, next, onDone }: { topic: Topic | null; next: number; onDone: () => void }) {
  const [name, setName] = useState(topic?.name ?? '');
  const [position, setPosition] = useState(String(topic?.position ?? next));
  async function save() {
    const body = { name: name.trim(), position: Number(position) || 0 };
    if (topic) await api.patch(`/api/v1/topics/${topic.id}`, body);
    else await api.post('/api/v1/topics', body);
    onDone();
  }
  return (
    <Editor title={topic ? topic.name : t('admin.topics')} onSave={save} onCancel={onDone}>
      <div class="grid-2">
        <Field label={t('admin.name')}>
          <input data-testid="admin-topic-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t('admin.position')}>
          <input data-testid="admin-topic-position" type="number" min={0} value={position} onInput={(e) => setPosition(e.currentTarget.value)} />
        </Field>
      </div>
    </Editor>
  );
}

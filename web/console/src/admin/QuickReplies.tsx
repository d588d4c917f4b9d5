// Quick replies (R2.11): the templates the caller may change (admins any,
// supervisors those of rooms and queues and their own), with whom each is for.
import { useEffect, useState } from 'preact/hooks';
import { showError } from '../actions/toast';
import { api } from '../api/client';
import type { Agent, Items, Queue, QuickReply, QuickReplyScope, Room } from '../api/types';
import { t, type Key } from '../i18n';
import { store } from '../state';
import { Editor, Field, SectionHead } from './Editor';
import { AdminTable } from './Table';
import { useItems } from './useItems';

const scopes: QuickReplyScope[] = ['all', 'room', 'queue', 'agent'];

// Targets are the rooms, queues and agents a template may be for, by id.
interface Targets {
  room: Map<number, string>;
  queue: Map<number, string>;
  agent: Map<number, string>;
}

function useTargets(): Targets {
  const [targets, setTargets] = useState<Targets>({ room: new Map(), queue: new Map(), agent: new Map() });
  useEffect(() => {
    const byId = (list: { id: number; name: string }[]) => new Map(list.map((x) => [x.id, x.name]));
    Promise.all([
      api.get<Items<Room>>('/api/v1/rooms'),
      api.get<Items<Queue>>('/api/v1/queues'),
      api.get<Items<Agent>>('/api/v1/agents'),
    ])
      .then(([rooms, queues, agents]) =>
        setTargets({ room: byId(rooms.items), queue: byId(queues.items), agent: byId(agents.items) }),
      )
      .catch(showError);
  }, []);
  return targets;
}

function scopeLabel(r: QuickReply, targets: Targets): string {
  const label = t(`admin.qrScope.${r.scope}` as Key);
  if (r.scope === 'all') return label;
  return `${label}: ${targets[r.scope].get(r.scope_id) ?? `#${r.scope_id}`}`;
}

export function QuickReplies() {
  const { items, reload } = useItems<QuickReply>('/api/v1/quick-replies?view=editable');
  const [editing, setEditing] = useState<QuickReply | 'new' | null>(null);
  const targets = useTargets();
  const remove = (r: QuickReply) =>
    store.set({
      confirm: {
        title: t('admin.delete'),
        text: t('admin.qrDeleteConfirm', { name: r.name }),
        ok: t('admin.delete'),
        onOk: () => void api.del(`/api/v1/quick-replies/${r.id}`).then(reload, showError),
      },
    });
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
              <button class="link-btn" data-testid="admin-qr-delete" onClick={() => remove(r)}>
                {t('admin.delete')}
              </button>
            </td>
          </>
        )}
      />
    </div>
  );
}

function QuickReplyForm({ reply, targets, onDone }: { reply: QuickReply | null; targets: Targets; onDone: () => void }) {
  const me = store.use((s) => s.me?.agent);
  const isAdmin = me?.role === 'admin';
  // Supervisors keep templates of rooms, queues and their own; agents their own.
  const allowed = scopes.filter((s) => isAdmin || s === 'agent' || (me?.role === 'supervisor' && s !== 'all'));
  const [name, setName] = useState(reply?.name ?? '');
  const [text, setText] = useState(reply?.text ?? '');
  const [scope, setScope] = useState<QuickReplyScope>(reply?.scope ?? (isAdmin ? 'all' : 'agent'));
  const [scopeId, setScopeId] = useState(reply?.scope_id ?? 0);
  const options = scope === 'all' ? null : [...targets[scope].entries()];

  async function save() {
    const id = scope === 'all' ? 0 : scope === 'agent' && !isAdmin ? (me?.id ?? 0) : scopeId;
    const body = { name, text, scope, scope_id: id };
    if (reply) await api.patch(`/api/v1/quick-replies/${reply.id}`, body);
    else await api.post('/api/v1/quick-replies', body);
    onDone();
  }
  return (
    <Editor title={reply ? reply.name : t('admin.quickReplies')} onSave={save} onCancel={onDone}>
      <Field label={t('admin.name')}>
        <input data-testid="admin-qr-name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field label={t('admin.qrText')}>
        <textarea data-testid="admin-qr-text" required maxLength={4000} rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <p class="hint">{t('admin.qrPlaceholders')}</p>
      <Field label={t('admin.qrScope')}>
        <select
          data-testid="admin-qr-scope"
          value={scope}
          onChange={(e) => {
            setScope(e.currentTarget.value as QuickReplyScope);
            setScopeId(0);
          }}
        >
          {allowed.map((s) => (
            <option key={s} value={s}>
              {t(`admin.qrScope.${s}` as Key)}
            </option>
          ))}
        </select>
      </Field>
      {options && (scope !== 'agent' || isAdmin) && (
        <Field label={t('admin.qrTarget')}>
          <select data-testid="admin-qr-target" required value={scopeId || ''} onChange={(e) => setScopeId(Number(e.currentTarget.value))}>
            <option value="" disabled>
              —
            </option>
            {options.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </Field>
      )}
    </Editor>
  );
}

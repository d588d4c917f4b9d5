// The editor of a quick reply (R2.11), shared by the admin screen and the
// agent's own list: name, text and, on the admin screen, whom it is for.
import { useEffect, useState } from 'preact/hooks';
import { saveQuickReply } from '../actions/quickreplies';
import { showError } from '../actions/toast';
import { api } from '../api/client';
import type { Agent, Items, Queue, QuickReply, QuickReplyScope, Room } from '../api/types';
import { t, type Key } from '../i18n';
import { store } from '../state';
import { Editor, Field } from './Editor';

const scopes: QuickReplyScope[] = ['all', 'room', 'queue', 'agent'];

// Targets are the rooms, queues and agents a template may be for, by id.
export interface Targets {
  room: Map<number, string>;
  queue: Map<number, string>;
  agent: Map<number, string>;
}

export function useTargets(): Targets {
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

interface FormProps {
  reply: QuickReply | null;
  // targets, given on the admin screen, let the template be for others; without
  // them it is the caller's own.
  targets?: Targets;
  onDone: () => void;
}

export function QuickReplyForm({ reply, targets, onDone }: FormProps) {
  const me = store.use((s) => s.me?.agent);
  const isAdmin = me?.role === 'admin';
  const [name, setName] = useState(reply?.name ?? '');
  const [text, setText] = useState(reply?.text ?? '');
  const [scope, setScope] = useState<QuickReplyScope>(reply?.scope ?? (isAdmin && targets ? 'all' : 'agent'));
  const [scopeId, setScopeId] = useState(reply?.scope_id ?? 0);

  async function save() {
    // Only admins name the agent of an agent's template; others keep their own.
    const id = scope === 'all' ? 0 : scope === 'agent' && (!isAdmin || !targets) ? (me?.id ?? 0) : scopeId;
    await saveQuickReply(reply, { name, text, scope, scope_id: id });
    onDone();
  }
  return (
    <Editor title={reply ? reply.name : t(targets ? 'admin.quickReplies' : 'myReplies.new')} onSave={save} onCancel={onDone}>
      <Field label={t('admin.name')}>
        <input data-testid="admin-qr-name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field label={t('admin.qrText')}>
        <textarea data-testid="admin-qr-text" required maxLength={4000} rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <p class="hint">{t('admin.qrPlaceholders')}</p>
      {targets && <ScopeFields targets={targets} scope={scope} scopeId={scopeId} setScope={setScope} setScopeId={setScopeId} />}
    </Editor>
  );
}

interface ScopeProps {
  targets: Targets;
  scope: QuickReplyScope;
  scopeId: number;
  setScope: (s: QuickReplyScope) => void;
  setScopeId: (id: number) => void;
}

// ScopeFields choose whom a template is for, among what the caller may keep.
function ScopeFields({ targets, scope, scopeId, setScope, setScopeId }: ScopeProps) {
  const role = store.use((s) => s.me?.agent.role);
  const isAdmin = role === 'admin';
  // Supervisors keep templates of rooms, queues and their own; agents their own.
  const allowed = scopes.filter((s) => isAdmin || s === 'agent' || (role === 'supervisor' && s !== 'all'));
  const options = scope === 'all' ? null : [...targets[scope].entries()];
  return (
    <>
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
    </>
  );
}

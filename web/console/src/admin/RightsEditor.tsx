// An agent's rights in the agent editor: the rooms and topics whose chats they
// see (all, or a chosen set), and the three rights over deleted chats (R7.1,
// R2.16, R2.18). Admins hold every right whatever is chosen here.
import type { AgentRights, Room, Topic } from '../api/types';
import { t, type Key } from '../i18n';
import { useItems } from './useItems';
import '../styles/chatmeta.css';

export const noRights: AgentRights = { rooms: null, topics: null, delete_chats: false, restore_chats: false, purge_chats: false };

const flags: { name: 'delete_chats' | 'restore_chats' | 'purge_chats'; label: Key }[] = [
  { name: 'delete_chats', label: 'rights.deleteChats' },
  { name: 'restore_chats', label: 'rights.restoreChats' },
  { name: 'purge_chats', label: 'rights.purgeChats' },
];

export function RightsEditor({ rights, admin, onChange }: { rights: AgentRights; admin: boolean; onChange: (r: AgentRights) => void }) {
  const rooms = useItems<Room>('/api/v1/rooms').items ?? [];
  const topics = useItems<Topic>('/api/v1/topics').items ?? [];
  return (
    <fieldset class="rights" data-testid="agent-rights">
      <legend>{t('rights.title')}</legend>
      {admin && <p class="hint">{t('rights.adminHint')}</p>}
      <IdSet kind="rooms" label="rights.rooms" all="rights.allRooms" options={rooms} value={rights.rooms} onChange={(rooms) => onChange({ ...rights, rooms })} />
      <IdSet kind="topics" label="rights.topics" all="rights.allTopics" options={topics} value={rights.topics} onChange={(topics) => onChange({ ...rights, topics })} />
      <div class="rights-flags">
        {flags.map((f) => (
          <label key={f.name} class="check">
            <input
              type="checkbox"
              data-testid={`rights-${f.name}`}
              checked={rights[f.name]}
              onChange={(e) => onChange({ ...rights, [f.name]: e.currentTarget.checked })}
            />
            <span>{t(f.label)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface IdSetProps {
  kind: string;
  label: Key;
  all: Key;
  options: { id: number; name: string }[];
  // value is null for every one, or the chosen ids.
  value: number[] | null;
  onChange: (v: number[] | null) => void;
}

// IdSet is "All" or a chosen set of rooms or topics.
function IdSet({ kind, label, all, options, value, onChange }: IdSetProps) {
  const toggle = (id: number, on: boolean) => onChange(on ? [...(value ?? []), id] : (value ?? []).filter((x) => x !== id));
  return (
    <div class="rights-set" data-testid={`rights-${kind}`}>
      <span class="rights-label">{t(label)}</span>
      <label class="check">
        <input type="checkbox" data-testid={`rights-${kind}-all`} checked={value === null} onChange={(e) => onChange(e.currentTarget.checked ? null : [])} />
        <span>{t(all)}</span>
      </label>
      {value !== null && (
        <div class="rights-choices">
          {options.length === 0 && <span class="hint">{t('admin.empty')}</span>}
          {options.map((o) => (
            <label key={o.id} class="check">
              <input
                type="checkbox"
                data-testid={`rights-${kind}-item`}
                data-id={o.id}
                checked={value.includes(o.id)}
                onChange={(e) => toggle(o.id, e.currentTarget.checked)}
              />
              <span>{o.name}</span>
            </label>
          ))}
        </div>
      )}
    </div>
  );
}

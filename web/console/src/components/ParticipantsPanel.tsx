// The open chat's participants (R2.14): who takes part beside the owner; the
// owner, supervisors and admins add and remove them, and a participant leaves.
import { useEffect, useState } from 'preact/hooks';
import { useItems } from '../admin/useItems';
import { addParticipant, confirmLeave, loadParticipants, removeParticipant } from '../actions/participants';
import type { AgentSummary, Chat } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';
import { useChatLock } from './useChatLock';
import '../styles/chatmeta.css';

const nobody: number[] = [];

export function ParticipantsPanel({ chat }: { chat: Chat }) {
  const agents = useItems<AgentSummary>('/api/v1/agents').items ?? [];
  const ids = store.use((s) => s.participants[chat.id]) ?? nobody;
  const me = store.use((s) => s.me!.agent);
  const lock = useChatLock(chat);
  useEffect(() => {
    void loadParticipants(chat.id);
  }, [chat.id]);
  const name = (id: number) => agents.find((a) => a.id === id)?.name ?? `#${id}`;
  const manages = chat.owner_id === me.id || me.role !== 'agent';
  const open = chat.state !== 'completed' && !chat.deleted_at;
  return (
    <section class="participants" data-testid="participants-panel" aria-labelledby="participants-title">
      <h4 id="participants-title">{t('participants.title')}</h4>
      {!!chat.owner_id && <p class="participants-owner">{t('participants.owner', { name: name(chat.owner_id) })}</p>}
      {ids.length === 0 && <p class="participants-empty">{t('participants.none')}</p>}
      <ul class="participant-list">
        {ids.map((id) => (
          <ParticipantRow key={id} chat={chat} id={id} name={name(id)} manages={manages} />
        ))}
      </ul>
      {manages && open && (
        <AddParticipant chat={chat} agents={agents.filter((a) => !a.disabled && a.id !== chat.owner_id && !ids.includes(a.id))} lock={lock} />
      )}
    </section>
  );
}

interface RowProps {
  chat: Chat;
  id: number;
  name: string;
  manages: boolean;
}

// ParticipantRow is one participant, with Leave for myself or Remove for those who manage the chat.
function ParticipantRow({ chat, id, name, manages }: RowProps) {
  const me = store.use((s) => s.me!.agent.id);
  const leaves = id === me && chat.owner_id !== me;
  return (
    <li class="participant" data-testid="participant" data-id={id}>
      <span>{id === me ? t('participants.you', { name }) : name}</span>
      {leaves ? (
        <button class="link-btn" data-testid="participant-leave" onClick={() => confirmLeave(chat.id)}>
          {t('participants.leave')}
        </button>
      ) : (
        manages && (
          <button class="link-btn danger" data-testid="participant-remove" onClick={() => void removeParticipant(chat.id, id)}>
            {t('participants.remove')}
          </button>
        )
      )}
    </li>
  );
}

function AddParticipant({ chat, agents, lock }: { chat: Chat; agents: AgentSummary[]; lock?: string }) {
  const [picked, setPicked] = useState(0);
  const add = async (e: Event) => {
    e.preventDefault();
    if (!picked) return;
    await addParticipant(chat.id, picked);
    setPicked(0);
  };
  return (
    <form class="participant-add" onSubmit={add} title={lock}>
      <select
        data-testid="participant-add"
        aria-label={t('participants.pick')}
        value={picked}
        disabled={!!lock}
        onChange={(e) => setPicked(Number(e.currentTarget.value))}
      >
        <option value={0}>{t('participants.pick')}</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <button type="submit" class="btn btn-small" data-testid="participant-add-button" disabled={!!lock || !picked}>
        {t('participants.add')}
      </button>
    </form>
  );
}

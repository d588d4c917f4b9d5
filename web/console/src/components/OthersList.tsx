// The Others list of a supervisor: choose an agent, see their chats (R2.7).
import { useItems } from '../admin/useItems';
import { showOthers } from '../actions/others';
import type { Agent } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';
import { ChatRow } from './ChatRow';

export function OthersList() {
  const agents = useItems<Agent>('/api/v1/agents').items ?? [];
  const others = store.use((s) => s.others);
  const chats = store.use((s) => s.chats);
  const me = store.use((s) => s.me?.agent.id ?? 0);
  const rows = (others?.ids ?? []).map((id) => chats[id]).filter((c) => !!c && !c.deleted_at);
  return (
    <>
      <div class="filter-banner">
        <label>
          {t('lists.chooseAgent')}{' '}
          <select
            data-testid="others-agent"
            value={others?.agentId ?? 0}
            onChange={(e) => void showOthers(Number((e.target as HTMLSelectElement).value))}
          >
            <option value={0}>—</option>
            {agents
              .filter((a) => a.id !== me && !a.disabled)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      <ul class="chat-list" id="chat-list" role="tabpanel" aria-labelledby="tab-others" data-testid="others-list">
        {others && rows.length === 0 && <li class="list-empty">{t('lists.emptyOthers')}</li>}
        {rows.map((c) => (
          <ChatRow key={c.id} chat={c} />
        ))}
      </ul>
    </>
  );
}

// The tabs New / My / Closed with their counts, and the selected list.
import { useMemo } from 'preact/hooks';
import { loadMoreClosed } from '../actions/lists';
import { t, type Key } from '../i18n';
import { store, type ListName } from '../state';
import { ChatRow } from './ChatRow';
import { listChats } from './lists';

const tabs: { name: ListName; label: Key; empty: Key }[] = [
  { name: 'new', label: 'lists.new', empty: 'lists.emptyNew' },
  { name: 'my', label: 'lists.my', empty: 'lists.emptyMy' },
  { name: 'closed', label: 'lists.closed', empty: 'lists.emptyClosed' },
];

const noQueues: number[] = [];

export function ChatLists() {
  const chats = store.use((s) => s.chats);
  const me = store.use((s) => s.me?.agent.id ?? 0);
  const current = store.use((s) => s.list);
  const closedNext = store.use((s) => s.closedNext);
  const queues = store.use((s) => s.me?.queues) ?? noQueues;
  const lists = useMemo(() => listChats(chats, me, queues), [chats, me, queues]);
  const tab = tabs.find((x) => x.name === current)!;
  const rows = lists[current];
  return (
    <section class="lists">
      <div class="tabs" role="tablist" aria-label={t('lists.label')}>
        {tabs.map((x) => (
          <button
            key={x.name}
            role="tab"
            id={`tab-${x.name}`}
            aria-selected={current === x.name}
            aria-controls="chat-list"
            class={`tab ${current === x.name ? 'active' : ''}`}
            data-testid={`list-${x.name}`}
            onClick={() => store.set({ list: x.name })}
          >
            <span>{t(x.label)}</span>
            <span
              class={`count ${x.name === 'new' && lists.new.length ? 'count-hot' : ''}`}
              data-testid={`count-${x.name}`}
              aria-label={t('lists.count', { n: lists[x.name].length })}
            >
              {lists[x.name].length}
            </span>
          </button>
        ))}
      </div>
      <ul class="chat-list" id="chat-list" role="tabpanel" aria-labelledby={`tab-${current}`}>
        {rows.length === 0 && <li class="list-empty">{t(tab.empty)}</li>}
        {rows.map((c) => (
          <ChatRow key={c.id} chat={c} />
        ))}
        {current === 'closed' && closedNext > 0 && (
          <li class="list-more">
            <button class="btn btn-ghost" onClick={() => void loadMoreClosed()}>
              {t('lists.loadMore')}
            </button>
          </li>
        )}
      </ul>
    </section>
  );
}

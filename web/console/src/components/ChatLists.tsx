// The tabs New / My / All / Closed / Others / Deleted with their counts, and the selected list.
import { useMemo } from 'preact/hooks';
import { loadChatSet } from '../actions/chatset';
import { loadMoreClosed } from '../actions/lists';
import { showError } from '../actions/toast';
import { t, type Key } from '../i18n';
import type { Chat, Lists } from '../api/types';
import { resetContactChats } from '../actions/contactchats';
import { store, type ListName } from '../state';
import { ChatRow } from './ChatRow';
import { ExportMenu, listExport } from './ExportMenu';
import { RoomPicker } from './RoomPicker';
import { SearchPanel } from './SearchPanel';
import { listChats } from './lists';
import { OthersList } from './OthersList';
import { DeletedList } from './DeletedList';
import { seesDeleted } from '../actions/rights';

const tabs: { name: ListName; label: Key; empty: Key }[] = [
  { name: 'new', label: 'lists.new', empty: 'lists.emptyNew' },
  { name: 'my', label: 'lists.my', empty: 'lists.emptyMy' },
  { name: 'all', label: 'lists.all', empty: 'lists.emptyAll' },
  { name: 'unread', label: 'lists.unreadTab', empty: 'lists.emptyUnread' },
  { name: 'closed', label: 'lists.closed', empty: 'lists.emptyClosed' },
  { name: 'others', label: 'lists.others', empty: 'lists.emptyOthers' },
  { name: 'deleted', label: 'lists.deleted', empty: 'lists.emptyDeleted' },
];

const noQueues: number[] = [];

export function ChatLists() {
  const chats = store.use((s) => s.chats);
  const me = store.use((s) => s.me?.agent.id ?? 0);
  const current = store.use((s) => s.list);
  const closedNext = store.use((s) => s.closedNext);
  const queues = store.use((s) => s.me?.queues) ?? noQueues;
  const participants = store.use((s) => s.participants);
  const unread = store.use((s) => s.unread);
  const room = store.use((s) => s.room);
  const queueRooms = store.use((s) => s.queueRooms);
  const counts = store.use((s) => s.counts);
  const contactChats = store.use((s) => s.contactChats);
  const seesAll = store.use((s) => (s.me ? s.me.agent.role !== 'agent' : false));
  const deletedTab = store.use((s) => seesDeleted(s.me?.agent));
  const lists = useMemo(
    () => listChats(chats, { me, queues, participants, unread, room, queueRooms }),
    [chats, me, queues, participants, unread, room, queueRooms],
  );
  const roomCounts = room === null ? counts : (counts?.rooms.find((r) => r.room_id === room) ?? null);
  const shown = tabs.filter((x) => (x.name !== 'others' || seesAll) && (x.name !== 'deleted' || deletedTab));
  const tab = tabs.find((x) => x.name === current)!;
  if (contactChats) return <ContactChats {...contactChats} chats={chats} />;
  const rows = lists[current];
  return (
    <section class="lists">
      <SearchPanel />
      <RoomPicker />
      <div class="tabs" role="tablist" aria-label={t('lists.label')}>
        {shown.map((x) => (
          <button
            key={x.name}
            role="tab"
            id={`tab-${x.name}`}
            aria-selected={current === x.name}
            aria-controls="chat-list"
            class={`tab ${current === x.name ? 'active' : ''}`}
            data-testid={`list-${x.name}`}
            onClick={() => showList(x.name)}
          >
            <span>{t(x.label)}</span>
            {x.name !== 'others' && <span
              class={`count ${x.name === 'new' && lists.new.length ? 'count-hot' : ''}`}
              data-testid={`count-${x.name}`}
              aria-label={t('lists.count', { n: listSize(x.name, lists[x.name].length, roomCounts) })}
            >
              {listSize(x.name, lists[x.name].length, roomCounts)}
            </span>}
            {x.name !== 'others' && (roomCounts?.[x.name as keyof Lists]?.unread ?? 0) > 0 && (
              <span class="count count-unread" data-testid={`unread-${x.name}`} title={t('lists.unread')}>
                {roomCounts![x.name as keyof Lists]!.unread}
              </span>
            )}
          </button>
        ))}
      </div>
      <ExportMenu href={listExport(current, me)} />
      {current === 'others' ? <OthersList /> : current === 'deleted' ? <DeletedList rows={rows} /> : <ul class="chat-list" id="chat-list" role="tabpanel" aria-labelledby={`tab-${current}`}>
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
      </ul>}
    </section>
  );
}

// showList shows a tab; the Unread one first reads the unread chats not loaded
// yet (older closed ones), which then stay live like the rest.
function showList(name: ListName): void {
  store.set({ list: name });
  if (name === 'unread') loadChatSet('unread=true', () => ({})).catch(showError);
}

// listSize is the number a tab shows: the chats loaded, which the lists keep live,
// except that only part of the closed ones is loaded and the server counts them all.
function listSize(name: ListName, loaded: number, counts: Lists | null): number {
  if (!counts) return loaded;
  if (name === 'unread') return Math.max(loaded, counts.all.unread);
  if (name !== 'closed' && name !== 'all' && name !== 'deleted') return loaded;
  return Math.max(loaded, counts[name]?.chats ?? 0);
}

// ContactChats shows one contact's chats in place of the lists, with the one
// click that puts the lists back (R2.19).
function ContactChats({ name, ids, chats }: { name: string; ids: number[]; chats: Record<number, Chat> }) {
  const rows = ids.map((id) => chats[id]).filter((c): c is Chat => !!c && !c.deleted_at);
  return (
    <section class="lists" data-testid="contact-chats-list">
      <div class="filter-banner">
        <span>{t('lists.contactChats', { name, n: rows.length })}</span>
        <button class="btn btn-ghost" data-testid="contact-chats-reset" onClick={resetContactChats}>
          {t('lists.reset')}
        </button>
      </div>
      <ul class="chat-list">
        {rows.map((c) => (
          <ChatRow key={c.id} chat={c} />
        ))}
      </ul>
    </section>
  );
}

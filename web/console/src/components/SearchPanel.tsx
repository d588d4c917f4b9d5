// The search box above the chat lists (R2.9): free text with filters by channel,
// queue, agent, state, topic and period, reset in one click, and a quick search
// of contacts whose pick narrows the search to that contact's chats. Snippets
// are built as elements from the server's parts, never as HTML.
import { useEffect, useRef, useState } from 'preact/hooks';
import { selectChat } from '../actions/chat';
import { showError } from '../actions/toast';
import { api } from '../api/client';
import {
  emptyFilters,
  filtersActive,
  maxSearchText,
  searchChats,
  searchExport,
  searchContacts,
  type ChatHit,
  type SearchFilters,
  type SnippetPart,
} from '../api/search';
import type { Agent, Channel, Contact, Queue } from '../api/types';
import { formatTime, t, type Key } from '../i18n';
import { chatTitle, store } from '../state';
import { channelLabel } from './channelName';
import { ChannelIcon } from './ChannelIcon';
import { ExportMenu } from './ExportMenu';
import '../styles/search.css';

const debounceMs = 300;

interface Options {
  channels: Channel[];
  queues: Queue[];
  agents: Agent[];
}

export function SearchPanel() {
  const [f, setF] = useState<SearchFilters>(emptyFilters);
  const [contactName, setContactName] = useState('');
  const [open, setOpen] = useState(false);
  const [hits, setHits] = useState<ChatHit[] | null>(null);
  const [next, setNext] = useState(0);
  const [opts, setOpts] = useState<Options | null>(null);
  const seq = useRef(0);
  const active = filtersActive(f);
  const selected = store.use((s) => s.selected);

  // Every change of the filters asks again, after a pause in typing; an answer
  // to an older question is dropped.
  useEffect(() => {
    if (!active) {
      setHits(null);
      setNext(0);
      return;
    }
    if (new TextEncoder().encode(f.q).length > maxSearchText) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      searchChats(f).then((page) => {
        if (mine !== seq.current) return;
        setHits(page.hits);
        setNext(page.next ?? 0);
      }, showError);
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [f, active]);

  useEffect(() => {
    if (!open || opts) return;
    Promise.all([
      api.get<{ items: Channel[] }>('/api/v1/channels'),
      api.get<{ items: Queue[] }>('/api/v1/queues'),
      api.get<{ items: Agent[] }>('/api/v1/agents'),
    ]).then(
      ([channels, queues, agents]) => setOpts({ channels: channels.items, queues: queues.items, agents: agents.items }),
      showError,
    );
  }, [open, opts]);

  const set = (k: keyof SearchFilters) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const reset = () => {
    seq.current++;
    setF(emptyFilters);
    setContactName('');
  };
  const more = () => {
    const mine = seq.current;
    searchChats(f, next).then((page) => {
      if (mine !== seq.current) return;
      setHits((h) => [...(h ?? []), ...page.hits]);
      setNext(page.next ?? 0);
    }, showError);
  };
  const pickContact = (c: Contact) => {
    setF({ ...f, contact: String(c.id) });
    setContactName(c.name || c.email || c.phone || `#${c.id}`);
  };

  return (
    <div class="search" role="search" data-testid="search-panel">
      <div class="search-bar">
        <input
          type="search"
          class="search-input"
          data-testid="search-input"
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
          maxLength={maxSearchText}
          value={f.q}
          onInput={set('q')}
        />
        <button
          class={`btn btn-ghost search-toggle ${open ? 'active' : ''}`}
          data-testid="search-filters"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {t('search.filters')}
        </button>
        {active && (
          <button class="btn btn-ghost" data-testid="search-reset" onClick={reset}>
            {t('search.reset')}
          </button>
        )}
        {hits && hits.length > 0 && <ExportMenu href={searchExport(f)} />}
      </div>
      {f.contact && (
        <div class="search-chips">
          <span class="chip" data-testid="search-contact-chip">
            {t('search.contactIs', { name: contactName })}
            <button
              class="chip-x"
              aria-label={t('search.removeContact')}
              onClick={() => {
                setF({ ...f, contact: '' });
                setContactName('');
              }}
            >
              ×
            </button>
          </span>
        </div>
      )}
      {open && <Filters f={f} set={set} opts={opts} onContact={pickContact} />}
      {hits && (
        <ul class="chat-list search-results" data-testid="search-results" aria-label={t('search.results')}>
          {hits.length === 0 && <li class="list-empty">{t('search.nothing')}</li>}
          {hits.map((h) => (
            <HitRow key={`${h.chat.id}-${h.cursor}`} hit={h} selected={selected === h.chat.id} />
          ))}
          {next > 0 && (
            <li class="list-more">
              <button class="btn btn-ghost" onClick={more}>
                {t('search.more')}
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

function Filters({
  f,
  set,
  opts,
  onContact,
}: {
  f: SearchFilters;
  set: (k: keyof SearchFilters) => (e: Event) => void;
  opts: Options | null;
  onContact: (c: Contact) => void;
}) {
  return (
    <div class="search-filters" data-testid="search-filter-panel">
      <ContactSearch onPick={onContact} />
      <label>
        <span>{t('search.channel')}</span>
        <select value={f.channel} onInput={set('channel')} data-testid="filter-channel">
          <option value="">{t('search.any')}</option>
          {opts?.channels.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name} ({channelLabel(c.type)})
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('search.queue')}</span>
        <select value={f.queue} onInput={set('queue')} data-testid="filter-queue">
          <option value="">{t('search.any')}</option>
          {opts?.queues.map((q) => (
            <option key={q.id} value={String(q.id)}>
              {q.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('search.agent')}</span>
        <select value={f.agent} onInput={set('agent')} data-testid="filter-agent">
          <option value="">{t('search.any')}</option>
          {opts?.agents.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('search.state')}</span>
        <select value={f.state} onInput={set('state')} data-testid="filter-state">
          <option value="">{t('search.any')}</option>
          <option value="waiting">{t('state.waiting')}</option>
          <option value="in_progress">{t('state.in_progress')}</option>
          <option value="completed">{t('state.completed')}</option>
        </select>
      </label>
      <label>
        <span>{t('search.topic')}</span>
        <input type="text" list="search-topics" value={f.topic} maxLength={200} onInput={set('topic')} data-testid="filter-topic" />
        <TopicNames />
      </label>
      <label>
        <span>{t('search.from')}</span>
        <input type="date" value={f.from} onInput={set('from')} data-testid="filter-from" />
      </label>
      <label>
        <span>{t('search.to')}</span>
        <input type="date" value={f.to} onInput={set('to')} data-testid="filter-to" />
      </label>
      <p class="search-hint">{t('search.periodHint')}</p>
    </div>
  );
}

// ContactSearch finds contacts by name, e-mail or phone as one types.
// TopicNames suggests the listed topics; the filter takes any name, Other ones too.
function TopicNames() {
  const topics = store.use((s) => s.topics);
  return (
    <datalist id="search-topics">
      {topics.map((tp) => (
        <option key={tp.id} value={tp.name} />
      ))}
    </datalist>
  );
}

function ContactSearch({ onPick }: { onPick: (c: Contact) => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Contact[]>([]);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    if (q.trim() === '') {
      setFound([]);
      return;
    }
    const timer = setTimeout(() => {
      searchContacts(q.trim()).then((cs) => {
        if (mine === seq.current) setFound(cs);
      }, showError);
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [q]);
  return (
    <div class="contact-search">
      <label>
        <span>{t('search.contact')}</span>
        <input
          type="search"
          value={q}
          maxLength={maxSearchText}
          placeholder={t('search.contactPlaceholder')}
          data-testid="contact-search"
          onInput={(e) => setQ(e.currentTarget.value)}
        />
      </label>
      {found.length > 0 && (
        <ul class="contact-hits" data-testid="contact-hits">
          {found.map((c) => (
            <li key={c.id}>
              <button
                class="btn btn-ghost"
                onClick={() => {
                  onPick(c);
                  setQ('');
                }}
              >
                <span class="contact-name">{c.name || `#${c.id}`}</span>
                <span class="contact-sub">{[c.email, c.phone].filter(Boolean).join(' · ')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function HitRow({ hit, selected }: { hit: ChatHit; selected: boolean }) {
  const c = hit.chat;
  const name = chatTitle(c, (id) => t('chat.visitor', { id }));
  const when = c.last_message_at || c.updated_at;
  return (
    <li>
      <button
        class={`chat-row ${selected ? 'selected' : ''}`}
        data-testid="search-hit"
        data-chat-id={c.id}
        aria-current={selected ? 'true' : undefined}
        onClick={() => selectChat(c.id)}
      >
        <span class="row-main">
          <span class="row-top">
            <span class="row-name">{name}</span>
            <time class="row-time" dateTime={when}>
              {formatTime(when)}
            </time>
          </span>
          {hit.snippet && hit.snippet.length > 0 && (
            <span class="row-preview search-snippet">
              {hit.kind === 'contact' && <span class="search-kind">{t('search.byContact')} </span>}
              <Snippet parts={hit.snippet} />
            </span>
          )}
          <span class="row-meta">
            <ChannelIcon type={c.channel_type} />
            <span class="chip">{t(`state.${c.state}` as Key)}</span>
          </span>
        </span>
      </button>
    </li>
  );
}

function Snippet({ parts }: { parts: SnippetPart[] }) {
  return <>{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

// One thing in a contact's history (R3.4): a chat, which opens in the chat
// workspace; a merge, with who merged and when, and whether it was undone; a
// block with its reason; or a case, which opens on the Cases screen.
import { useEffect } from 'preact/hooks';
import { agentNames, loadAgentNames, shownName } from '../actions/agentnames';
import type { Merge } from '../api/contacts';
import type { TimelineItem } from '../api/timeline';
import type { Chat } from '../api/types';
import { ChannelIcon } from '../components/ChannelIcon';
import { formatDateTime, t } from '../i18n';
import { openChat } from './ContactChats';
import { untilText } from './blockText';
import { caseTitle, openCase } from '../actions/cases';
import type { Block } from '../api/blocks';
import type { Case } from '../api/cases';

export function HistoryItem({ item, names }: { item: TimelineItem; names: Record<number, string> }) {
  return (
    <li class="history-item" data-testid="history-item" data-kind={item.kind} data-id={item.chat?.id ?? item.merge?.id ?? item.block?.id ?? item.case?.id}>
      <time class="history-at" dateTime={item.at}>
        {formatDateTime(item.at)}
      </time>
      {item.chat && <ChatEntry c={item.chat} />}
      {item.merge && <MergeEntry m={item.merge} names={names} />}
      {item.block && <BlockEntry b={item.block} />}
      {item.case && <CaseEntry k={item.case} />}
    </li>
  );
}

function ChatEntry({ c }: { c: Chat }) {
  return (
    <div class="history-what history-chat">
      <button class="link-btn" data-testid="history-chat-open" onClick={() => openChat(c)}>
        {t('contact.chatNumber', { id: c.id })}
      </button>{' '}
      <ChannelIcon type={c.channel_type} withName />{' '}
      <span class="hint">
        {t(`state.${c.state}`)}
        {c.topic ? ` · ${c.topic}` : ''}
      </span>
    </div>
  );
}

function MergeEntry({ m, names }: { m: Merge; names: Record<number, string> }) {
  const agents = agentNames.use((s) => s.names);
  useEffect(() => void loadAgentNames(), []);
  const name = (id: number) => names[id] ?? `#${id}`;
  return (
    <div class="history-what">
      <span>{t('history.merge', { from: name(m.from_id), into: name(m.into_id) })}</span>
      <span class="hint">{t('merge.by', { name: shownName(agents, m.by), at: formatDateTime(m.at) })}</span>
      {m.undone_at && (
        <span class="hint" data-testid="history-merge-undone">
          {t('merge.undoneBy', { name: shownName(agents, m.undone_by ?? 0), at: formatDateTime(m.undone_at) })}
        </span>
      )}
    </div>
  );
}

function BlockEntry({ b }: { b: Block }) {
  return (
    <div class="history-what">
      <span>
        {t('history.block')} · {untilText(b)}
      </span>
      <span class="hint">{b.reason}</span>
    </div>
  );
}

function CaseEntry({ k }: { k: Case }) {
  return (
    <div class="history-what">
      <button class="link-btn" data-testid="history-case-open" onClick={() => openCase(k.id)}>
        {caseTitle(k)}
      </button>{' '}
      <span class="hint">{t(`cases.status.${k.status}`)}</span>
    </div>
  );
}

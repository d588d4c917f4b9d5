// The open chat's topic (R2.16): one of the admins' list, or Other with the
// agent's own words.
import { useEffect, useRef, useState } from 'preact/hooks';
import { setOtherTopic, setTopic } from '../actions/topics';
import type { Chat } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';

const other = 'other';

function choiceOf(chat: Chat): string {
  if (chat.topic_id) return String(chat.topic_id);
  return chat.topic ? other : '0';
}

export function ChatTopic({ chat, editable, lock }: { chat: Chat; editable: boolean; lock?: string }) {
  const topics = store.use((s) => s.topics);
  const [choice, setChoice] = useState(choiceOf(chat));
  useEffect(() => setChoice(choiceOf(chat)), [chat.topic_id, chat.topic]);
  const disabled = !editable || !!lock;
  // A topic taken off the list since stays shown on the chats that have it.
  const unlisted = !!chat.topic_id && !topics.some((x) => x.id === chat.topic_id);
  const pick = (v: string) => {
    setChoice(v);
    if (v !== other) void setTopic(chat.id, Number(v));
  };
  return (
    <div class="conv-meta-item" title={lock}>
      <label class="conv-meta-label" for="chat-topic">
        {t('topic.label')}
      </label>
      <select id="chat-topic" data-testid="chat-topic" value={choice} disabled={disabled} onChange={(e) => pick(e.currentTarget.value)}>
        <option value="0">{t('topic.none')}</option>
        {topics.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
        {unlisted && <option value={chat.topic_id}>{chat.topic || `#${chat.topic_id}`}</option>}
        <option value={other}>{t('topic.other')}</option>
      </select>
      {choice === other && <OtherTopic chat={chat} disabled={disabled} />}
    </div>
  );
}

// OtherTopic is the agent's own words for a topic the list lacks.
function OtherTopic({ chat, disabled }: { chat: Chat; disabled: boolean }) {
  const saved = chat.topic_id ? '' : (chat.topic ?? '');
  const [words, setWords] = useState(saved);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!saved) input.current?.focus();
  }, []);
  const save = (e: Event) => {
    e.preventDefault();
    if (words.trim()) void setOtherTopic(chat.id, words);
  };
  return (
    <form class="conv-meta-other" onSubmit={save}>
      <input
        ref={input}
        data-testid="chat-topic-other"
        aria-label={t('topic.otherLabel')}
        placeholder={t('topic.otherPlaceholder')}
        maxLength={200}
        value={words}
        disabled={disabled}
        onInput={(e) => setWords(e.currentTarget.value)}
      />
      <button type="submit" class="btn btn-small" data-testid="chat-topic-save" disabled={disabled || !words.trim() || words.trim() === saved}>
        {t('topic.save')}
      </button>
    </form>
  );
}

// The open chat's comment feed (R2.23): colleagues' plain-text remarks on the
// chat's record, oldest first and live, a box to add one, and the toggle to
// follow the chat and be told of its changes.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { agentNames, shownName } from '../actions/agentnames';
import { addComment, commentsStore, follow, loadComments, loadFollowing, maxCommentChars } from '../actions/comments';
import { toast } from '../actions/toast';
import type { ChatComment } from '../api/types';
import { formatDateTime, t } from '../i18n';
import { store } from '../state';
import '../styles/comments.css';

const noComments: ChatComment[] = [];

export function CommentsPanel({ chatId }: { chatId: number }) {
  const comments = commentsStore.use((s) => s.comments[chatId]) ?? noComments;
  const loaded = commentsStore.use((s) => !!s.comments[chatId]);
  useEffect(() => {
    void loadComments(chatId);
    void loadFollowing(chatId);
  }, [chatId]);
  return (
    <section class="comments" data-testid="comments-panel" aria-labelledby="comments-title">
      <div class="comments-head">
        <h4 id="comments-title">{t('comments.title')}</h4>
        <FollowToggle chatId={chatId} />
      </div>
      <p class="comments-hint">{t('comments.hint')}</p>
      {loaded && comments.length === 0 && <p class="comments-hint">{t('comments.empty')}</p>}
      <CommentFeed comments={comments} />
      <CommentBox key={chatId} chatId={chatId} />
    </section>
  );
}

function FollowToggle({ chatId }: { chatId: number }) {
  const following = commentsStore.use((s) => s.following[chatId]);
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    await follow(chatId, !following);
    setBusy(false);
  };
  return (
    <button
      class={`btn btn-small follow-toggle ${following ? 'following' : ''}`}
      data-testid="follow-toggle"
      data-following={following ? 'true' : 'false'}
      aria-pressed={!!following}
      title={t(following ? 'comments.followingHint' : 'comments.followHint')}
      disabled={busy || following === undefined}
      onClick={() => void toggle()}
    >
      {t(following ? 'comments.unfollow' : 'comments.follow')}
    </button>
  );
}

// CommentFeed keeps its newest comment in sight as comments arrive.
function CommentFeed({ comments }: { comments: ChatComment[] }) {
  const names = agentNames.use((s) => s.names);
  const me = store.use((s) => s.me?.agent.id ?? 0);
  const ref = useRef<HTMLUListElement>(null);
  useLayoutEffect(() => {
    if (ref.current) ref.current.scrollTop = ref.current.scrollHeight;
  }, [comments.length]);
  return (
    <ul class="comment-list" ref={ref} aria-live="polite">
      {comments.map((c) => (
        <li key={c.id} class="comment" data-testid="comment" data-id={c.id}>
          <div class="comment-meta">
            <span class="comment-author">{c.author_id === me ? t('comments.you') : shownName(names, c.author_id)}</span>
            <time dateTime={c.created_at}>{formatDateTime(c.created_at)}</time>
          </div>
          <div class="comment-text" data-testid="comment-text">
            {c.text}
          </div>
        </li>
      ))}
    </ul>
  );
}

// CommentBox writes a comment: the button or Ctrl+Enter (Cmd+Enter) adds it,
// and the text stays when adding fails.
function CommentBox({ chatId }: { chatId: number }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const body = text.trim();
    if (!body || busy) return;
    if ([...body].length > maxCommentChars) {
      toast(t('comments.tooLong', { n: maxCommentChars }));
      return;
    }
    setBusy(true);
    if (await addComment(chatId, body)) setText('');
    setBusy(false);
  };
  return (
    <div class="comment-box">
      <textarea
        class="comment-input"
        data-testid="comment-input"
        rows={2}
        aria-label={t('comments.label')}
        placeholder={t('comments.placeholder')}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <button class="btn btn-primary btn-small" data-testid="comment-send" disabled={busy || !text.trim()} onClick={() => void submit()}>
        {t('comments.send')}
      </button>
    </div>
  );
}

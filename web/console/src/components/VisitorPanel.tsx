// The right column: who the visitor is and where they came from, and the
// team's record of the chat: participants, notes, comments and files.
import { t, formatDateTime, type Key } from '../i18n';
import { store } from '../state';
import { ChannelIcon } from './ChannelIcon';
import { showContactChats } from '../actions/contactchats';
import { ChatFilesPanel } from './ChatFilesPanel';
import { ContactPanel } from './ContactPanel';
import { CommentsPanel } from './CommentsPanel';
import { NotesPanel } from './NotesPanel';
import { ParticipantsPanel } from './ParticipantsPanel';

export function VisitorPanel() {
  const id = store.use((s) => s.selected);
  const chat = store.use((s) => (id ? s.chats[id] : undefined));
  const cc = store.use((s) => (id ? s.contacts[id] : undefined));
  if (!id || !chat) return <aside class="col-right" />;
  const v = cc?.identity.visitor ?? {};
  const contact = cc?.contact;
  const utm = Object.entries(v.utm ?? {});
  const fields = Object.entries(v.fields ?? {});
  return (
    <aside class="col-right" data-testid="visitor-panel" aria-labelledby="visitor-title">
      <h3 id="visitor-title">{t('visitor.title')}</h3>
      <ContactPanel key={id} chat={chat} />
      <dl class="details">
        {!contact && <Row label="visitor.name" value={chat.name || t('chat.visitor', { id: chat.contact_id })} />}
        <div class="detail">
          <dt>{t('visitor.channel')}</dt>
          <dd data-testid="visitor-channel">
            <ChannelIcon type={chat.channel_type} withName />
          </dd>
        </div>
        <Row label="visitor.state" value={t(`state.${chat.state}`)} />
        <Row label="visitor.started" value={formatDateTime(chat.created_at)} />
        {chat.channel_type === 'webchat' ? (
          <>
            <Row label="visitor.page" value={v.page_url} link />
            <Row label="visitor.referrer" value={v.referrer} link />
            <Row label="visitor.language" value={v.language} />
            <Row label="visitor.location" value={v.time_zone} />
            <Row label="visitor.userAgent" value={v.user_agent} small />
          </>
        ) : (
          // A messenger tells no page or browser; its own id of the user is what identifies them there.
          <Row label="visitor.externalId" value={cc?.identity.external_id} />
        )}
      </dl>
      <button
        class="btn btn-ghost panel-action"
        data-testid="contact-chats"
        onClick={() => void showContactChats(chat.contact_id, contact?.name || chat.name || t('chat.visitor', { id: chat.contact_id }))}
      >
        {t('visitor.allChats')}
      </button>
      {utm.length > 0 && (
        <>
          <h4>{t('visitor.utm')}</h4>
          <dl class="details">
            {utm.map(([k, val]) => (
              <div class="detail" key={k}>
                <dt>utm_{k}</dt>
                <dd>{val}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {fields.length > 0 && (
        <>
          <h4>{t('visitor.fields')}</h4>
          <dl class="details">
            {fields.map(([k, val]) => (
              <div class="detail" key={k}>
                <dt>{k}</dt>
                <dd>{val}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <ParticipantsPanel chat={chat} />
      <NotesPanel chatId={id} />
      <CommentsPanel chatId={id} />
      <ChatFilesPanel chatId={id} />
    </aside>
  );
}

function Row({ label, value, link, small }: { label: Key; value?: string; link?: boolean; small?: boolean }) {
  const safeLink = link && value && /^https?:\/\//i.test(value);
  return (
    <div class="detail">
      <dt>{t(label)}</dt>
      <dd class={small ? 'small' : ''}>
        {!value ? (
          t('visitor.none')
        ) : safeLink ? (
          <a href={value} target="_blank" rel="noopener noreferrer nofollow">
            {value}
          </a>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}

// A contact's chats, from every channel, newest first; one opens in the chat workspace.
import { selectChat } from '../actions/chat';
import { contactsApi } from '../api/contacts';
import { EmptyRow, TableHead } from '../admin/Table';
import type { Chat } from '../api/types';
import { ChannelIcon } from '../components/ChannelIcon';
import { formatDateTime, t } from '../i18n';
import { store, upsertChat } from '../state';
import { useContactData } from './useContactData';

export function ContactChats({ id }: { id: number }) {
  const page = useContactData(() => contactsApi.chats(id), [id]);
  const chats = page?.chats ?? [];
  const heads = [t('contact.chat'), t('visitor.channel'), t('visitor.state'), t('visitor.started'), t('topic.label')];
  return (
    <section class="contact-section" aria-labelledby="contact-chats-title">
      <h3 id="contact-chats-title">{t('contact.chats', { n: chats.length })}</h3>
      <table class="table" data-testid="contact-chat-list">
        <TableHead heads={heads} />
        <tbody>
          {page && chats.length === 0 && <EmptyRow span={heads.length} text={t('lists.emptyAll')} />}
          {chats.map((c) => (
            <ChatLine key={c.id} chat={c} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ChatLine({ chat: c }: { chat: Chat }) {
  return (
    <tr data-testid="contact-chat" data-chat-id={c.id}>
      <td>
        <button class="link-btn" data-testid="contact-chat-open" onClick={() => openChat(c)}>
          {t('contact.chatNumber', { id: c.id })}
        </button>
      </td>
      <td>
        <ChannelIcon type={c.channel_type} withName />
      </td>
      <td>{t(`state.${c.state}`)}</td>
      <td>{formatDateTime(c.created_at)}</td>
      <td>{c.topic || t('visitor.none')}</td>
    </tr>
  );
}

// openChat shows the chat in the workspace, under the list it belongs to.
export function openChat(c: Chat): void {
  store.set((s) => ({ chats: upsertChat(s.chats, c) }));
  selectChat(c.id);
}

// Writing to a contact first (R2.21, R3.8): a chat started on the identity the
// agent picks opens in the workspace, in progress and theirs, listed under My.
import { contactsApi } from '../api/contacts';
import type { Chat } from '../api/types';
import { mergeMessages, store, upsertChat, type AppState } from '../state';
import { selectChat } from './chat';
import { refusalText } from './toast';

// writeToContact starts the chat with the first message; it returns why the
// server refused, in its words (which condition failed), or null once the chat is open.
export async function writeToContact(contactId: number, identityId: number, clientId: string, text: string): Promise<string | null> {
  try {
    const { chat, message } = await contactsApi.startChat(contactId, identityId, clientId, text);
    store.set((s) => ({
      chats: upsertChat(s.chats, chat),
      messages: s.messages[chat.id] ? { ...s.messages, [chat.id]: mergeMessages(s.messages[chat.id], [message]) } : s.messages,
      ...listedAgain(s, chat),
    }));
    selectChat(chat.id);
    return null;
  } catch (err) {
    return refusalText(err);
  }
}

// listedAgain puts the lists back where the new chat shows: one contact's
// chats read before it, or another room, would leave it out.
function listedAgain(s: AppState, c: Chat): Partial<AppState> {
  const otherRoom = s.room !== null && s.queueRooms[c.queue_id] !== s.room;
  return { contactChats: null, room: otherRoom ? null : s.room };
}

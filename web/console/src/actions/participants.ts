// Participants of a chat (R2.14): agents added beside the owner, who see the
// chat under My and may write in it. The owner, supervisors and admins add and
// remove them; a participant may leave.
import { api } from '../api/client';
import type { ChatPage, Participant, ParticipantsData } from '../api/types';
import { t } from '../i18n';
import { myId, store } from '../state';
import { recheckChat } from './chatgone';
import { showError } from './toast';

function setParticipants(chatId: number, ids: number[]): void {
  store.set((s) => ({ participants: { ...s.participants, [chatId]: ids } }));
}

export async function loadParticipants(chatId: number): Promise<void> {
  try {
    const list = await api.list<Participant>(`/api/v1/chats/${chatId}/participants`);
    setParticipants(chatId, list.map((p) => p.agent_id));
  } catch {
    // The panel then lists nobody; the chat itself is unaffected.
  }
}

export async function addParticipant(chatId: number, agentId: number): Promise<void> {
  try {
    await api.post(`/api/v1/chats/${chatId}/participants`, { agent_id: agentId });
    await loadParticipants(chatId);
  } catch (err) {
    showError(err);
  }
}

export async function removeParticipant(chatId: number, agentId: number): Promise<void> {
  try {
    await api.del(`/api/v1/chats/${chatId}/participants/${agentId}`);
    if (agentId === myId()) await recheckChat(chatId, 'participants.left');
    else await loadParticipants(chatId);
  } catch (err) {
    showError(err);
  }
}

// confirmLeave asks a participant before they leave the chat.
export function confirmLeave(chatId: number): void {
  store.set({
    confirm: {
      title: t('participants.leaveTitle'),
      text: t('participants.leaveText'),
      ok: t('participants.leave'),
      onOk: () => void removeParticipant(chatId, myId()),
    },
  });
}

// onParticipants applies chat.participants: a chat I was added to is read so
// that it shows under My; one I was taken out of is read again, as I may no
// longer see it at all.
export function onParticipants(d: ParticipantsData): void {
  const me = myId();
  const s = store.get();
  const was = s.participants[d.chat_id]?.includes(me) ?? false;
  const is = d.participants.includes(me);
  setParticipants(d.chat_id, d.participants);
  if (is && !s.chats[d.chat_id]) void recheckChat(d.chat_id, 'chat.gone');
  else if (was && !is && s.chats[d.chat_id]?.owner_id !== me) void recheckChat(d.chat_id, 'participants.removed');
}

// participationOf records, for each chat of the pages, whether I take part in
// it, as the server marks it (ChatPage.participating); the panel reads the
// other participants when the chat is opened.
export function participationOf(participants: Record<number, number[]>, ...pages: ChatPage[]): Record<number, number[]> {
  const me = myId();
  const out = { ...participants };
  for (const page of pages) {
    const mine = new Set(page.participating ?? []);
    for (const c of page.chats) {
      const others = (out[c.id] ?? []).filter((id) => id !== me);
      out[c.id] = mine.has(c.id) ? [...others, me] : others;
    }
  }
  return out;
}

// Sending an approved template (WhatsApp outside its 24-hour window). The
// websocket carries free text only, so a template goes by REST with its own
// client id; the server fills the template's places and answers with the message.
import { api } from '../api/client';
import type { Message, TemplateUse } from '../api/types';
import { uuid } from '../uuid';
import { ackPending } from './send';
import { refusalText, toast } from './toast';
import { loadWindow } from './windows';

export async function sendTemplate(chatId: number, use: TemplateUse): Promise<boolean> {
  const clientId = uuid();
  try {
    const res = await api.post<{ message: Message }>(`/api/v1/chats/${chatId}/messages`, { client_id: clientId, text: '', template: use });
    ackPending(clientId, res.message);
    return true;
  } catch (err) {
    // A refusal (409) says in the server's words why: the contact unreachable …
    toast(refusalText(err));
    void loadWindow(chatId);
    return false;
  }
}

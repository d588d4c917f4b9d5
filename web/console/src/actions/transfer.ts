// Transferring a chat to an agent or a queue (R2.13), changing its owner (R2.15),
// and reading the parents a transferred chat came from.
import { api } from '../api/client';
import type { AgentTarget, Chat, ChatHistory, TransferResult, TransferTargets } from '../api/types';
import { store, upsertChat, type TransferDialog } from '../state';
import { uuid } from '../uuid';
import { showError } from './toast';

// openTransfer shows the dialog at once and fills it when the targets arrive.
export async function openTransfer(chatId: number, mode: TransferDialog['mode']): Promise<void> {
  store.set({ transfer: { mode, chatId, targets: null } });
  try {
    const targets =
      mode === 'transfer'
        ? await api.get<TransferTargets>(`/api/v1/chats/${chatId}/transfer-targets`)
        : { queues: [], agents: (await api.get<{ agents: AgentTarget[] }>(`/api/v1/chats/${chatId}/owner-candidates`)).agents };
    store.set((s) => (s.transfer?.chatId === chatId && s.transfer.mode === mode ? { transfer: { ...s.transfer, targets } } : {}));
  } catch (err) {
    closeTransfer();
    showError(err);
  }
}

export function closeTransfer(): void {
  store.set({ transfer: null });
}

export interface Target {
  kind: 'agent' | 'queue';
  id: number;
}

// transfer sends the chat on; the client_id makes a retried click transfer once.
export async function transfer(chatId: number, to: Target, comment: string, clientId: string = uuid()): Promise<void> {
  const where = to.kind === 'agent' ? { to_agent_id: to.id } : { to_queue_id: to.id };
  try {
    const res = await api.post<TransferResult>(`/api/v1/chats/${chatId}/transfer`, { ...where, comment, client_id: clientId });
    store.set((s) => ({ chats: upsertChat(upsertChat(s.chats, res.parent), res.chat), transfer: null }));
  } catch (err) {
    showError(err);
  }
}

// changeOwner hands the chat over from the version just read, so that a change made
// meanwhile by someone else is refused rather than overwritten.
export async function changeOwner(chatId: number, agentId: number): Promise<void> {
  try {
    const fresh = await api.get<Chat>(`/api/v1/chats/${chatId}`);
    const c = await api.post<Chat>(`/api/v1/chats/${chatId}/owner`, { agent_id: agentId, version: fresh.version });
    store.set((s) => ({ chats: upsertChat(s.chats, c), transfer: null }));
  } catch (err) {
    showError(err);
  }
}

// loadEarlierParent reads the page of a parent's messages before those shown.
export async function loadEarlierParent(chatId: number, parentId: number): Promise<void> {
  const shown = store.get().parents[chatId]?.find((p) => p.chat.id === parentId);
  if (!shown || shown.messages.length === 0) return;
  try {
    const h = await api.get<ChatHistory>(
      `/api/v1/chats/${chatId}/history?parent=${parentId}&before=${shown.messages[0].seq}`,
    );
    const page = h.chats[0];
    if (!page) return;
    store.set((s) => ({
      parents: {
        ...s.parents,
        [chatId]: (s.parents[chatId] ?? []).map((p) =>
          p.chat.id === parentId ? { ...p, messages: [...page.messages, ...p.messages], more: page.more } : p,
        ),
      },
    }));
  } catch (err) {
    showError(err);
  }
}

export async function loadParents(chatId: number): Promise<void> {
  try {
    const h = await api.get<ChatHistory>(`/api/v1/chats/${chatId}/history`);
    store.set((s) => ({ parents: { ...s.parents, [chatId]: h.chats } }));
  } catch (err) {
    showError(err);
  }
}

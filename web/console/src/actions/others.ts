// A supervisor's Others list (R2.7): one chosen agent's chats, read from the
// server, since the lists hold only what concerns the supervisor's own work.
import { store } from '../state';
import { loadChatSet } from './chatset';
import { showError } from './toast';

export async function showOthers(agentId: number): Promise<void> {
  if (!agentId) {
    store.set({ others: null });
    return;
  }
  try {
    await loadChatSet(`owner=${agentId}`, (ids) => ({ others: { agentId, ids } }));
  } catch (err) {
    showError(err);
  }
}

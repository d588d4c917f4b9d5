// What the logged-in agent may do beyond their role: the rights over deleted
// chats (R2.18). Admins hold every right whatever their rights say.
import type { Agent } from '../api/types';

export type ChatRight = 'delete_chats' | 'restore_chats' | 'purge_chats';

export function hasRight(a: Agent | undefined, right: ChatRight): boolean {
  if (!a) return false;
  return a.role === 'admin' || !!a.rights?.[right];
}

// seesDeleted says whether the agent has the Deleted list: any right over deleted chats gives it.
export function seesDeleted(a: Agent | undefined): boolean {
  return hasRight(a, 'delete_chats') || hasRight(a, 'restore_chats') || hasRight(a, 'purge_chats');
}

// viewChanged says whether an agent's role or rights over rooms and topics, which
// decide the chats they see, differ between two versions of them.
export function viewChanged(before: Agent, after: Agent): boolean {
  const view = (a: Agent) => JSON.stringify([a.role, a.rights?.rooms ?? null, a.rights?.topics ?? null]);
  return view(before) !== view(after);
}

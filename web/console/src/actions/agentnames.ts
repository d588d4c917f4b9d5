// Agents' names, which name the authors of notes and comments and whoever changed
// a followed chat: read once, and again when an agent not yet known shows up.
import { api } from '../api/client';
import { createStore } from '../store';

export const agentNames = createStore<{ names: Record<number, string> | null }>({ names: null });

let reading: Promise<void> | null = null;
// reread holds the ids that made the names be read again, so that an id the
// server does not list (a deleted agent) is not asked for over and over.
const reread = new Set<number>();

// loadAgentNames reads the names unless they are known or being read.
export function loadAgentNames(): Promise<void> {
  if (agentNames.get().names) return Promise.resolve();
  return readNames();
}

function readNames(): Promise<void> {
  reading ??= api
    .list<{ id: number; name: string }>('/api/v1/agents')
    .then((list) => agentNames.set({ names: Object.fromEntries(list.map((a) => [a.id, a.name])) }))
    .catch(() => {
      // Authors are then named by their ids.
    })
    .finally(() => {
      reading = null;
    });
  return reading;
}

// nameOf gives an agent's name, reading the names again for an agent added since.
export async function nameOf(id: number): Promise<string> {
  await loadAgentNames();
  if (agentNames.get().names?.[id] === undefined && !reread.has(id)) {
    reread.add(id);
    await readNames();
  }
  return agentNames.get().names?.[id] ?? `#${id}`;
}

// shownName names an author from the names read so far.
export function shownName(names: Record<number, string> | null, id: number): string {
  return names?.[id] ?? `#${id}`;
}

// Chat topics (R2.16): the list admins keep, read once per session and again
// after an admin changes it, and setting an open chat's topic: a listed one,
// or free words typed as Other.
import { api } from '../api/client';
import type { Topic } from '../api/types';
import { store } from '../state';
import { keepChat } from './chatgone';
import { showError } from './toast';

export function loadTopics(): void {
  api
    .list<Topic>('/api/v1/topics')
    .then((topics) => store.set({ topics: sortByPosition(topics) }))
    .catch(showError);
}

export function sortByPosition<T extends { id: number; position: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.position - b.position || a.id - b.id);
}

// setTopic gives the chat a listed topic, or none with topicId 0.
export function setTopic(chatId: number, topicId: number): Promise<boolean> {
  return postTopic(chatId, topicId ? { topic_id: topicId } : { topic_id: 0, other: '' });
}

// setOtherTopic gives the chat a topic of its own words, listed nowhere.
export function setOtherTopic(chatId: number, words: string): Promise<boolean> {
  return postTopic(chatId, { topic_id: 0, other: words.trim() });
}

async function postTopic(chatId: number, body: { topic_id: number; other?: string }): Promise<boolean> {
  try {
    keepChat(await api.post(`/api/v1/chats/${chatId}/topic`, body));
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}

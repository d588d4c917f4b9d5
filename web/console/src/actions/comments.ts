// A chat's comment feed and whether I follow the chat (R2.23): loaded when the
// chat is open, kept current by chat.comment, which the server sends to those
// who see the chat.
import { api } from '../api/client';
import type { ChatComment, FollowState } from '../api/types';
import { createStore } from '../store';
import { loadAgentNames } from './agentnames';
import { showError } from './toast';

// maxCommentChars is the server's limit, in characters.
export const maxCommentChars = 4000;

interface CommentsState {
  comments: Record<number, ChatComment[]>;
  following: Record<number, boolean>;
}

export const commentsStore = createStore<CommentsState>({ comments: {}, following: {} });

export async function loadComments(chatId: number): Promise<void> {
  void loadAgentNames();
  try {
    const list = await api.list<ChatComment>(`/api/v1/chats/${chatId}/comments`);
    commentsStore.set((s) => ({ comments: { ...s.comments, [chatId]: merge(s.comments[chatId], list) } }));
  } catch (err) {
    showError(err);
  }
}

export async function loadFollowing(chatId: number): Promise<void> {
  try {
    setFollowing(chatId, (await api.get<FollowState>(`/api/v1/chats/${chatId}/follow`)).following);
  } catch {
    // The toggle then stays disabled: what it would show is unknown.
  }
}

// follow starts or stops following a chat.
export async function follow(chatId: number, on: boolean): Promise<void> {
  try {
    const path = `/api/v1/chats/${chatId}/follow`;
    const res = on ? await api.put<FollowState>(path, undefined) : await api.del<FollowState>(path);
    setFollowing(chatId, res?.following ?? on);
  } catch (err) {
    showError(err);
  }
}

// addComment reports success so that the box keeps the text when it fails.
// Commenting makes me follow the chat.
export async function addComment(chatId: number, text: string): Promise<boolean> {
  try {
    putComment(await api.post<ChatComment>(`/api/v1/chats/${chatId}/comments`, { text }));
    setFollowing(chatId, true);
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}

// commentOf finds a comment among those loaded here.
export function commentOf(chatId: number, id: number): ChatComment | undefined {
  return commentsStore.get().comments[chatId]?.find((c) => c.id === id);
}

// onComment follows chat.comment: a new comment joins its feed if loaded here.
export function onComment(c: ChatComment): void {
  if (commentsStore.get().comments[c.chat_id]) putComment(c);
}

// resyncComments follows a catch-up that came too late to replay: feeds may
// have missed comments, so the open chat's is read again and the others are
// dropped, to be read when opened.
export function resyncComments(open: number | null): void {
  commentsStore.set((s) => ({ comments: open && s.comments[open] ? { [open]: s.comments[open] } : {} }));
  if (open) void loadComments(open);
}

function putComment(c: ChatComment): void {
  commentsStore.set((s) => ({ comments: { ...s.comments, [c.chat_id]: merge(s.comments[c.chat_id], [c]) } }));
}

function setFollowing(chatId: number, on: boolean): void {
  commentsStore.set((s) => ({ following: { ...s.following, [chatId]: on } }));
}

// merge adds comments to a feed once each, oldest first: an event may race the
// answer that brings the same comment.
function merge(list: ChatComment[] | undefined, add: ChatComment[]): ChatComment[] {
  const byId = new Map<number, ChatComment>();
  for (const c of list ?? []) byId.set(c.id, c);
  for (const c of add) byId.set(c.id, c);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

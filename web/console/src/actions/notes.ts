// A chat's private notes and its files: loaded when the chat is open, kept
// current by the note events (which the server sends to agents only).
import { api } from '../api/client';
import type { ChatFileItem, Message, Note, ServerEvent } from '../api/types';
import { createStore } from '../store';
import { loadAgentNames } from './agentnames';
import { showError } from './toast';

interface NotesState {
  notes: Record<number, Note[]>;
  files: Record<number, ChatFileItem[]>;
}

export const notesStore = createStore<NotesState>({ notes: {}, files: {} });

export async function loadNotes(chatId: number): Promise<void> {
  void loadAgentNames();
  try {
    const res = await api.get<{ notes: Note[] }>(`/api/v1/chats/${chatId}/notes`);
    notesStore.set((s) => ({ notes: { ...s.notes, [chatId]: res.notes } }));
  } catch (err) {
    showError(err);
  }
}

export async function loadChatFiles(chatId: number): Promise<void> {
  try {
    const res = await api.get<{ files: ChatFileItem[] }>(`/api/v1/chats/${chatId}/files`);
    notesStore.set((s) => ({ files: { ...s.files, [chatId]: res.files } }));
  } catch (err) {
    showError(err);
  }
}

function putNote(n: Note): void {
  notesStore.set((s) => {
    const list = (s.notes[n.chat_id] ?? []).filter((x) => x.id !== n.id);
    return { notes: { ...s.notes, [n.chat_id]: [...list, n].sort((a, b) => a.id - b.id) } };
  });
}

function dropNote(n: Note): void {
  notesStore.set((s) => ({ notes: { ...s.notes, [n.chat_id]: (s.notes[n.chat_id] ?? []).filter((x) => x.id !== n.id) } }));
}

// The writes report success so that the editor keeps the text when one fails.
export async function addNote(chatId: number, html: string): Promise<boolean> {
  try {
    putNote(await api.post<Note>(`/api/v1/chats/${chatId}/notes`, { html }));
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}

export async function editNote(n: Note, html: string): Promise<boolean> {
  try {
    putNote(await api.patch<Note>(`/api/v1/chats/${n.chat_id}/notes/${n.id}`, { html }));
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}

export async function deleteNote(n: Note): Promise<void> {
  try {
    await api.del(`/api/v1/chats/${n.chat_id}/notes/${n.id}`);
    dropNote(n);
  } catch (err) {
    showError(err);
  }
}

// onNotesEvent follows colleagues' notes, and new files, of the chats loaded here.
export function onNotesEvent(e: ServerEvent): void {
  const s = notesStore.get();
  switch (e.kind) {
    case 'note.created':
    case 'note.updated':
      if (s.notes[(e.data as Note).chat_id]) putNote(e.data as Note);
      break;
    case 'note.deleted':
      dropNote(e.data as Note);
      break;
    case 'message.created': {
      const m = e.data as Message;
      if (m.files?.length && s.files[m.chat_id]) void loadChatFiles(m.chat_id);
      break;
    }
  }
}

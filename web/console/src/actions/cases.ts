// Cases (R4.1, R4.2): making one of a chat, linking a chat to one of its
// contact's cases, and the Cases screen's list and page. Cases are read when
// shown and again when case.updated says one changed; the server decides who
// sees which.
import { ApiError, api } from '../api/client';
import type { Case, CasePage, CasePatch, CaseStatus, CaseView } from '../api/cases';
import type { Chat } from '../api/types';
import { t } from '../i18n';
import { createStore } from '../store';
import { store } from '../state';
import { keepChat } from './chatgone';
import { showError, toast } from './toast';

interface CasesState {
  // byId are the cases read so far; null marks one I may not see (or gone).
  byId: Record<number, CaseView | null>;
  // open is the case whose page the Cases screen shows; null shows the list.
  open: number | null;
  // changed counts case.updated events; the list reads again when it moves.
  changed: number;
}

export const cases = createStore<CasesState>({ byId: {}, open: null, changed: 0 });

const reading = new Map<number, Promise<void>>();

// loadCase reads a case into byId, once at a time per case.
export function loadCase(id: number): Promise<void> {
  let p = reading.get(id);
  if (!p) {
    p = api
      .get<CaseView>(`/api/v1/cases/${id}`)
      .then((k) => keep(k))
      .catch((err) => {
        if (err instanceof ApiError && err.status === 404) cases.set((s) => ({ byId: { ...s.byId, [id]: null } }));
        else showError(err);
      })
      .finally(() => reading.delete(id));
    reading.set(id, p);
  }
  return p;
}

function keep(k: CaseView): void {
  cases.set((s) => {
    const old = s.byId[k.id];
    if (old && old.version > k.version) return {};
    return { byId: { ...s.byId, [k.id]: k } };
  });
}

// openCase shows a case's page on the Cases screen.
export function openCase(id: number): void {
  cases.set({ open: id });
  store.set({ view: 'cases' });
  void loadCase(id);
}

export function closeCase(): void {
  cases.set({ open: null });
}

// onCaseUpdated follows case.updated: a case shown is read again, lists too.
export function onCaseUpdated(id: number): void {
  cases.set((s) => ({ changed: s.changed + 1 }));
  if (id in cases.get().byId) void loadCase(id);
}

// resyncCases reads again what is shown of cases after events may have been missed.
export function resyncCases(): void {
  cases.set((s) => ({ changed: s.changed + 1 }));
  for (const id of Object.keys(cases.get().byId)) void loadCase(Number(id));
}

// listCases reads a page of the cases I may see.
export function listCases(query: { status?: CaseStatus | ''; assignee?: number; contact?: number; before?: number; limit?: number }): Promise<CasePage> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v) q.set(k, String(v));
  }
  return api.get<CasePage>(`/api/v1/cases?${q}`);
}

// createCaseFromChat makes a case of the chat as R4.1 says and links the chat to it.
export async function createCaseFromChat(chatId: number): Promise<CaseView | null> {
  try {
    const k = await api.post<CaseView>(`/api/v1/chats/${chatId}/case`);
    keep(k);
    store.set((s) => (s.chats[chatId] ? { chats: { ...s.chats, [chatId]: { ...s.chats[chatId], case_id: k.id } } } : {}));
    toast(t('case.created', { id: k.id }), 'info');
    return k;
  } catch (err) {
    showError(err);
    return null;
  }
}

// linkCase links the chat to a case of its contact (R4.2); caseId 0 unlinks it.
export async function linkCase(chatId: number, caseId: number): Promise<boolean> {
  try {
    keepChat(await api.put<Chat>(`/api/v1/chats/${chatId}/case`, { case_id: caseId }));
    toast(caseId ? t('case.linked', { id: caseId }) : t('case.unlinked'), 'info');
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}

// updateCase saves changes of a case's subject, description, status or assignee.
export async function updateCase(id: number, patch: CasePatch): Promise<boolean> {
  try {
    keep(await api.patch<CaseView>(`/api/v1/cases/${id}`, patch));
    toast(t('cases.saved'), 'info');
    return true;
  } catch (err) {
    showError(err);
    if (err instanceof ApiError && err.status === 409) void loadCase(id);
    return false;
  }
}

// caseTitle names a case in a line: its number and subject.
export function caseTitle(k: Pick<Case, 'id' | 'subject'>): string {
  return t('case.name', { id: k.id, subject: k.subject || t('cases.noSubject') });
}

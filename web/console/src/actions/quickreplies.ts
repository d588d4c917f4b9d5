// Keeping quick replies (R2.11): saving and deleting templates, the agent's own
// list, and the events that tell every console a template changed.
import { api } from '../api/client';
import type { QuickReply, QuickReplyScope } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';
import { showError } from './toast';

export interface QuickReplyBody {
  name: string;
  text: string;
  scope: QuickReplyScope;
  scope_id: number;
}

// saveQuickReply creates a template, or changes the one given; failures are the caller's to show.
export async function saveQuickReply(reply: QuickReply | null, body: QuickReplyBody): Promise<void> {
  if (reply) await api.patch(`/api/v1/quick-replies/${reply.id}`, body);
  else await api.post('/api/v1/quick-replies', body);
}

// confirmDeleteQuickReply asks before deleting a template, then runs done.
export function confirmDeleteQuickReply(r: QuickReply, done: () => void): void {
  store.set({
    confirm: {
      title: t('admin.delete'),
      text: t('admin.qrDeleteConfirm', { name: r.name }),
      ok: t('admin.delete'),
      onOk: () => void api.del(`/api/v1/quick-replies/${r.id}`).then(done, showError),
    },
  });
}

export function openMyReplies(): void {
  store.set({ settingsOpen: false, myRepliesOpen: true });
}

export function closeMyReplies(): void {
  store.set({ myRepliesOpen: false });
}

// onQuickReplyChanged follows quick_reply.updated and quick_reply.deleted: the
// lists and the open picker read the templates again.
export function onQuickReplyChanged(): void {
  store.set((s) => ({ quickRepliesChanged: s.quickRepliesChanged + 1 }));
}

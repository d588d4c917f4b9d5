// The quick replies the caller may change, read again when an event says that
// templates changed.
import { useEffect } from 'preact/hooks';
import type { QuickReply } from '../api/types';
import { store } from '../state';
import { useItems } from './useItems';

export function useEditableReplies(): { items: QuickReply[] | null; reload: () => void } {
  const list = useItems<QuickReply>('/api/v1/quick-replies?view=editable');
  const changed = store.use((s) => s.quickRepliesChanged);
  useEffect(() => {
    if (changed) list.reload();
  }, [changed]);
  return list;
}

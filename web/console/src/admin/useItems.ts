// Loading an admin list, and reloading it after a change.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { showError } from '../actions/toast';
import { api } from '../api/client';
import type { Items } from '../api/types';

export function useItems<T>(path: string): { items: T[] | null; reload: () => void } {
  const [items, setItems] = useState<T[] | null>(null);
  const reload = useCallback(() => {
    api
      .get<Items<T>>(path)
      .then((r) => setItems(r.items))
      .catch(showError);
  }, [path]);
  useEffect(reload, [reload]);
  return { items, reload };
}

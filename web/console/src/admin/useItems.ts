// Loading an admin list, and reloading it after a change.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { showError } from '../actions/toast';
import { api } from '../api/client';

export function useItems<T>(path: string): { items: T[] | null; reload: () => void } {
  const [items, setItems] = useState<T[] | null>(null);
  const reload = useCallback(() => {
    api
      .list<T>(path)
      .then(setItems)
      .catch(showError);
  }, [path]);
  useEffect(reload, [reload]);
  return { items, reload };
}

// Reading what the contacts screen shows, and reading it again whenever a
// contact changes or is merged; an answer to an older question is dropped.
import { useEffect, useState } from 'preact/hooks';
import { contactView } from '../actions/contactview';
import { showError } from '../actions/toast';

export function useContactData<T>(read: () => Promise<T>, deps: unknown[]): T | null {
  const changed = contactView.use((s) => s.changed);
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    let current = true;
    read().then(
      (d) => current && setData(d),
      (err) => current && showError(err),
    );
    return () => {
      current = false;
    };
  }, [...deps, changed]);
  return data;
}

// Loading the supervisor view and keeping it live: it reloads after the events
// that may change it, at most once a second, and the clock ticks in between.
import { useEffect, useRef, useState } from 'preact/hooks';
import { showError } from '../actions/toast';
import { api } from '../api/client';
import type { SupervisorView } from '../api/types';
import { store } from '../state';

// minReloadGapMs bounds how often a burst of events reloads the view.
const minReloadGapMs = 1000;

export interface LoadedView {
  view: SupervisorView;
  // loadedAt is when the answer arrived, by this browser's clock: timers count
  // from it rather than from the server's time, which may differ.
  loadedAt: number;
}

export function useSupervisorView(): LoadedView | null {
  const [loaded, setLoaded] = useState<LoadedView | null>(null);
  const changed = store.use((s) => s.floorChanged);
  const lastLoad = useRef(0);
  const seq = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = () => {
    lastLoad.current = Date.now();
    const mine = ++seq.current;
    api
      .get<SupervisorView>('/api/v1/supervisor')
      // Only the latest request's answer counts: an older one may arrive last.
      .then((view) => mine === seq.current && setLoaded({ view, loadedAt: Date.now() }))
      .catch(showError);
  };

  useEffect(() => {
    load();
    return () => {
      clearTimeout(pending.current);
      seq.current++;
    };
  }, []);

  const first = useRef(changed);
  useEffect(() => {
    if (changed === first.current || pending.current !== undefined) return;
    const wait = Math.max(0, lastLoad.current + minReloadGapMs - Date.now());
    pending.current = setTimeout(() => {
      pending.current = undefined;
      load();
    }, wait);
  }, [changed]);

  return loaded;
}

// useNow is the time, renewed every second.
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

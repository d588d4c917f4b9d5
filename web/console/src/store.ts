// A minimal global store: one immutable state object, replaced on every change,
// and a hook that re-renders a component when the part it selects changes.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export function createStore<S extends object>(initial: S) {
  let state = initial;
  const listeners = new Set<() => void>();

  function get(): S {
    return state;
  }

  function set(patch: Partial<S> | ((s: S) => Partial<S>)): void {
    const next = typeof patch === 'function' ? patch(state) : patch;
    state = { ...state, ...next };
    listeners.forEach((l) => l());
  }

  function subscribe(fn: () => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  }

  // use returns the selected part of the state and re-renders the component when
  // it changes. Selectors must return stored values, not freshly built ones.
  function use<T>(select: (s: S) => T): T {
    const [, force] = useState(0);
    const selectRef = useRef(select);
    selectRef.current = select;
    const value = select(state);
    const valueRef = useRef(value);
    valueRef.current = value;
    // Subscribing in a layout effect and checking at once catches changes made
    // between the render and the subscription, such as those of the boot sequence.
    useLayoutEffect(() => {
      const check = () => {
        if (!Object.is(selectRef.current(state), valueRef.current)) force((n) => n + 1);
      };
      const unsubscribe = subscribe(check);
      check();
      return unsubscribe;
    }, []);
    return value;
  }

  return { get, set, subscribe, use };
}

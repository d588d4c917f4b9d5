// The quick-reply list's state: opened by the reply box's button (with its own
// search field) or by `//` typed in the box; picking fills the box (R2.11).
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Items, QuickReply } from '../api/types';
import { store } from '../state';

// By the button the list searches its own field and a pick goes in at the caret;
// by `//` the query runs from start to the caret and a pick replaces it.
export type QuickOpen = { mode: 'button'; query: string; caret: number } | { mode: 'slash'; query: string; start: number };

export interface QuickReplies {
  open: QuickOpen | null;
  replies: QuickReply[] | null; // null while loading
  selected: number;
  hover: (i: number) => void;
  close: () => void;
  toggle: () => void;
  search: (q: string) => void; // the button's search field changed
  typed: (v: string, caret: number) => void; // the box changed
  pick: (r: QuickReply) => void;
  keys: (e: KeyboardEvent) => boolean; // true when the list took the key
}

// slashQuery finds `//` and what follows it up to the caret, at the start of the
// text or after a space (so that a link's `https://` does not count).
function slashQuery(value: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)\/\/([^\n/]{0,100})$/.exec(value.slice(0, caret));
  return m ? { start: m.index + m[1].length, query: m[2] } : null;
}

export function useQuickReplies(
  chatId: number,
  input: RefObject<HTMLTextAreaElement | null>,
  text: string,
  setText: (v: string) => void,
): QuickReplies {
  const [open, setOpen] = useState<QuickOpen | null>(null);
  const { replies, setReplies, selected, setSelected } = useReplySearch(chatId, open?.query);
  const dismissed = useRef(-1); // where the `//` closed by Escape starts

  function close() {
    setOpen(null);
    setReplies(null);
  }

  // pick puts a quick reply's rendered text in the box, in place of the `//…`
  // typed or at the caret, for the agent to edit before sending.
  function pick(r: QuickReply) {
    if (!open) return;
    const el = input.current;
    let from: number, to: number;
    if (open.mode === 'slash') {
      from = open.start;
      to = el?.selectionStart ?? text.length;
    } else {
      from = to = Math.min(open.caret, text.length);
    }
    setText(text.slice(0, from) + r.text + text.slice(to));
    close();
    const caret = from + r.text.length;
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  }

  function escape(o: QuickOpen) {
    if (o.mode === 'slash') dismissed.current = o.start;
    close();
    if (o.mode === 'button') input.current?.focus();
  }

  function typed(v: string, caret: number) {
    const slash = slashQuery(v, caret);
    if (slash && slash.start !== dismissed.current) setOpen({ mode: 'slash', ...slash });
    else if (open?.mode === 'slash') close();
    if (!slash) dismissed.current = -1;
  }

  const q: QuickReplies = {
    open,
    replies,
    selected,
    hover: setSelected,
    close,
    toggle: () =>
      open ? close() : setOpen({ mode: 'button', query: '', caret: input.current?.selectionStart ?? text.length }),
    search: (query) => open?.mode === 'button' && setOpen({ ...open, query }),
    typed,
    pick,
    keys: (e) => listKeys(e, q, escape),
  };
  return q;
}

// listKeys handles the keys that move in the open list; true when it took the key.
function listKeys(e: KeyboardEvent, q: QuickReplies, escape: (o: QuickOpen) => void): boolean {
  const { open, replies, selected } = q;
  if (!open) return false;
  const n = replies?.length ?? 0;
  switch (e.key) {
    case 'Escape':
      escape(open);
      return true;
    case 'ArrowDown':
      if (n) q.hover((selected + 1) % n);
      return n > 0;
    case 'ArrowUp':
      if (n) q.hover((selected - 1 + n) % n);
      return n > 0;
    case 'Enter':
    case 'Tab':
      if (e.shiftKey || e.isComposing) return false;
      // While the list loads, Enter waits rather than send the `//` typed.
      if (replies === null) return e.key === 'Enter';
      if (!n) return false;
      q.pick(replies[Math.min(selected, n - 1)]);
      return true;
  }
  return false;
}

// useReplySearch asks the server, which matches names and texts in any case and
// renders the placeholders for this chat; a slower earlier answer is dropped.
// The open list asks again when templates change.
function useReplySearch(chatId: number, query: string | undefined) {
  const [replies, setReplies] = useState<QuickReply[] | null>(null);
  const [selected, setSelected] = useState(0);
  const changed = store.use((s) => s.quickRepliesChanged);
  useEffect(() => {
    if (query === undefined) return;
    let current = true;
    const timer = setTimeout(() => {
      api
        .get<Items<QuickReply>>(`/api/v1/quick-replies?chat_id=${chatId}&q=${encodeURIComponent(query.trim())}`)
        .then((r) => {
          if (!current) return;
          setReplies(r.items);
          setSelected(0);
        })
        .catch(() => current && setReplies([]));
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, chatId, changed]);
  return { replies, setReplies, selected, setSelected };
}

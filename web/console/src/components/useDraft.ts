// The reply box's text as a chat's draft: shown from this tab's copy at once,
// then from the server's, saved as it changes, and following what the agent
// saves on another device while the box is left alone.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { followDraft, localDrafts, saverOf, type DraftSaver } from '../actions/drafts';
import { api } from '../api/client';
import type { Draft } from '../api/types';

export interface DraftText {
  text: string;
  set: (v: string) => void; // typed or filled in: shown and saved
  sent: () => void; // the text went out: the draft is gone
  flush: () => void; // save now what waits for the pause
}

export function useDraft(chatId: number, box: RefObject<HTMLElement | null>): DraftText {
  const [text, setText] = useState(localDrafts.get(chatId) ?? '');
  const typed = useRef(false); // typed since the box opened: the server's draft must not overwrite it
  const shown = useRef(text);
  shown.current = text;
  const saver = saverOf(chatId);

  useEffect(
    () =>
      followDraft(chatId, (d) => {
        if (!givesWay(saver, shown.current, box.current)) return;
        saver.saved = d.text;
        setText(d.text);
        if (d.text) localDrafts.set(chatId, d.text);
        else localDrafts.delete(chatId);
      }),
    [chatId],
  );

  useEffect(() => {
    const writes = saver.writes;
    api
      .get<Draft>(`/api/v1/chats/${chatId}/draft`)
      .then((d) => {
        // An answer that may predate a save from this tab is older than the box.
        if (saver.writes !== writes || saver.inflight > 0 || saver.pending !== null) return;
        saver.saved = d.text;
        if (!typed.current) {
          setText(d.text);
          localDrafts.set(chatId, d.text);
        }
      })
      .catch(() => {
        // Without the server's draft the local one stands.
      });
    return () => saver.flush();
  }, [chatId]);

  function set(v: string) {
    typed.current = true;
    setText(v);
    localDrafts.set(chatId, v);
    saver.later(v);
  }

  function sent() {
    typed.current = true;
    setText('');
    localDrafts.delete(chatId);
    saver.sent();
  }

  return { text, set, sent, flush: () => saver.flush() };
}

// givesWay says whether the box may take a draft saved elsewhere: only while the
// agent is not in it and it holds just what the server had, nothing of its own
// unsaved, so that nothing the agent typed is ever lost.
function givesWay(saver: DraftSaver, text: string, box: HTMLElement | null): boolean {
  const composer = box?.closest('.composer') ?? box;
  const inBox = document.hasFocus() && !!composer?.contains(document.activeElement);
  return !inBox && saver.idle() && text === saver.saved;
}

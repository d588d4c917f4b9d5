// The reply box's text as a chat's draft: shown from this tab's copy at once,
// then from the server's, and saved as it changes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { localDrafts, saverOf } from '../actions/drafts';
import { api } from '../api/client';
import type { Draft } from '../api/types';

export interface DraftText {
  text: string;
  set: (v: string) => void; // typed or filled in: shown and saved
  sent: () => void; // the text went out: the draft is gone
  flush: () => void; // save now what waits for the pause
}

export function useDraft(chatId: number): DraftText {
  const [text, setText] = useState(localDrafts.get(chatId) ?? '');
  const typed = useRef(false); // typed since the box opened: the server's draft must not overwrite it
  const saver = saverOf(chatId);

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

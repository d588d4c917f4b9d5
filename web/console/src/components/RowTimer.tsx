// The timer of a chat's next due reply in a list row: green while there is time,
// turning red as the limit nears, and red past it. It ticks on its own element
// every second, so the list around it never re-renders for it.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import type { Chat } from '../api/types';

// nearShare is the share of the time left under which the timer counts as near.
const nearShare = 0.25;

interface Due {
  at: number; // when the reply is due, ms
  span: number; // how long was given for it, ms
  first: boolean;
}

// nextDue is the chat's soonest due reply, or null when none is awaited.
export function nextDue(c: Chat): Due | null {
  const dues: Due[] = [];
  if (c.first_reply_due_at) {
    const at = Date.parse(c.first_reply_due_at);
    dues.push({ at, span: at - Date.parse(c.created_at), first: true });
  }
  if (c.reply_due_at) {
    // The reply is due from the contact's first unanswered message; their last one bounds it.
    const at = Date.parse(c.reply_due_at);
    dues.push({ at, span: at - Date.parse(c.last_message_at ?? c.updated_at), first: false });
  }
  dues.sort((a, b) => a.at - b.at);
  return dues[0] ?? null;
}

export function RowTimer({ chat }: { chat: Chat }) {
  const el = useRef<HTMLSpanElement>(null);
  const due = chat.state === 'completed' ? null : nextDue(chat);
  const at = due?.at ?? 0;
  const span = due?.span ?? 0;
  const first = due?.first ?? false;
  useEffect(() => {
    if (!due || !el.current) return;
    const node = el.current;
    const tick = () => paint(node, at, span, first);
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [at, span, first]);
  if (!due) return null;
  return <span ref={el} class="row-timer" data-testid="row-timer" />;
}

function paint(node: HTMLElement, at: number, span: number, first: boolean): void {
  const left = at - Date.now();
  const share = span > 0 ? Math.max(0, Math.min(1, left / span)) : 0;
  const state = left <= 0 ? 'breached' : share <= nearShare ? 'near' : 'ok';
  node.dataset.state = state;
  // From green (hue 120) at the start to red (hue 0) at the due time.
  node.style.setProperty('--timer-hue', String(Math.round(120 * share)));
  const time = clock(Math.abs(left));
  node.textContent = time;
  node.title = left <= 0 ? t('timer.breached', { time }) : t(first ? 'timer.firstReply' : 'timer.reply', { time });
}

// clock shows a duration as m:ss, or h:mm:ss from an hour.
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

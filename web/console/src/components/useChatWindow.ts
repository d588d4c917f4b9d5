// The window of the chat whose composer shows: read when it opens and read
// again when the window is due to close, so the composer changes on time.
import { useEffect } from 'preact/hooks';
import type { ChatWindow } from '../api/types';
import { loadWindow, windows } from '../actions/windows';

// The longest delay setTimeout keeps; a later closing is looked at again then.
const maxDelayMs = 2 ** 31 - 1;

export function useChatWindow(chatId: number, channelType: string): ChatWindow | undefined {
  const limited = channelType !== 'webchat';
  const w = windows.use((s) => (limited ? s.byChat[chatId] : undefined));
  useEffect(() => {
    if (limited) void loadWindow(chatId);
  }, [chatId, limited]);
  const closes = w?.closes_at;
  useEffect(() => {
    if (!closes) return;
    const wait = Math.min(maxDelayMs, Math.max(0, Date.parse(closes) - Date.now()) + 1000);
    const timer = setTimeout(() => void loadWindow(chatId), wait);
    return () => clearTimeout(timer);
  }, [chatId, closes]);
  return w;
}

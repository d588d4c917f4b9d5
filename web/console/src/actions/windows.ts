// What each open messenger chat's channel lets the agent send now (R2.21):
// read when the chat's composer shows, and again after the contact writes (a
// new message opens the window again), after the identity changes (blocked the
// bot) and after a send is refused.
import { channelsApi } from '../api/channels';
import type { Chat, ChatWindow } from '../api/types';
import { createStore } from '../store';

export const windows = createStore<{ byChat: Record<number, ChatWindow> }>({ byChat: {} });

// asked counts the questions per chat, so that an older answer never replaces a newer one.
const asked: Record<number, number> = {};

// hasWindow says whether a chat's channel limits what may be sent: the widget never does.
export function hasWindow(c: Pick<Chat, 'channel_type'>): boolean {
  return c.channel_type !== 'webchat';
}

export async function loadWindow(chatId: number): Promise<void> {
  const n = (asked[chatId] = (asked[chatId] ?? 0) + 1);
  try {
    const w = await channelsApi.window(chatId);
    if (asked[chatId] !== n) return;
    windows.set((s) => ({ byChat: { ...s.byChat, [chatId]: w } }));
  } catch {
    // The composer stays as it was; the server still refuses what it must.
  }
}

// refreshWindow reads a chat's window again when the console holds one for it.
export function refreshWindow(chatId: number): void {
  if (windows.get().byChat[chatId]) void loadWindow(chatId);
}

// forgetWindows drops every window, such as at logout.
export function forgetWindows(): void {
  windows.set({ byChat: {} });
}

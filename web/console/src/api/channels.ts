// The channel calls beyond the plain list: the messenger types the server can
// connect, registering a channel's webhook, and what a chat's channel lets an
// agent send now.
import { api } from './client';
import type { ChannelTypeSpec, ChatWindow, MessageTemplate } from './types';

// ChannelInput is what the admin form sends; secrets hold only what was typed.
export interface ChannelInput {
  type?: string;
  name: string;
  queue_id: number;
  welcome_message: string;
  active: boolean;
  prechat_fields?: unknown[];
  settings?: Record<string, string>;
  secrets?: Record<string, string>;
  templates?: MessageTemplate[];
}

export const channelsApi = {
  types: () => api.list<ChannelTypeSpec>('/api/v1/channel-types'),
  connect: (id: number) => api.post<{ webhook_url: string }>(`/api/v1/channels/${id}/connect`, { base_url: location.origin }),
  window: (chatId: number) => api.get<ChatWindow>(`/api/v1/chats/${chatId}/window`),
};

// webhookURL is where the provider must deliver, on this server's own address.
export function webhookURL(path: string): string {
  return location.origin + path;
}

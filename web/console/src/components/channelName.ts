// The name of a channel type in the reader's language (R8.1).
import { t, type Key } from '../i18n';

// channelTypes are the types the console knows by name and icon, widget first.
export const channelTypes = ['webchat', 'telegram', 'whatsapp', 'whatsapp_infobip', 'viber', 'messenger', 'email'] as const;

export function channelLabel(type: string): string {
  return (channelTypes as readonly string[]).includes(type) ? t(`channel.${type}` as Key) : type;
}

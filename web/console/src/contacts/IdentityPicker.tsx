// Choosing one of a contact's identities, each named by its channel's kind and
// name and by who the contact is there (R3.4, R3.5, R3.8).
import { useItems } from '../admin/useItems';
import type { Channel, Identity } from '../api/types';
import { channelLabel } from '../components/channelName';
import { t } from '../i18n';

// useChannels reads the channels that name identities.
export function useChannels(): Channel[] | null {
  return useItems<Channel>('/api/v1/channels').items;
}

// identityText names an identity: "Web chat · Shop — Vera", with the channel
// marked when it is switched off.
export function identityText(i: Identity, channels: Channel[] | null): string {
  const ch = channels?.find((c) => c.id === i.channel_id);
  const where = ch ? `${channelLabel(ch.type)} · ${ch.name}` : t('identity.channel', { id: i.channel_id });
  const off = ch && !ch.active ? ` (${t('admin.inactive')})` : '';
  return `${where}${off} — ${i.name || i.external_id}`;
}

interface Props {
  identities: Identity[];
  channels: Channel[] | null;
  value: number;
  onChange: (id: number) => void;
  testId: string;
  // none, when given, is the first choice, value 0: every identity, or none in particular.
  none?: string;
}

export function IdentityPicker({ identities, channels, value, onChange, testId, none }: Props) {
  return (
    <select data-testid={testId} value={String(value)} onChange={(e) => onChange(Number(e.currentTarget.value))}>
      {none !== undefined && <option value="0">{none}</option>}
      {identities.map((i) => (
        <option key={i.id} value={String(i.id)} data-channel-id={i.channel_id}>
          {identityText(i, channels)}
        </option>
      ))}
    </select>
  );
}

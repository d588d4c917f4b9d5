// A contact's identities (R3.4): its address on each channel, since when, and
// whether it can still be written to there.
import { useItems } from '../admin/useItems';
import { EmptyRow, TableHead } from '../admin/Table';
import type { Channel, Identity } from '../api/types';
import { ChannelIcon } from '../components/ChannelIcon';
import { formatDateTime, t } from '../i18n';
import { UnreachableBadge } from './UnreachableBadge';

export function Identities({ list }: { list: Identity[] }) {
  const channels = useItems<Channel>('/api/v1/channels').items;
  const heads = [t('visitor.channel'), t('visitor.name'), t('contact.externalId'), t('contact.since')];
  return (
    <section class="contact-section" aria-labelledby="identities-title">
      <h3 id="identities-title">{t('contact.identities', { n: list.length })}</h3>
      <table class="table" data-testid="contact-identities">
        <TableHead heads={heads} />
        <tbody>
          {list.length === 0 && <EmptyRow span={heads.length} text={t('contact.noIdentities')} />}
          {list.map((i) => (
            <tr key={i.id} data-testid="contact-identity" data-id={i.id} data-channel-id={i.channel_id}>
              <td>
                <ChannelName channel={channels?.find((c) => c.id === i.channel_id)} />
              </td>
              <td>
                {i.name || t('visitor.none')} <UnreachableBadge reason={i.unreachable} />
              </td>
              <td class="mono">{i.external_id}</td>
              <td>{formatDateTime(i.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ChannelName({ channel }: { channel: Channel | undefined }) {
  if (!channel) return <span class="chip">{t('visitor.none')}</span>;
  return (
    <span class="channel-name">
      <ChannelIcon type={channel.type} /> {channel.name}
    </span>
  );
}

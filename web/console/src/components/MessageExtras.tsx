// What a message may carry beyond text and files: an e-mail's subject, a place
// on the map, a person's card.
import type { ContactCard, GeoPoint, Message } from '../api/types';
import { t } from '../i18n';
import { placeText } from './messageText';

export function Subject({ m }: { m: Message }) {
  if (!m.subject) return null;
  return (
    <div class="msg-subject" data-testid="message-subject">
      {m.subject}
    </div>
  );
}

// mapURL opens the point on OpenStreetMap.
export function mapURL(p: GeoPoint): string {
  return `https://www.openstreetmap.org/?mlat=${p.latitude}&mlon=${p.longitude}`;
}

export function Place({ p }: { p?: GeoPoint }) {
  if (!p) return null;
  const text = placeText(p);
  return (
    <a class="msg-location" data-testid="message-location" href={mapURL(p)} target="_blank" rel="noopener noreferrer" title={t('msg.openMap')}>
      📍 {text}
      {p.address && p.name && <span class="msg-location-address">{p.address}</span>}
    </a>
  );
}

export function Card({ c }: { c?: ContactCard }) {
  if (!c) return null;
  return (
    <div class="msg-card" data-testid="message-card">
      <span class="msg-card-name">
        👤 {c.name || t('visitor.none')}
      </span>
      {c.phones?.map((p) => (
        <a key={p} href={`tel:${p.replace(/[^\d+]/g, '')}`}>
          {p}
        </a>
      ))}
      {c.emails?.map((e) => (
        <a key={e} href={`mailto:${e}`}>
          {e}
        </a>
      ))}
    </div>
  );
}

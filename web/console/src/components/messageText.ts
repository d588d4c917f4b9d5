// The words a message shows: its own text, or, for a system message, its code in the
// reader's language.
import { t, type Key } from '../i18n';
import { en } from '../i18n/en';
import type { GeoPoint, Message } from '../api/types';

export function systemText(m: Message): string {
  const key = `sys.${m.code ?? ''}`;
  if (m.code && key in en) return t(key as Key);
  return m.text || t('sys.unknown');
}

// messageSummary is the one-line preview of a message in the lists.
export function messageSummary(m: Message): string {
  if (m.kind === 'system') return systemText(m);
  const text = m.text.replace(/\s+/g, ' ').trim();
  if (text) return text;
  if (m.location) return '📍 ' + placeText(m.location);
  if (m.card) return '👤 ' + m.card.name;
  const files = m.files ?? [];
  return files.map((f) => (f.image ? '🖼 ' : '📎 ') + f.name).join(', ');
}

// placeText names a point: its name, else its address, else its coordinates.
export function placeText(p: GeoPoint): string {
  return p.name || p.address || `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`;
}

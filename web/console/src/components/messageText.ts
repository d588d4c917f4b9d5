// The words a message shows: its own text, or, for a system message, its code in the
// reader's language.
import { t, type Key } from '../i18n';
import { en } from '../i18n/en';
import type { Message } from '../api/types';

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
  const files = m.files ?? [];
  return files.map((f) => (f.image ? '🖼 ' : '📎 ') + f.name).join(', ');
}

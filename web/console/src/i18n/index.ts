// Translation and locale formatting. The current language is module state that the
// app sets from the agent's settings (or the browser before login); the root
// component re-renders everything when it changes.
import type { Lang } from '../api/types';
import { en, type Key } from './en';
import { ru } from './ru';

const dicts = { en, ru } as const;

let lang: Lang = 'en';

export function toLang(tag: string | undefined | null): Lang {
  return tag && tag.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function setLang(l: Lang): void {
  lang = l;
  document.documentElement.lang = l;
}

export function currentLang(): Lang {
  return lang;
}

type Params = Record<string, string | number>;

function fill(s: string, params?: Params): string {
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

// t translates key; a plural entry picks its form by params.n.
export function t(key: Key, params?: Params): string {
  const entry = (dicts[lang] as Record<string, string | Record<string, string>>)[key] ?? en[key];
  if (typeof entry === 'string') return fill(entry, params);
  const n = Number(params?.n ?? 0);
  const form = new Intl.PluralRules(lang).select(n);
  return fill(entry[form] ?? entry.other, params);
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  const now = new Date();
  if (d.toDateString() === now.toDateString()) {
    return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(d);
  }
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (d.toDateString() === yesterday.toDateString()) return t('time.yesterday');
  const sameYear = d.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric' }).format(d);
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatClock(iso: string): string {
  return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function formatSize(bytes: number): string {
  const nf = (n: number, digits: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return t('size.b', { n: nf(bytes, 0) });
  if (bytes < 1024 * 1024) return t('size.kb', { n: nf(bytes / 1024, 0) });
  return t('size.mb', { n: nf(bytes / (1024 * 1024), 1) });
}

export type { Key };

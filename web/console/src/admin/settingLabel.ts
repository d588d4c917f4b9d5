// The label of a channel type's setting or secret in the reader's language:
// the server names each in English, and the console knows the keys it can
// translate; an unknown one shows as the server says it.
import { en } from '../i18n/en';
import { t, type Key } from '../i18n';
import type { SettingSpec } from '../api/types';

export function settingLabel(type: string, s: SettingSpec): string {
  for (const key of [`chset.${type}.${s.key}`, `chset.${s.key}`]) {
    if (key in en) return t(key as Key);
  }
  return s.label || s.key;
}

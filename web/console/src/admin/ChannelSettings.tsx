// A messenger channel's settings, shown and edited as they are, and its
// secrets, which the server never gives back: the form tells whether each is
// set, and a typed value replaces it while an empty box keeps it.
import type { ChannelTypeSpec } from '../api/types';
import { t } from '../i18n';
import { Field } from './Editor';
import { settingLabel } from './settingLabel';

interface Props {
  spec: ChannelTypeSpec;
  settings: Record<string, string>;
  onSetting: (key: string, value: string) => void;
  secrets: Record<string, string>;
  onSecret: (key: string, value: string) => void;
  // secretsSet names the secrets that hold a value on the server.
  secretsSet: string[];
}

export function ChannelSettings({ spec, settings, onSetting, secrets, onSecret, secretsSet }: Props) {
  if (spec.settings.length + spec.secrets.length === 0) return null;
  return (
    <fieldset class="channel-settings" data-testid="channel-settings">
      <legend>{t('admin.channelSettings')}</legend>
      {spec.settings.map((s) => (
        <Field key={s.key} label={settingLabel(spec.type, s) + (s.required ? ' *' : '')}>
          <input
            data-testid={`channel-setting-${s.key}`}
            value={settings[s.key] ?? ''}
            placeholder={s.default ?? ''}
            required={s.required && !s.default}
            autocomplete="off"
            spellcheck={false}
            onInput={(e) => onSetting(s.key, e.currentTarget.value)}
          />
        </Field>
      ))}
      {spec.secrets.map((s) => {
        const isSet = secretsSet.includes(s.key);
        return (
          <div class="field secret-field" key={s.key}>
            <span>
              {settingLabel(spec.type, s) + (s.required ? ' *' : '')}{' '}
              <span class={`secret-state ${isSet ? 'is-set' : ''}`} data-testid={`channel-secret-state-${s.key}`} data-set={String(isSet)}>
                {isSet ? t('admin.secretSet') : t('admin.secretNotSet')}
              </span>
            </span>
            <input
              type="password"
              data-testid={`channel-secret-${s.key}`}
              aria-label={settingLabel(spec.type, s)}
              value={secrets[s.key] ?? ''}
              placeholder={isSet ? t('admin.secretKeep') : ''}
              required={s.required && !isSet}
              autocomplete="new-password"
              spellcheck={false}
              onInput={(e) => onSecret(s.key, e.currentTarget.value)}
            />
          </div>
        );
      })}
    </fieldset>
  );
}

// The duplicate rules (R3.3): which likenesses make contacts similar (the same
// phone, the same e-mail, the same name), and the country of phone numbers
// written without a code.
import { useEffect, useState } from 'preact/hooks';
import { showError } from '../actions/toast';
import { api } from '../api/client';
import type { DuplicateRules as Rules } from '../api/contacts';
import { t, type Key } from '../i18n';
import { Editor, Field } from './Editor';

const path = '/api/v1/duplicate-rules';
const switches: { name: 'phone' | 'email' | 'name'; label: Key }[] = [
  { name: 'phone', label: 'admin.rulePhone' },
  { name: 'email', label: 'admin.ruleEmail' },
  { name: 'name', label: 'admin.ruleName' },
];

export function DuplicateRules() {
  const [rules, setRules] = useState<Rules | null>(null);
  const [loads, setLoads] = useState(0);
  useEffect(() => {
    api.get<Rules>(path).then(setRules, showError);
  }, [loads]);
  if (!rules) return null;
  const save = async () => setRules(await api.put<Rules>(path, { ...rules, phone_region: rules.phone_region.trim().toUpperCase() }));
  return (
    <div class="admin-section">
      <div class="section-head">
        <h2>{t('admin.duplicateRules')}</h2>
      </div>
      <p class="hint">{t('admin.duplicateRulesHint')}</p>
      <Editor title={t('admin.duplicateRulesTitle')} onSave={save} onCancel={() => setLoads((n) => n + 1)}>
        {switches.map((s) => (
          <label class="check" key={s.name}>
            <input type="checkbox" data-testid={`admin-rule-${s.name}`} checked={rules[s.name]} onChange={(e) => setRules({ ...rules, [s.name]: e.currentTarget.checked })} />
            <span>{t(s.label)}</span>
          </label>
        ))}
        <Field label={t('admin.phoneRegion')}>
          <input
            data-testid="admin-rule-region"
            class="region-input"
            maxLength={2}
            placeholder="RU"
            value={rules.phone_region}
            onInput={(e) => setRules({ ...rules, phone_region: e.currentTarget.value })}
          />
        </Field>
        <p class="hint">{t('admin.phoneRegionHint')}</p>
      </Editor>
    </div>
  );
}

// The pre-chat form of a channel: which fields the widget asks for first.
import { t } from '../i18n';
import type { PrechatField } from '../api/types';

export function PrechatEditor({ fields, onChange }: { fields: PrechatField[]; onChange: (f: PrechatField[]) => void }) {
  const set = (i: number, patch: Partial<PrechatField>) => onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <fieldset class="prechat">
      <legend>{t('admin.prechat')}</legend>
      {fields.map((f, i) => (
        <div class="prechat-row" key={i}>
          <input
            aria-label={t('admin.prechatName')}
            placeholder={t('admin.prechatName')}
            list="prechat-names"
            required
            value={f.name}
            onInput={(e) => set(i, { name: e.currentTarget.value })}
          />
          <input
            aria-label={t('admin.prechatLabel')}
            placeholder={t('admin.prechatLabel')}
            value={f.label}
            onInput={(e) => set(i, { label: e.currentTarget.value })}
          />
          <label class="check">
            <input type="checkbox" checked={f.required} onChange={(e) => set(i, { required: e.currentTarget.checked })} />
            <span>{t('admin.prechatRequired')}</span>
          </label>
          <button
            type="button"
            class="icon-btn"
            aria-label={t('admin.prechatRemove')}
            title={t('admin.prechatRemove')}
            onClick={() => onChange(fields.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <datalist id="prechat-names">
        <option value="name" />
        <option value="email" />
        <option value="phone" />
      </datalist>
      <button type="button" class="btn btn-small" onClick={() => onChange([...fields, { name: '', label: '', required: false }])}>
        {t('admin.prechatAdd')}
      </button>
    </fieldset>
  );
}

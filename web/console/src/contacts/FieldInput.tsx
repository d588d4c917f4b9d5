// One custom contact field's input, by its kind (R3.6): text, a number, a date,
// or one of the field's choices.
import type { ContactField } from '../api/contacts';
import { t } from '../i18n';

export function FieldInput({ def, value, onChange }: { def: ContactField; value: string; onChange: (v: string) => void }) {
  const testId = `contact-field-${def.key}`;
  const onInput = (e: Event) => onChange((e.currentTarget as HTMLInputElement).value);
  switch (def.kind) {
    case 'number':
      return <input type="number" step="any" data-testid={testId} value={value} onInput={onInput} />;
    case 'date':
      return <input type="date" data-testid={testId} value={value} onInput={onInput} />;
    case 'choice':
      return <ChoiceInput def={def} value={value} onChange={onChange} testId={testId} />;
    default:
      return <input data-testid={testId} maxLength={1000} value={value} onInput={onInput} />;
  }
}

function ChoiceInput({ def, value, onChange, testId }: { def: ContactField; value: string; onChange: (v: string) => void; testId: string }) {
  const choices = def.choices ?? [];
  // A value the admins have since taken off the choices still shows, rather than vanish unseen.
  const kept = value && !choices.includes(value) ? [value, ...choices] : choices;
  return (
    <select data-testid={testId} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      <option value="">{t('visitor.none')}</option>
      {kept.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  );
}

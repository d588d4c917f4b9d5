// Picking the agent responsible for a contact, or nobody.
import { useEffect } from 'preact/hooks';
import { agentNames, loadAgentNames } from '../actions/agentnames';
import { t } from '../i18n';

export function OwnerPicker({ value, onChange }: { value: number; onChange: (id: number) => void }) {
  const names = agentNames.use((s) => s.names);
  useEffect(() => void loadAgentNames(), []);
  const agents = Object.entries(names ?? {})
    .map(([id, name]) => ({ id: Number(id), name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const known = !value || agents.some((a) => a.id === value);
  return (
    <select data-testid="contact-owner" value={String(value)} onChange={(e) => onChange(Number(e.currentTarget.value))}>
      <option value="0">{t('contact.noOwner')}</option>
      {!known && <option value={String(value)}>#{value}</option>}
      {agents.map((a) => (
        <option key={a.id} value={String(a.id)}>
          {a.name}
        </option>
      ))}
    </select>
  );
}

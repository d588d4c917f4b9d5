// Custom contact fields (R3.6): what agents fill in on a contact beside its
// name, e-mail and phone, each of a kind; a field's key and kind stay once made,
// as contacts hold their values by them.
import { useState } from 'preact/hooks';
import { byPosition, loadContactFields } from '../actions/contactfields';
import { showError } from '../actions/toast';
import { api } from '../api/client';
import type { ContactField, FieldKind } from '../api/contacts';
import { t } from '../i18n';
import { store } from '../state';
import { Editor, Field, SectionHead } from './Editor';
import { AdminTable } from './Table';
import { nextPosition } from './Topics';
import { useItems } from './useItems';

const kinds: FieldKind[] = ['text', 'number', 'date', 'choice'];

export function ContactFields() {
  const { items, reload } = useItems<ContactField>('/api/v1/contact-fields');
  const [editing, setEditing] = useState<ContactField | 'new' | null>(null);
  // The console's own copy, which the contact forms show, follows every change.
  const changed = () => {
    reload();
    loadContactFields(true);
  };
  const remove = (x: ContactField) =>
    store.set({
      confirm: {
        title: t('admin.delete'),
        text: t('admin.fieldDeleteConfirm', { name: x.label }),
        ok: t('admin.delete'),
        onOk: () => void api.del(`/api/v1/contact-fields/${x.id}`).then(changed, showError),
      },
    });
  return (
    <div class="admin-section">
      <SectionHead title={t('admin.contactFields')} onNew={() => setEditing('new')} />
      {editing && (
        <FieldForm
          key={editing === 'new' ? 'new' : editing.id}
          field={editing === 'new' ? null : editing}
          next={nextPosition(items)}
          onDone={() => {
            setEditing(null);
            changed();
          }}
        />
      )}
      <AdminTable
        heads={[t('admin.fieldLabel'), t('admin.fieldKey'), t('admin.fieldKind'), t('admin.fieldChoices'), t('admin.position'), t('admin.actions')]}
        items={items && byPosition(items)}
        row={(x) => (
          <>
            <td>{x.label}</td>
            <td class="mono">{x.key}</td>
            <td>{t(`admin.fieldKind.${x.kind}`)}</td>
            <td>{x.choices?.join(', ') || t('visitor.none')}</td>
            <td>{x.position}</td>
            <td class="actions">
              <button class="link-btn" onClick={() => setEditing(x)}>
                {t('admin.edit')}
              </button>{' '}
              <button class="link-btn danger" data-testid="admin-field-delete" onClick={() => remove(x)}>
                {t('admin.delete')}
              </button>
            </td>
          </>
        )}
      />
    </div>
  );
}

function FieldForm({ field, next, onDone }: { field: ContactField | null; next: number; onDone: () => void }) {
  const [key, setKey] = useState(field?.key ?? '');
  const [label, setLabel] = useState(field?.label ?? '');
  const [kind, setKind] = useState<FieldKind>(field?.kind ?? 'text');
  const [choices, setChoices] = useState((field?.choices ?? []).join('\n'));
  const [position, setPosition] = useState(String(field?.position ?? next));
  async function save() {
    const list = choices.split('\n').map((c) => c.trim()).filter(Boolean);
    const body = { label: label.trim(), choices: kind === 'choice' ? list : [], position: Number(position) || 0 };
    if (field) await api.patch(`/api/v1/contact-fields/${field.id}`, body);
    else await api.post('/api/v1/contact-fields', { ...body, key: key.trim(), kind });
    onDone();
  }
  return (
    <Editor title={field ? field.label : t('admin.contactFields')} onSave={save} onCancel={onDone}>
      <div class="grid-2">
        <Field label={t('admin.fieldLabel')}>
          <input data-testid="admin-field-label" required maxLength={100} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        </Field>
        <Field label={t('admin.fieldKey')}>
          <input
            data-testid="admin-field-key"
            required
            pattern="[a-z][a-z0-9_]{0,39}"
            title={t('admin.fieldKeyHint')}
            disabled={!!field}
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('admin.fieldKind')}>
          <select data-testid="admin-field-kind" disabled={!!field} value={kind} onChange={(e) => setKind(e.currentTarget.value as FieldKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`admin.fieldKind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('admin.position')}>
          <input data-testid="admin-field-position" type="number" min={0} value={position} onInput={(e) => setPosition(e.currentTarget.value)} />
        </Field>
      </div>
      <p class="hint">{t('admin.fieldKeyHint')}</p>
      {kind === 'choice' && (
        <Field label={t('admin.fieldChoicesHint')}>
          <textarea data-testid="admin-field-choices" rows={4} required value={choices} onInput={(e) => setChoices(e.currentTarget.value)} />
        </Field>
      )}
    </Editor>
  );
}

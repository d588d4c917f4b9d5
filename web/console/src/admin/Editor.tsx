// The frame every admin form shares: title, fields, Save and Cancel.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { showError, toast } from '../actions/toast';
import { t } from '../i18n';

export function Editor({
  title,
  onSave,
  onCancel,
  children,
}: {
  title: string;
  onSave: () => Promise<void>;
  onCancel: () => void;
  children: ComponentChildren;
}) {
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSave();
      toast(t('admin.saved'), 'info');
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="editor" onSubmit={submit} data-testid="admin-editor">
      <h3>{title}</h3>
      {children}
      <div class="editor-actions">
        <button type="submit" class="btn btn-primary" data-testid="admin-save" disabled={busy}>
          {t('admin.save')}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}

export function Field({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <label class="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

// SectionHead is a section's title with its "New" button.
export function SectionHead({ title, onNew, disabled }: { title: string; onNew: () => void; disabled?: boolean }) {
  return (
    <div class="section-head">
      <h2>{title}</h2>
      <button class="btn btn-primary" data-testid="admin-new" onClick={onNew} disabled={disabled}>
        {t('admin.new')}
      </button>
    </div>
  );
}

// A channel's approved template messages (WhatsApp): what an agent may send
// once the 24-hour window is closed. Each is named and in a language as the
// provider approved it; {{1}}, {{2}} … mark the places the agent fills.
import type { MessageTemplate } from '../api/types';
import { t } from '../i18n';

export function TemplateEditor({ list, onChange }: { list: MessageTemplate[]; onChange: (l: MessageTemplate[]) => void }) {
  const set = (i: number, patch: Partial<MessageTemplate>) => onChange(list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <fieldset class="template-editor" data-testid="template-editor">
      <legend>{t('admin.templates')}</legend>
      <p class="hint">{t('admin.templatesHint')}</p>
      {list.map((x, i) => (
        <div class="template-row" key={i} data-testid="template-row">
          <input
            aria-label={t('admin.templateName')}
            placeholder={t('admin.templateName')}
            data-testid="template-name"
            required
            maxLength={512}
            value={x.name}
            onInput={(e) => set(i, { name: e.currentTarget.value })}
          />
          <input
            aria-label={t('admin.templateLanguage')}
            placeholder={t('admin.templateLanguage')}
            data-testid="template-language"
            required
            maxLength={20}
            value={x.language}
            onInput={(e) => set(i, { language: e.currentTarget.value })}
          />
          <textarea
            aria-label={t('admin.templateBody')}
            placeholder={t('admin.templateBodyHint')}
            data-testid="template-body"
            rows={2}
            maxLength={4096}
            value={x.body}
            onInput={(e) => set(i, { body: e.currentTarget.value })}
          />
          <button
            type="button"
            class="icon-btn"
            aria-label={t('admin.templateRemove')}
            title={t('admin.templateRemove')}
            onClick={() => onChange(list.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" class="btn btn-small" data-testid="template-add" onClick={() => onChange([...list, { name: '', language: '', body: '' }])}>
        {t('admin.templateAdd')}
      </button>
    </fieldset>
  );
}

// The reply box when only an approved template may be sent (WhatsApp after 24
// hours without a word from the contact): pick a template, fill its places, see
// the text the contact gets, send.
import { useState } from 'preact/hooks';
import { sendTemplate } from '../actions/sendtemplate';
import type { MessageTemplate } from '../api/types';
import { t } from '../i18n';
import { fillTemplate, placeCount } from './templateText';

export function TemplateComposer({ chatId, templates }: { chatId: number; templates: MessageTemplate[] }) {
  const [chosen, setChosen] = useState(0);
  const [params, setParams] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  if (templates.length === 0) {
    return (
      <p class="hint" data-testid="template-none">
        {t('template.none')}
      </p>
    );
  }
  const tpl = templates[Math.min(chosen, templates.length - 1)];
  const places = placeCount(tpl.body);
  const values = Array.from({ length: places }, (_, i) => params[i] ?? '');
  const ready = !busy && values.every((v) => v.trim() !== '');

  async function send() {
    if (!ready) return;
    setBusy(true);
    const ok = await sendTemplate(chatId, { name: tpl.name, language: tpl.language, params: values.map((v) => v.trim()) });
    setBusy(false);
    if (ok) setParams([]);
  }

  return (
    <div class="template-composer" data-testid="template-composer">
      <label class="field">
        <span>{t('template.pick')}</span>
        <select
          data-testid="template-pick"
          value={String(chosen)}
          onChange={(e) => {
            setChosen(Number(e.currentTarget.value));
            setParams([]);
          }}
        >
          {templates.map((x, i) => (
            <option key={`${x.name}/${x.language}`} value={String(i)}>
              {x.name} ({x.language})
            </option>
          ))}
        </select>
      </label>
      {values.map((v, i) => (
        <label class="field" key={`${tpl.name}/${tpl.language}/${i}`}>
          <span>{t('template.param', { n: i + 1 })}</span>
          <input
            data-testid="template-param"
            data-place={i + 1}
            value={v}
            maxLength={1000}
            onInput={(e) => {
              const next = [...values];
              next[i] = e.currentTarget.value;
              setParams(next);
            }}
          />
        </label>
      ))}
      <div class="template-preview-wrap">
        <span class="hint">{t('template.preview')}</span>
        <div class="template-preview" data-testid="template-preview">
          {fillTemplate(tpl.body, values)}
        </div>
      </div>
      <div class="composer-tools">
        <button class="btn btn-primary" data-testid="template-send" disabled={!ready} onClick={() => void send()}>
          {t('template.send')}
        </button>
      </div>
    </div>
  );
}

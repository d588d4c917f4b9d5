// Placing a block (R3.5): on the whole contact or one identity of it, until a
// time or until further notice, with the reason it requires. The server's
// refusal shows in the form.
import { useState } from 'preact/hooks';
import { placeBlock } from '../actions/blocks';
import { Field } from '../admin/Editor';
import { maxBlockReason, type BlockInput } from '../api/blocks';
import type { Channel, Identity } from '../api/types';
import { t } from '../i18n';
import { IdentityPicker } from './IdentityPicker';

const dayMs = 24 * 60 * 60 * 1000;

interface Props {
  contactId: number;
  identities: Identity[];
  channels: Channel[] | null;
}

export function BlockForm({ contactId, identities, channels }: Props) {
  const [scope, setScope] = useState(0);
  const [forever, setForever] = useState(false);
  const [until, setUntil] = useState(() => localInput(new Date(Date.now() + dayMs)));
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState('');
  const [busy, setBusy] = useState(false);
  const ready = reason.trim() !== '' && (forever || until !== '');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setRefusal('');
    const why = await placeBlock(contactId, inputOf(scope, forever, until, reason));
    setBusy(false);
    if (why) setRefusal(why);
    else setReason('');
  };
  return (
    <form class="block-form" data-testid="block-form" onSubmit={submit}>
      <Field label={t('block.scope')}>
        <IdentityPicker identities={identities} channels={channels} value={scope} onChange={setScope} testId="block-scope" none={t('block.wholeContact')} />
      </Field>
      <fieldset class="block-until">
        <legend>{t('block.duration')}</legend>
        <div class="block-until-row">
          <label class="check">
            <input type="radio" name="block-until" data-testid="block-until-time" checked={!forever} onChange={() => setForever(false)} />
            {t('block.untilTime')}
          </label>
          <input
            type="datetime-local"
            data-testid="block-until"
            aria-label={t('block.untilTime')}
            value={until}
            min={localInput(new Date())}
            disabled={forever}
            onInput={(e) => setUntil(e.currentTarget.value)}
          />
        </div>
        <label class="check">
          <input type="radio" name="block-until" data-testid="block-forever" checked={forever} onChange={() => setForever(true)} />
          {t('block.untilFurtherNotice')}
        </label>
      </fieldset>
      <Field label={t('block.reason')}>
        <textarea data-testid="block-reason" required rows={2} maxLength={maxBlockReason} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      {refusal && (
        <p class="form-error" role="alert" data-testid="block-error">
          {refusal}
        </p>
      )}
      <div class="editor-actions">
        <button type="submit" class="btn btn-danger" data-testid="block-submit" disabled={!ready || busy}>
          {t('block.submit')}
        </button>
      </div>
    </form>
  );
}

function inputOf(scope: number, forever: boolean, until: string, reason: string): BlockInput {
  const input: BlockInput = { reason: reason.trim() };
  if (scope) input.identity_id = scope;
  if (forever) input.until_further_notice = true;
  else input.until = new Date(until).toISOString(); // the field's time is the agent's local time
  return input;
}

// localInput writes a time as a datetime-local field takes it, in local time.
function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

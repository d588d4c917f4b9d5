// The open chat's case (R2.6, R4): the case it is linked to, with a way to it and
// to unlink; or Create case (R4.1) and Link case, which offers the contact's
// cases (R4.2).
import { useEffect, useState } from 'preact/hooks';
import { cases, caseTitle, createCaseFromChat, linkCase, listCases, loadCase, openCase } from '../actions/cases';
import { showError } from '../actions/toast';
import type { Case } from '../api/cases';
import type { Chat } from '../api/types';
import { t } from '../i18n';

export function CaseActions({ chat }: { chat: Chat }) {
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => setPicking(false), [chat.id, chat.case_id]);
  if (chat.case_id) return <LinkedCase chat={chat} caseId={chat.case_id} />;
  if (chat.deleted_at) return null;
  const create = async () => {
    setBusy(true);
    await createCaseFromChat(chat.id);
    setBusy(false);
  };
  return (
    <div class="conv-meta-item case-actions" data-testid="chat-case-actions">
      <span class="conv-meta-label">{t('case.label')}</span>
      <button class="btn btn-small" data-testid="case-create" disabled={busy} onClick={() => void create()}>
        {t('case.create')}
      </button>
      {picking ? (
        <CasePicker chat={chat} onDone={() => setPicking(false)} />
      ) : (
        <button class="btn btn-small btn-ghost" data-testid="case-link" onClick={() => setPicking(true)}>
          {t('case.link')}
        </button>
      )}
    </div>
  );
}

// LinkedCase is the case the chat is linked to, as a link to its page.
function LinkedCase({ chat, caseId }: { chat: Chat; caseId: number }) {
  const k = cases.use((s) => s.byId[caseId]);
  useEffect(() => {
    if (k === undefined) void loadCase(caseId);
  }, [caseId, k === undefined]);
  // A case I may not see is still named by its number.
  const title = k ? caseTitle(k) : t('case.number', { id: caseId });
  return (
    <div class="conv-meta-item case-actions" data-testid="chat-case" data-case-id={caseId}>
      <span class="conv-meta-label">{t('case.label')}</span>
      <button class="link-btn case-title" data-testid="chat-case-open" title={t('case.open')} onClick={() => openCase(caseId)}>
        {title}
      </button>
      {k && <span class={`case-status case-status-${k.status}`}>{t(`cases.status.${k.status}`)}</span>}
      {!chat.deleted_at && (
        <button class="btn btn-small btn-ghost" data-testid="case-unlink" onClick={() => void linkCase(chat.id, 0)}>
          {t('case.unlink')}
        </button>
      )}
    </div>
  );
}

// CasePicker offers the cases of the chat's contact to link the chat to.
function CasePicker({ chat, onDone }: { chat: Chat; onDone: () => void }) {
  const [options, setOptions] = useState<Case[] | null>(null);
  const [choice, setChoice] = useState('');
  useEffect(() => {
    listCases({ contact: chat.contact_id, limit: 100 })
      .then((page) => setOptions(page.cases))
      .catch((err) => {
        showError(err);
        onDone();
      });
  }, [chat.contact_id]);
  const link = async (e: Event) => {
    e.preventDefault();
    if (choice && (await linkCase(chat.id, Number(choice)))) onDone();
  };
  if (options?.length === 0) {
    return (
      <span class="case-picker-empty" data-testid="case-picker-empty">
        {t('case.noCases')}{' '}
        <button type="button" class="link-btn" onClick={onDone}>
          {t('case.cancel')}
        </button>
      </span>
    );
  }
  return (
    <form class="conv-meta-other case-picker" onSubmit={(e) => void link(e)}>
      <select data-testid="case-picker" aria-label={t('case.linkTo')} value={choice} disabled={!options} onChange={(e) => setChoice(e.currentTarget.value)}>
        <option value="">{t('case.pick')}</option>
        {options?.map((k) => (
          <option key={k.id} value={k.id}>
            {caseTitle(k)} ({t(`cases.status.${k.status}`)})
          </option>
        ))}
      </select>
      <button type="submit" class="btn btn-small" data-testid="case-link-confirm" disabled={!choice}>
        {t('case.linkOk')}
      </button>
      <button type="button" class="btn btn-small btn-ghost" onClick={onDone}>
        {t('case.cancel')}
      </button>
    </form>
  );
}

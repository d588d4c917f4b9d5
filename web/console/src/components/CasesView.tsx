// The Cases screen: the cases I may see, newest first, filtered by status or to
// mine; and one case's page with what R4.1 filled in, its linked chats, and its
// subject, description, status and assignee to change.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { agentNames, loadAgentNames, shownName } from '../actions/agentnames';
import { cases, caseTitle, closeCase, listCases, loadCase, openCase, updateCase } from '../actions/cases';
import { selectChat } from '../actions/chat';
import { showContactChats } from '../actions/contactchats';
import { showError } from '../actions/toast';
import { EmptyRow, TableHead } from '../admin/Table';
import { api } from '../api/client';
import { caseStatuses, type Case, type CaseStatus, type CaseView } from '../api/cases';
import { formatDateTime, t, type Key } from '../i18n';
import { store } from '../state';
import '../styles/cases.css';

export function CasesView() {
  const open = cases.use((s) => s.open);
  useEffect(() => void loadAgentNames(), []);
  return (
    <div class="cases-screen" data-testid="cases-view" aria-label={t('cases.title')}>
      {open ? <CasePage id={open} /> : <CasesList />}
    </div>
  );
}

const pageSize = 50;

function CasesList() {
  const me = store.use((s) => s.me!.agent.id);
  const changed = cases.use((s) => s.changed);
  const names = agentNames.use((s) => s.names);
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [mine, setMine] = useState(false);
  const [list, setList] = useState<Case[] | null>(null);
  const [next, setNext] = useState(0);
  const query = { status, assignee: mine ? me : 0, limit: pageSize };
  useEffect(() => {
    listCases(query)
      .then((page) => {
        setList(page.cases);
        setNext(page.next ?? 0);
      })
      .catch(showError);
  }, [status, mine, changed]);
  const more = () => {
    listCases({ ...query, before: next })
      .then((page) => {
        setList((l) => [...(l ?? []), ...page.cases]);
        setNext(page.next ?? 0);
      })
      .catch(showError);
  };
  const heads = [t('cases.number'), t('cases.subject'), t('cases.status'), t('cases.contact'), t('cases.assignee'), t('cases.registered')];
  return (
    <section class="cases-section">
      <h2>{t('cases.title')}</h2>
      <div class="cases-filters">
        <label>
          {t('cases.status')}{' '}
          <select data-testid="cases-status-filter" value={status} onChange={(e) => setStatus(e.currentTarget.value as CaseStatus | '')}>
            <option value="">{t('cases.allStatuses')}</option>
            {caseStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`cases.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" data-testid="cases-mine" checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} /> {t('cases.mine')}
        </label>
      </div>
      <table class="table cases-table" data-testid="cases-list">
        <TableHead heads={heads} />
        <tbody>
          {list?.length === 0 && <EmptyRow span={heads.length} text={t('cases.empty')} />}
          {list?.map((k) => (
            <tr key={k.id} class="case-row" data-testid="case-row" data-case-id={k.id}>
              <td>{k.id}</td>
              <td>
                <button class="link-btn" data-testid="case-row-open" onClick={() => openCase(k.id)}>
                  {k.subject || t('cases.noSubject')}
                </button>
              </td>
              <td>
                <span class={`case-status case-status-${k.status}`}>{t(`cases.status.${k.status}`)}</span>
              </td>
              <td>{contactName(k)}</td>
              <td>{k.assignee_id ? shownName(names, k.assignee_id) : t('cases.nobody')}</td>
              <td>{formatDateTime(k.registered_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next > 0 && (
        <button class="btn btn-ghost" onClick={more}>
          {t('lists.loadMore')}
        </button>
      )}
    </section>
  );
}

function contactName(k: Case): string {
  return k.contact_name || t('chat.visitor', { id: k.contact_id });
}

function CasePage({ id }: { id: number }) {
  const k = cases.use((s) => s.byId[id]);
  useEffect(() => {
    void loadCase(id);
  }, [id]);
  return (
    <section class="cases-section case-page" data-testid="case-page" data-case-id={id}>
      <button class="link-btn" data-testid="case-back" onClick={closeCase}>
        ← {t('cases.back')}
      </button>
      {k === null ? <p>{t('err.notFound')}</p> : k ? <CaseRecord key={`${k.id}-${k.version}`} k={k} /> : <p>{t('conv.loading')}</p>}
    </section>
  );
}

// CaseRecord is the case's fields; the editable ones start from the version read.
function CaseRecord({ k }: { k: CaseView }) {
  const names = agentNames.use((s) => s.names);
  const [subject, setSubject] = useState(k.subject);
  const [description, setDescription] = useState(k.description);
  const [status, setStatus] = useState<CaseStatus>(k.status);
  const [assignee, setAssignee] = useState(k.assignee_id);
  const [saving, setSaving] = useState(false);
  const changed = subject.trim() !== k.subject || description.trim() !== k.description || status !== k.status || assignee !== k.assignee_id;
  const save = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    await updateCase(k.id, { subject: subject.trim(), description: description.trim(), status, assignee_id: assignee });
    setSaving(false);
  };
  // Agents are offered by name; the assignee stays listed even if the names lack them.
  const agents = Object.entries(names ?? {}).map(([id, name]) => ({ id: Number(id), name }));
  if (k.assignee_id && !agents.some((a) => a.id === k.assignee_id)) agents.push({ id: k.assignee_id, name: shownName(names, k.assignee_id) });
  const contact = contactName(k);
  return (
    <form class="case-record" onSubmit={(e) => void save(e)}>
      <h2 data-testid="case-title">{caseTitle(k)}</h2>
      <label class="case-field">
        <span>{t('cases.subject')}</span>
        <input data-testid="case-subject" maxLength={200} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
      </label>
      <label class="case-field">
        <span>{t('cases.description')}</span>
        <textarea data-testid="case-description" rows={6} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <div class="case-row-fields">
        <label class="case-field">
          <span>{t('cases.status')}</span>
          <select data-testid="case-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as CaseStatus)}>
            {caseStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`cases.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="case-field">
          <span>{t('cases.assignee')}</span>
          <select data-testid="case-assignee" value={assignee} onChange={(e) => setAssignee(Number(e.currentTarget.value))}>
            <option value={0}>{t('cases.nobody')}</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <dl class="details case-details">
        <Detail label="cases.contact" testId="case-contact">
          <button type="button" class="link-btn" title={t('visitor.allChats')} onClick={() => void contactChats(k.contact_id, contact)}>
            {contact}
          </button>
        </Detail>
        <Detail label="cases.account" testId="case-account">
          {k.account_id ? <AccountName id={k.account_id} /> : t('visitor.none')}
        </Detail>
        <Detail label="cases.source" testId="case-source">
          {t(`cases.source.${k.source}`)}
        </Detail>
        <Detail label="cases.registered" testId="case-registered">
          {formatDateTime(k.registered_at)}
        </Detail>
        <Detail label="cases.createdBy" testId="case-created-by">
          {shownName(names, k.created_by)}
        </Detail>
        <Detail label="cases.chats" testId="case-chats">
          {k.chat_ids.length === 0
            ? t('cases.noChats')
            : k.chat_ids.map((id) => (
                <button type="button" key={id} class="link-btn case-chat" data-testid="case-chat" data-chat-id={id} onClick={() => selectChat(id)}>
                  {t('cases.chat', { id })}
                </button>
              ))}
        </Detail>
      </dl>
      <div class="case-save">
        <button type="submit" class="btn btn-primary" data-testid="case-save" disabled={!changed || saving || !subject.trim()}>
          {t('cases.save')}
        </button>
      </div>
    </form>
  );
}

// AccountName names the case's account (R3.7), or gives its number while the name is unknown.
function AccountName({ id }: { id: number }) {
  const [name, setName] = useState('');
  useEffect(() => {
    setName('');
    api
      .get<{ name: string }>(`/api/v1/accounts/${id}`)
      .then((a) => setName(a.name))
      .catch(() => {
        // An account gone or not readable is named by its number.
      });
  }, [id]);
  return <>{name || t('cases.accountNumber', { id })}</>;
}

function Detail({ label, testId, children }: { label: Key; testId: string; children: ComponentChildren }) {
  return (
    <div class="detail">
      <dt>{t(label)}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

// contactChats shows the contact's chats in place of the lists (R2.19).
async function contactChats(contactId: number, name: string): Promise<void> {
  store.set({ view: 'chats' });
  await showContactChats(contactId, name);
}

// The contacts like one (R3.3): the contact itself marked Current, each other
// with the rules it matched by. The agent ticks those to merge and chooses the
// record to keep, or marks one as not a duplicate.
import { useState } from 'preact/hooks';
import { confirmMerge, markNotDuplicates } from '../actions/contacts';
import { openContact } from '../actions/contactview';
import { contactsApi, type Similar } from '../api/contacts';
import { TableHead } from '../admin/Table';
import { t } from '../i18n';
import { useContactData } from './useContactData';

export function SimilarList({ id }: { id: number }) {
  const list = useContactData(() => contactsApi.similar(id), [id]);
  const [picked, setPicked] = useState<number[]>([]);
  const [keep, setKeep] = useState(id);
  if (!list) return <p class="hint">{t('conv.loading')}</p>;
  if (list.length < 2) return <p class="hint" data-testid="similar-none">{t('similar.none')}</p>;
  const kept = (list.find((s) => s.contact.id === keep) ?? list[0]).contact;
  const from = list.map((s) => s.contact.id).filter((x) => x !== kept.id && picked.includes(x));
  const toggle = (x: number, on: boolean) => setPicked((p) => (on ? [...p, x] : p.filter((y) => y !== x)));
  const heads = [t('similar.pick'), t('similar.keep'), t('visitor.name'), t('visitor.email'), t('visitor.phone'), t('similar.rules'), t('admin.actions')];
  return (
    <div class="similar">
      <table class="table" data-testid="similar-list">
        <TableHead heads={heads} />
        <tbody>
          {list.map((s) => (
            <SimilarRow key={s.contact.id} s={s} of={id} kept={s.contact.id === kept.id} picked={from.includes(s.contact.id)} onPick={toggle} onKeep={setKeep} />
          ))}
        </tbody>
      </table>
      <div class="similar-actions">
        <button class="btn btn-primary" data-testid="similar-merge" disabled={from.length === 0} onClick={() => confirmMerge(kept, from)}>
          {t('similar.merge')}
        </button>
        <span class="hint">{from.length ? t('similar.mergeHint', { n: from.length, name: kept.name }) : t('similar.pickHint')}</span>
      </div>
    </div>
  );
}

interface RowProps {
  s: Similar;
  of: number;
  kept: boolean;
  picked: boolean;
  onPick: (id: number, on: boolean) => void;
  onKeep: (id: number) => void;
}

function SimilarRow({ s, of, kept, picked, onPick, onKeep }: RowProps) {
  const c = s.contact;
  return (
    <tr data-testid="similar-row" data-id={c.id} data-current={String(!!s.current)} class={kept ? 'kept' : ''}>
      <td>
        <input type="checkbox" data-testid="similar-pick" aria-label={t('similar.pickOne', { name: c.name })} checked={picked} disabled={kept} onChange={(e) => onPick(c.id, e.currentTarget.checked)} />
      </td>
      <td>
        <input type="radio" name={`similar-keep-${of}`} data-testid="similar-keep" aria-label={t('similar.keepOne', { name: c.name })} checked={kept} onChange={() => onKeep(c.id)} />
      </td>
      <td>
        <button class="link-btn" onClick={() => openContact(c.id)}>
          {c.name}
        </button>{' '}
        {s.current && (
          <span class="chip chip-accent" data-testid="similar-current">
            {t('similar.current')}
          </span>
        )}
      </td>
      <td>{c.email || t('visitor.none')}</td>
      <td>{c.phone || t('visitor.none')}</td>
      <td data-testid="similar-rules">
        {s.rules.map((r) => (
          <span key={r} class="chip" data-rule={r}>
            {t(`similar.rule.${r}`)}
          </span>
        ))}
      </td>
      <td class="actions">
        {!s.current && (
          <button class="link-btn" data-testid="similar-not-duplicate" onClick={() => void markNotDuplicates(of, c.id)}>
            {t('similar.notDuplicates')}
          </button>
        )}
      </td>
    </tr>
  );
}

// A contact's merges, newest first (R3.3): which contact went into which, who
// merged and when, what moved, and Undo for those that stand.
import { useEffect, useState } from 'preact/hooks';
import { agentNames, loadAgentNames, shownName } from '../actions/agentnames';
import { confirmUndo } from '../actions/contacts';
import { openContact } from '../actions/contactview';
import { contactsApi, type Merge } from '../api/contacts';
import { formatDateTime, t } from '../i18n';
import { store } from '../state';
import { useContactData } from './useContactData';

export function Merges({ contactId, name }: { contactId: number; name: string }) {
  const list = useContactData(() => contactsApi.merges(contactId), [contactId]);
  const names = useContactNames(list, contactId, name);
  if (!list?.length) return null;
  return (
    <section class="contact-section" aria-labelledby="merges-title">
      <h3 id="merges-title">{t('merge.title')}</h3>
      <ul class="merge-list" data-testid="contact-merges">
        {list.map((m) => (
          <MergeLine key={m.id} m={m} from={names[m.from_id] ?? `#${m.from_id}`} into={names[m.into_id] ?? `#${m.into_id}`} />
        ))}
      </ul>
    </section>
  );
}

function MergeLine({ m, from, into }: { m: Merge; from: string; into: string }) {
  const agents = agentNames.use((s) => s.names);
  const me = store.use((s) => s.me!.agent);
  useEffect(() => void loadAgentNames(), []);
  // Who merged, a supervisor or an admin may undo it.
  const mayUndo = !m.undone_at && (m.by === me.id || me.role !== 'agent');
  return (
    <li class="merge" data-testid="contact-merge" data-id={m.id} data-from={m.from_id} data-into={m.into_id} data-undone={String(!!m.undone_at)}>
      <div class="merge-what">
        <ContactLink id={m.from_id} name={from} /> <span aria-hidden="true">→</span> <ContactLink id={m.into_id} name={into} />
      </div>
      <div class="hint">
        {t('merge.by', { name: shownName(agents, m.by), at: formatDateTime(m.at) })}
        {' · '}
        {t('merge.moved', { identities: m.moved.identities?.length ?? 0, chats: m.moved.chats?.length ?? 0 })}
      </div>
      {m.undone_at && (
        <div class="hint" data-testid="merge-undone">
          {t('merge.undoneBy', { name: shownName(agents, m.undone_by ?? 0), at: formatDateTime(m.undone_at) })}
        </div>
      )}
      {mayUndo && (
        <button class="btn btn-small" data-testid="merge-undo" onClick={() => confirmUndo(m, from)}>
          {t('merge.undo')}
        </button>
      )}
    </li>
  );
}

function ContactLink({ id, name }: { id: number; name: string }) {
  return (
    <button class="link-btn" onClick={() => openContact(id)}>
      {name}
    </button>
  );
}

// useContactNames reads the names of the other contacts the merges speak of.
export function useContactNames(list: Merge[] | null, self: number, selfName: string): Record<number, string> {
  const [names, setNames] = useState<Record<number, string>>({});
  useEffect(() => {
    const ids = [...new Set((list ?? []).flatMap((m) => [m.from_id, m.into_id]))].filter((id) => id !== self);
    let current = true;
    Promise.all(ids.map((id) => contactsApi.get(id).then((r) => [id, r.contact.name] as const, () => [id, `#${id}`] as const))).then(
      (pairs) => current && setNames(Object.fromEntries(pairs)),
    );
    return () => {
      current = false;
    };
  }, [list, self]);
  return { ...names, [self]: selfName };
}

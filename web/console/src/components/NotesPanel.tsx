// A chat's private notes: the team's own remarks, never shown to the visitor.
// Notes are written in a small rich-text editor; the server keeps only safe
// markup of what it sends, and shows back exactly what it kept.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Note } from '../api/types';
import { agentNames, shownName } from '../actions/agentnames';
import { addNote, deleteNote, editNote, loadNotes, notesStore } from '../actions/notes';
import { formatDateTime, t, type Key } from '../i18n';
import { store } from '../state';
import '../styles/notes.css';

const noNotes: Note[] = [];

export function NotesPanel({ chatId }: { chatId: number }) {
  const notes = notesStore.use((s) => s.notes[chatId]) ?? noNotes;
  const loaded = notesStore.use((s) => !!s.notes[chatId]);
  const names = agentNames.use((s) => s.names);
  const me = store.use((s) => s.me!.agent);
  const [editing, setEditing] = useState(0);

  useEffect(() => {
    void loadNotes(chatId);
  }, [chatId]);

  return (
    <section class="notes" data-testid="notes-panel" aria-labelledby="notes-title">
      <h4 id="notes-title">{t('notes.title')}</h4>
      <p class="notes-hint">{t('notes.private')}</p>
      {loaded && notes.length === 0 && <p class="notes-empty">{t('notes.empty')}</p>}
      <ul class="note-list">
        {notes.map((n) => (
          <li key={n.id} class="note" data-testid="note" data-id={n.id}>
            <div class="note-meta">
              <span class="note-author">{n.author_id === me.id ? t('notes.you') : shownName(names, n.author_id)}</span>
              <time dateTime={n.updated_at}>{formatDateTime(n.updated_at)}</time>
              {n.updated_at !== n.created_at && <span class="note-edited">{t('notes.edited')}</span>}
            </div>
            {editing === n.id ? (
              <NoteEditor
                initial={n.html}
                submit={t('notes.save')}
                onSave={async (html) => {
                  if (await editNote(n, html)) setEditing(0);
                }}
                onCancel={() => setEditing(0)}
              />
            ) : (
              // The server sanitised this HTML to a few safe tags before storing it.
              <div class="note-body" data-testid="note-body" dangerouslySetInnerHTML={{ __html: n.html }} />
            )}
            {editing !== n.id && (
              <div class="note-actions">
                {n.author_id === me.id && (
                  <button class="note-action" data-testid="note-edit" onClick={() => setEditing(n.id)}>
                    {t('notes.edit')}
                  </button>
                )}
                {(n.author_id === me.id || me.role === 'admin') && (
                  <button
                    class="note-action"
                    data-testid="note-delete"
                    onClick={() =>
                      store.set({
                        confirm: { title: t('notes.deleteTitle'), text: t('notes.deleteText'), ok: t('notes.delete'), onOk: () => void deleteNote(n) },
                      })
                    }
                  >
                    {t('notes.delete')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      <NoteEditor key={chatId} submit={t('notes.add')} onSave={(html) => addNote(chatId, html)} />
    </section>
  );
}

const linkIcon = (
  <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
    <path d="M10 13a5 5 0 0 0 7.07 0l3-3a5 5 0 0 0-7.07-7.07l-1.5 1.5" />
    <path d="M14 11a5 5 0 0 0-7.07 0l-3 3a5 5 0 0 0 7.07 7.07l1.5-1.5" />
  </svg>
);

const tools: { cmd: string; label: Key; text: string | JSX.Element; tag: string }[] = [
  { cmd: 'bold', label: 'notes.bold', text: 'B', tag: 'b' },
  { cmd: 'italic', label: 'notes.italic', text: 'I', tag: 'i' },
  { cmd: 'insertUnorderedList', label: 'notes.list', text: '•', tag: 'ul' },
  { cmd: 'createLink', label: 'notes.link', text: linkIcon, tag: 'a' },
];

interface EditorProps {
  initial?: string;
  submit: string;
  // onSave reports whether the note was stored; the editor empties only then.
  onSave: (html: string) => Promise<boolean | void>;
  onCancel?: () => void;
}

function NoteEditor({ initial, submit, onSave, onCancel }: EditorProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [linking, setLinking] = useState(false);
  const [url, setUrl] = useState('https://');
  const saved = useRef<Range | null>(null);

  useEffect(() => {
    // The note being edited came from the server, sanitised.
    if (ref.current && initial) ref.current.innerHTML = initial;
  }, []);

  const apply = (cmd: string, value?: string) => {
    ref.current?.focus();
    document.execCommand(cmd, false, value);
  };

  const startLink = () => {
    const sel = window.getSelection();
    saved.current = sel && sel.rangeCount ? sel.getRangeAt(0).cloneRange() : null;
    setLinking(true);
  };

  const finishLink = () => {
    setLinking(false);
    if (!/^(https?:\/\/\S+|mailto:\S+)$/i.test(url.trim())) return;
    ref.current?.focus();
    const sel = window.getSelection();
    if (saved.current && sel) {
      sel.removeAllRanges();
      sel.addRange(saved.current);
    }
    // With nothing selected, the browser inserts the address itself as the link's text.
    apply('createLink', url.trim());
  };

  const save = async () => {
    const el = ref.current;
    if (!el || busy || !el.textContent?.trim()) return;
    setBusy(true);
    const ok = await onSave(el.innerHTML);
    setBusy(false);
    if (ok !== false && !onCancel) el.innerHTML = '';
  };

  return (
    <div class="note-editor" data-testid="note-editor">
      <div class="note-toolbar" role="toolbar" aria-label={t('notes.format')}>
        {tools.map((x) => (
          <button
            key={x.cmd}
            type="button"
            class={`note-tool note-tool-${x.tag}`}
            data-testid={`note-tool-${x.tag}`}
            title={t(x.label)}
            aria-label={t(x.label)}
            // Keeping the mouse down from taking the focus keeps the selection to format.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => (x.cmd === 'createLink' ? startLink() : apply(x.cmd))}
          >
            {x.text}
          </button>
        ))}
      </div>
      {linking && (
        <div class="note-link">
          <input
            type="url"
            data-testid="note-link-url"
            aria-label={t('notes.linkUrl')}
            value={url}
            onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                finishLink();
              }
              if (e.key === 'Escape') setLinking(false);
            }}
          />
          <button type="button" class="btn btn-ghost" onClick={finishLink}>
            {t('notes.linkOk')}
          </button>
        </div>
      )}
      <div
        ref={ref}
        class="note-input"
        data-testid="note-input"
        contentEditable
        role="textbox"
        aria-multiline="true"
        aria-label={t('notes.placeholder')}
        data-placeholder={t('notes.placeholder')}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      />
      <div class="note-buttons">
        {onCancel && (
          <button type="button" class="btn btn-ghost" onClick={onCancel}>
            {t('notes.cancel')}
          </button>
        )}
        <button type="button" class="btn btn-primary" data-testid="note-save" disabled={busy} onClick={() => void save()}>
          {submit}
        </button>
      </div>
    </div>
  );
}

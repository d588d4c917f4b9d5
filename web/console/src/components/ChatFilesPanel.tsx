// Every file sent in the open chat, newest last, to download or look at again.
import { useEffect } from 'preact/hooks';
import type { ChatFileItem } from '../api/types';
import { loadChatFiles, notesStore } from '../actions/notes';
import { formatDateTime, formatSize, t } from '../i18n';
import '../styles/notes.css';

const noFiles: ChatFileItem[] = [];

export function ChatFilesPanel({ chatId }: { chatId: number }) {
  const files = notesStore.use((s) => s.files[chatId]) ?? noFiles;
  const loaded = notesStore.use((s) => !!s.files[chatId]);

  useEffect(() => {
    void loadChatFiles(chatId);
  }, [chatId]);

  return (
    <section class="chat-files" data-testid="chat-files" aria-labelledby="chat-files-title">
      <h4 id="chat-files-title">{t('files.title')}</h4>
      {loaded && files.length === 0 && <p class="notes-empty">{t('files.empty')}</p>}
      <ul class="chat-file-list">
        {files.map((f) => (
          <li key={f.id} class={`chat-file ${f.internal ? 'chat-file-internal' : ''}`} data-testid="chat-file">
            <a href={f.url} download={f.name} class="chat-file-name">
              {f.name}
            </a>
            <span class="chat-file-meta">
              {formatSize(f.size)} · {f.sender_name || t(f.sent_by.kind === 'contact' ? 'files.visitor' : 'files.agent')} ·{' '}
              <time dateTime={f.sent_at}>{formatDateTime(f.sent_at)}</time>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

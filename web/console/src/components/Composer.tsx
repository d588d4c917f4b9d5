// The reply box: Enter sends, Shift+Enter breaks the line; files by button, drop or
// paste; an emoji grid; typing notices to the visitor.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { upload } from '../actions/files';
import { sendMessage, sendTyping } from '../actions/send';
import { toast } from '../actions/toast';
import { t } from '../i18n';
import type { FileInfo } from '../api/types';
import { EmojiPicker } from './EmojiPicker';
import { PaperclipIcon, SmileIcon } from './icons';

export interface ComposerHandle {
  addFiles: (files: File[]) => void;
}

interface Attachment {
  key: number;
  name: string;
  file?: FileInfo; // set once uploaded
}

const maxText = 10000;
const maxFiles = 10;
// Drafts survive switching between chats.
const drafts = new Map<number, string>();
let nextKey = 1;

export function Composer({ chatId, handle }: { chatId: number; handle: RefObject<ComposerHandle | null> }) {
  const [text, setText] = useState(drafts.get(chatId) ?? '');
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), [chatId]);

  function addFiles(files: File[]) {
    const room = maxFiles - attachments.length;
    for (const file of files.slice(0, Math.max(0, room))) {
      const key = nextKey++;
      setAttachments((a) => [...a, { key, name: file.name }]);
      void upload(file).then((info) =>
        setAttachments((a) => (info ? a.map((x) => (x.key === key ? { ...x, file: info } : x)) : a.filter((x) => x.key !== key))),
      );
    }
  }
  handle.current = { addFiles };

  const uploading = attachments.some((a) => !a.file);
  const canSend = !uploading && (text.trim() !== '' || attachments.length > 0);

  function setDraft(v: string) {
    setText(v);
    drafts.set(chatId, v);
  }

  function send() {
    if (!canSend) return;
    if ([...text.trim()].length > maxText) {
      toast(t('err.tooLong'));
      return;
    }
    sendMessage(chatId, text.trim(), attachments.map((a) => a.file!));
    setDraft('');
    setAttachments([]);
    input.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  }

  function onPaste(e: ClipboardEvent) {
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length) {
      e.preventDefault();
      addFiles(files);
    }
  }

  function insertEmoji(emoji: string) {
    const el = input.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    setDraft(text.slice(0, start) + emoji + text.slice(end));
    setEmojiOpen(false);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  }

  return (
    <div class="composer">
      {attachments.length > 0 && (
        <ul class="attachments">
          {attachments.map((a) => (
            <li key={a.key} class={`attachment ${a.file ? '' : 'uploading'}`}>
              <span>{a.file ? a.name : t('reply.uploading', { name: a.name })}</span>
              <button
                class="icon-btn"
                aria-label={t('reply.removeFile', { name: a.name })}
                title={t('reply.removeFile', { name: a.name })}
                onClick={() => setAttachments((list) => list.filter((x) => x.key !== a.key))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="composer-row">
        <textarea
          ref={input}
          data-testid="reply-input"
          class="reply-input"
          rows={2}
          aria-label={t('reply.label')}
          placeholder={t('reply.placeholder')}
          value={text}
          onInput={(e) => {
            setDraft(e.currentTarget.value);
            if (e.currentTarget.value) sendTyping(chatId);
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <div class="composer-tools">
          <div class="emoji-wrap">
            <button
              class="icon-btn tool"
              data-testid="emoji-button"
              aria-label={t('reply.emoji')}
              title={t('reply.emoji')}
              aria-expanded={emojiOpen}
              onClick={() => setEmojiOpen(!emojiOpen)}
            >
              <SmileIcon />
            </button>
            {emojiOpen && <EmojiPicker onPick={insertEmoji} onClose={() => setEmojiOpen(false)} />}
          </div>
          <button
            class="icon-btn tool"
            aria-label={t('reply.attach')}
            title={t('reply.attach')}
            onClick={() => fileInput.current?.click()}
          >
            <PaperclipIcon />
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            data-testid="reply-file-input"
            onChange={(e) => {
              addFiles([...(e.currentTarget.files ?? [])]);
              e.currentTarget.value = '';
            }}
          />
          <button class="btn btn-primary" data-testid="reply-send" disabled={!canSend} onClick={send}>
            {t('reply.send')}
          </button>
        </div>
      </div>
    </div>
  );
}

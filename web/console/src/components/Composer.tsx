// The reply box: Enter sends, Shift+Enter breaks the line; files by button, drop or
// paste; an emoji grid; typing notices to the visitor. What is typed and not sent
// is kept as a draft (useDraft), and quick replies fill the box from a button or
// from `//` typed in it (useQuickReplies). A messenger's window (useChatWindow)
// may allow a template alone, or nothing, which the box then shows.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { openMyReplies } from '../actions/quickreplies';
import { sendMessage, sendTyping } from '../actions/send';
import { toast } from '../actions/toast';
import { t } from '../i18n';
import { EmojiPicker } from './EmojiPicker';
import { PaperclipIcon, SmileIcon } from './icons';
import { QuickReplyList } from './QuickReplyList';
import { type Attachment, useAttachments } from './useAttachments';
import { useDraft } from './useDraft';
import { useQuickReplies } from './useQuickReplies';
import { useChatWindow } from './useChatWindow';
import { WindowNotice } from './WindowNotice';
import { TemplateComposer } from './TemplateComposer';
import '../styles/quickreplies.css';
import '../styles/messenger.css';

export interface ComposerHandle {
  addFiles: (files: File[]) => void;
}

const maxText = 10000;

interface Props {
  chatId: number;
  channelType: string;
  handle: RefObject<ComposerHandle | null>;
}

export function Composer({ chatId, channelType, handle }: Props) {
  // Each chat gets its own box, so that leaving one saves its draft and opening
  // another restores its own.
  return <ChatComposer key={chatId} chatId={chatId} channelType={channelType} handle={handle} />;
}

function ChatComposer({ chatId, channelType, handle }: Props) {
  const win = useChatWindow(chatId, channelType);
  const refused = !!win?.refused;
  const input = useRef<HTMLTextAreaElement>(null);
  const draft = useDraft(chatId, input);
  const files = useAttachments();
  const quick = useQuickReplies(chatId, input, draft.text, draft.set);
  useEffect(() => input.current?.focus(), [chatId]);
  handle.current = { addFiles: refused || win?.needs_template ? () => {} : files.add };

  const text = draft.text;
  const canSend = !refused && !files.uploading && (text.trim() !== '' || files.list.length > 0);

  function send() {
    if (!canSend) return;
    if ([...text.trim()].length > maxText) {
      toast(t('err.tooLong'));
      return;
    }
    sendMessage(chatId, text.trim(), files.list.map((a) => a.file!));
    draft.sent();
    files.clear();
    quick.close();
    input.current?.focus();
  }

  function onText(el: HTMLTextAreaElement) {
    const v = el.value;
    draft.set(v);
    if (v) sendTyping(chatId);
    quick.typed(v, el.selectionStart ?? v.length);
  }

  if (win?.needs_template) {
    return (
      <div class="composer" data-testid="composer" data-window="template">
        <WindowNotice w={win} />
        <TemplateComposer chatId={chatId} templates={win.templates ?? []} />
      </div>
    );
  }

  return (
    <div class="composer" data-testid="composer" data-window={refused ? 'refused' : win?.tagged ? 'tagged' : 'open'}>
      <WindowNotice w={win} />
      {files.list.length > 0 && <AttachmentList list={files.list} onRemove={files.remove} />}
      {quick.open && (
        <QuickReplyList
          quick={quick.open}
          replies={quick.replies}
          selected={quick.selected}
          onQuery={quick.search}
          onKeyDown={(e) => quick.keys(e) && e.preventDefault()}
          onHover={quick.hover}
          onPick={quick.pick}
          onManage={() => {
            quick.close();
            openMyReplies();
          }}
        />
      )}
      <fieldset class="composer-row" disabled={refused}>
        <ReplyInput
          inputRef={input}
          value={text}
          onText={onText}
          listKeys={quick.keys}
          onSend={send}
          onFiles={files.add}
          onBlur={draft.flush}
        />
        <div class="composer-tools">
          <QuickButton open={quick.open !== null} onClick={quick.toggle} />
          <EmojiButton onPick={(emoji) => insertAt(input.current, text, emoji, draft.set)} />
          <AttachButton onFiles={files.add} />
          <button class="btn btn-primary" data-testid="reply-send" disabled={!canSend} onClick={send}>
            {t('reply.send')}
          </button>
        </div>
      </fieldset>
    </div>
  );
}

// insertAt puts s in place of the box's selection, with the caret after it.
function insertAt(el: HTMLTextAreaElement | null, text: string, s: string, set: (v: string) => void) {
  const start = el?.selectionStart ?? text.length;
  const end = el?.selectionEnd ?? text.length;
  set(text.slice(0, start) + s + text.slice(end));
  requestAnimationFrame(() => {
    el?.focus();
    el?.setSelectionRange(start + s.length, start + s.length);
  });
}

// ReplyInput is the text area. The open quick-reply list takes the keys it moves
// with first; otherwise Enter sends.
function ReplyInput({
  inputRef,
  value,
  onText,
  listKeys,
  onSend,
  onFiles,
  onBlur,
}: {
  inputRef: RefObject<HTMLTextAreaElement | null>;
  value: string;
  onText: (el: HTMLTextAreaElement) => void;
  listKeys: (e: KeyboardEvent) => boolean;
  onSend: () => void;
  onFiles: (files: File[]) => void;
  onBlur: () => void;
}) {
  // enterTaken is set while an Enter that picked or sent is down: some input
  // paths (automation, some IMEs) still insert its line break after keydown.
  const enterTaken = useRef(false);

  function onKeyDown(e: KeyboardEvent) {
    if (listKeys(e)) {
      e.preventDefault();
      enterTaken.current = e.key === 'Enter';
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      enterTaken.current = true;
      onSend();
    }
  }

  function onInput(el: HTMLTextAreaElement, inputType: string) {
    if (enterTaken.current && inputType === 'insertLineBreak') {
      const v = el.value;
      const at = el.selectionStart ?? v.length;
      el.value = v.slice(0, at - 1) + v.slice(at);
      el.setSelectionRange(at - 1, at - 1);
      return;
    }
    onText(el);
  }

  function onPaste(e: ClipboardEvent) {
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length) {
      e.preventDefault();
      onFiles(files);
    }
  }

  return (
    <textarea
      ref={inputRef}
      data-testid="reply-input"
      class="reply-input"
      rows={2}
      aria-label={t('reply.label')}
      placeholder={t('reply.placeholder')}
      value={value}
      onInput={(e) => onInput(e.currentTarget, (e as InputEvent).inputType)}
      onKeyDown={onKeyDown}
      onKeyUp={() => (enterTaken.current = false)}
      onPaste={onPaste}
      onBlur={onBlur}
    />
  );
}

function AttachmentList({ list, onRemove }: { list: Attachment[]; onRemove: (key: number) => void }) {
  return (
    <ul class="attachments">
      {list.map((a) => (
        <li key={a.key} class={`attachment ${a.file ? '' : 'uploading'}`}>
          <span>{a.file ? a.name : t('reply.uploading', { name: a.name })}</span>
          <button
            class="icon-btn"
            aria-label={t('reply.removeFile', { name: a.name })}
            title={t('reply.removeFile', { name: a.name })}
            onClick={() => onRemove(a.key)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function QuickButton({ open, onClick }: { open: boolean; onClick: () => void }) {
  return (
    <button
      class="icon-btn tool qr-button"
      data-testid="qr-button"
      aria-label={t('reply.quickReplies')}
      title={t('reply.quickReplies')}
      aria-expanded={open}
      onClick={onClick}
    >
      //
    </button>
  );
}

function EmojiButton({ onPick }: { onPick: (emoji: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="emoji-wrap">
      <button
        class="icon-btn tool"
        data-testid="emoji-button"
        aria-label={t('reply.emoji')}
        title={t('reply.emoji')}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <SmileIcon />
      </button>
      {open && (
        <EmojiPicker
          onPick={(emoji) => {
            onPick(emoji);
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}

function AttachButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <>
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
          onFiles([...(e.currentTarget.files ?? [])]);
          e.currentTarget.value = '';
        }}
      />
    </>
  );
}

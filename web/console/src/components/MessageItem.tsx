// One message of a conversation: text, images, files, who and when.
import { fileURL, previewURL } from '../actions/files';
import { discardPending, retryPending } from '../actions/send';
import { formatClock, formatSize, t } from '../i18n';
import type { FileInfo, Message } from '../api/types';
import type { Pending } from '../state';
import { systemText } from './messageText';
import { FileIcon } from './icons';
import { DeliveryFailure, DeliveryMark, EditedMark } from './DeliveryMark';
import { Card, Place, Subject } from './MessageExtras';
import '../styles/messenger.css';

export function MessageItem({ m, contactName, myId }: { m: Message; contactName: string; myId: number }) {
  if (m.kind === 'system') {
    return (
      <div class="msg msg-system" data-testid="message" data-message-id={m.id} data-author="system">
        <span data-testid="message-text">{systemText(m)}</span>
        <time dateTime={m.created_at}>{formatClock(m.created_at)}</time>
      </div>
    );
  }
  const author = m.author.kind;
  const who =
    m.kind === 'welcome'
      ? t('msg.welcome')
      : author === 'contact'
        ? contactName
        : m.author.id === myId
          ? t('msg.you')
          : t('msg.agent');
  const side = author === 'contact' ? 'in' : 'out';
  return (
    <div
      class={`msg msg-${side} ${m.kind === 'welcome' ? 'msg-welcome' : ''} ${m.internal ? 'msg-internal' : ''}`}
      data-testid="message"
      data-message-id={m.id}
      data-author={author}
      data-delivery={m.delivery}
    >
      <div class="msg-bubble">
        <Subject m={m} />
        {(m.text || m.code) && (
          <div class="msg-text" data-testid="message-text">
            {m.code ? systemText(m) : m.text}
          </div>
        )}
        <Place p={m.location} />
        <Card c={m.card} />
        <Files files={m.files} />
      </div>
      <DeliveryFailure m={m} />
      <div class="msg-meta">
        <span>{who}</span>
        {m.internal && <span class="chip">{t('msg.internal')}</span>}
        {m.template && (
          <span class="chip" data-testid="message-template" title={`${m.template.name} (${m.template.language})`}>
            {t('msg.template')}
          </span>
        )}
        <EditedMark at={m.edited_at} />
        <time dateTime={m.created_at}>{formatClock(m.created_at)}</time>
        <DeliveryMark m={m} />
      </div>
    </div>
  );
}

// PendingItem is a message sent but not yet confirmed by the server.
export function PendingItem({ p }: { p: Pending }) {
  return (
    <div class={`msg msg-out msg-pending ${p.failed ? 'msg-failed' : ''}`} data-testid="message-pending" data-client-id={p.client_id}>
      <div class="msg-bubble">
        {p.text && <div class="msg-text">{p.text}</div>}
        {p.files.map((f) => (
          <div key={f.id} class="file-link">
            <FileIcon /> {f.name}
          </div>
        ))}
      </div>
      <div class="msg-meta">
        {p.failed ? (
          <>
            <span class="failed">{t('msg.failed')}</span>
            <button class="link-btn" onClick={() => retryPending(p.client_id)}>
              {t('msg.retry')}
            </button>
            <button class="link-btn" onClick={() => discardPending(p.client_id)}>
              {t('msg.discard')}
            </button>
          </>
        ) : (
          <span>{t('msg.pending')}</span>
        )}
      </div>
    </div>
  );
}

function Files({ files }: { files?: FileInfo[] }) {
  if (!files?.length) return null;
  return (
    <div class="msg-files">
      {files.map((f) => (f.image ? <ImageFile key={f.id} f={f} /> : <DownloadFile key={f.id} f={f} />))}
    </div>
  );
}

const previewMax = 240;

function ImageFile({ f }: { f: FileInfo }) {
  const scale = f.width && f.height ? Math.min(1, previewMax / Math.max(f.width, f.height)) : 0;
  return (
    <a class="msg-image-link" href={fileURL(f.id)} target="_blank" rel="noopener" title={t('msg.openImage', { name: f.name })}>
      <img
        data-testid="message-image"
        src={previewURL(f.id)}
        alt={f.name}
        loading="lazy"
        width={scale ? Math.round(f.width! * scale) : undefined}
        height={scale ? Math.round(f.height! * scale) : undefined}
      />
    </a>
  );
}

function DownloadFile({ f }: { f: FileInfo }) {
  return (
    <a class="file-link" data-testid="message-file" href={fileURL(f.id)} download={f.name} title={t('msg.download', { name: f.name })}>
      <FileIcon />
      <span class="file-name">{f.name}</span>
      <span class="file-size">{formatSize(f.size)}</span>
    </a>
  );
}

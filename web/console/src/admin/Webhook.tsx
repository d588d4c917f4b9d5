// Where a messenger delivers to this server: the URL to copy into the
// provider's settings, and, for providers with an API for it (Telegram, Viber),
// Connect, which registers the URL there.
import { useState } from 'preact/hooks';
import { channelsApi, webhookURL } from '../api/channels';
import { ApiError } from '../api/client';
import { errorText } from '../actions/toast';
import { t } from '../i18n';

interface Result {
  ok: boolean;
  text: string;
}

export function Webhook({ channelId, path, connectable }: { channelId: number; path: string; connectable: boolean }) {
  const url = webhookURL(path);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Without clipboard access (plain HTTP), the URL stays selectable by hand.
    }
  };

  const connect = async () => {
    setBusy(true);
    setResult(null);
    try {
      const res = await channelsApi.connect(channelId);
      setResult({ ok: true, text: t('admin.connected', { url: res.webhook_url }) });
    } catch (err) {
      // A provider without such an API answers 409 in words that say to copy the URL.
      const text = err instanceof ApiError && err.code === 'conflict' ? err.message : errorText(err);
      setResult({ ok: false, text });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="snippet webhook" data-testid="channel-webhook">
      <div class="snippet-head">
        <strong>{t('admin.webhook')}</strong>
        <span class="webhook-tools">
          <button type="button" class="btn btn-small" data-testid="webhook-copy" onClick={() => void copy()}>
            {copied ? t('admin.copied') : t('admin.copy')}
          </button>
          {connectable && (
            <button type="button" class="btn btn-small btn-primary" data-testid="channel-connect" disabled={busy} onClick={() => void connect()}>
              {t('admin.connect')}
            </button>
          )}
        </span>
      </div>
      <p class="hint">{connectable ? t('admin.webhookConnectHelp') : t('admin.webhookHelp')}</p>
      <pre data-testid="webhook-url" onClick={(e) => window.getSelection()?.selectAllChildren(e.currentTarget)}>
        {url}
      </pre>
      {result && (
        <p class={`connect-result ${result.ok ? 'ok' : 'failed'}`} data-testid="connect-result" data-ok={String(result.ok)} role="status">
          {result.text}
        </p>
      )}
    </div>
  );
}

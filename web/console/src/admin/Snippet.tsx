// The widget code an admin pastes into their site.
import { useState } from 'preact/hooks';
import { t } from '../i18n';

export function snippetFor(publicKey: string): string {
  return `<script src="${location.origin}/widget.js" data-parley-key="${publicKey}" async></script>`;
}

export function Snippet({ publicKey }: { publicKey: string }) {
  const code = snippetFor(publicKey);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Without clipboard access (plain HTTP), the code stays selectable by hand.
    }
  };
  return (
    <div class="snippet">
      <div class="snippet-head">
        <strong>{t('admin.snippet')}</strong>
        <button type="button" class="btn btn-small" data-testid="snippet-copy" onClick={() => void copy()}>
          {copied ? t('admin.copied') : t('admin.copy')}
        </button>
      </div>
      <p class="hint">{t('admin.snippetHelp')}</p>
      <pre data-testid="widget-snippet" onClick={(e) => window.getSelection()?.selectAllChildren(e.currentTarget)}>
        {code}
      </pre>
    </div>
  );
}

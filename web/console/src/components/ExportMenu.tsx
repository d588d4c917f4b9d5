// Export of the chat list shown to a spreadsheet: the server streams every
// chat of the list's filters, and the browser saves it as a download.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { store, type ListName } from '../state';
import '../styles/notes.css';

// exportQuery is the server's filter for what each list shows.
export function exportQuery(list: ListName, me: number): string {
  switch (list) {
    case 'new':
      return 'state=waiting';
    case 'my':
      return `state=in_progress&owner=${me}`;
    case 'closed':
      return 'state=completed';
    case 'all':
      return '';
    case 'unread':
      return 'unread=true';
    case 'others':
      return `owner=${store.get().others?.agentId ?? 0}`;
    case 'deleted':
      return 'deleted=true';
  }
}

// listExport is the address of the shown list's export in a format.
export function listExport(list: ListName, me: number): (format: string) => string {
  return (format) => `/api/v1/chats/export?format=${format}&${exportQuery(list, me)}`;
}

// ExportMenu offers a download of what href gives for each format.
export function ExportMenu({ href }: { href: (format: string) => string }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="export-menu">
      <button
        class="btn btn-ghost btn-small"
        data-testid="export-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {t('export.button')}
      </button>
      {open && (
        <div class="export-options" role="menu">
          {(['csv', 'xlsx'] as const).map((f) => (
            <a
              key={f}
              role="menuitem"
              data-testid={`export-${f}`}
              href={href(f)}
              download
              onClick={() => setOpen(false)}
            >
              {t(f === 'csv' ? 'export.csv' : 'export.xlsx')}
            </a>
          ))}
        </div>
      )}
    </div>
  );
}

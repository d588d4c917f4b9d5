// The table every admin list shares: headings, a row per item, and a line when empty.
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';

export function AdminTable<T extends { id: number }>({
  heads,
  items,
  row,
  muted,
}: {
  heads: string[];
  items: T[] | null;
  // row gives an item's cells.
  row: (item: T) => ComponentChildren;
  muted?: (item: T) => boolean;
}) {
  return (
    <table class="table">
      <thead>
        <tr>
          {heads.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items?.length === 0 && (
          <tr>
            <td colSpan={heads.length}>{t('admin.empty')}</td>
          </tr>
        )}
        {items?.map((item) => (
          <tr key={item.id} data-testid="admin-row" data-id={item.id} class={muted?.(item) ? 'muted' : ''}>
            {row(item)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// EditCell is the actions cell of lists whose one action is Edit.
export function EditCell({ onEdit }: { onEdit: () => void }) {
  return (
    <td class="actions">
      <button class="link-btn" onClick={onEdit}>
        {t('admin.edit')}
      </button>
    </td>
  );
}

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
      <TableHead heads={heads} />
      <tbody>
        {items?.length === 0 && <EmptyRow span={heads.length} text={t('admin.empty')} />}
        {items?.map((item) => (
          <tr key={item.id} data-testid="admin-row" data-id={item.id} class={muted?.(item) ? 'muted' : ''}>
            {row(item)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TableHead({ heads }: { heads: string[] }) {
  return (
    <thead>
      <tr>
        {heads.map((h) => (
          <th key={h}>{h}</th>
        ))}
      </tr>
    </thead>
  );
}

// EmptyRow is the one line of a table with nothing to list.
export function EmptyRow({ span, text }: { span: number; text: string }) {
  return (
    <tr>
      <td colSpan={span}>{text}</td>
    </tr>
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

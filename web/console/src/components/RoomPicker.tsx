// The rooms the agent may see, each with how many of its chats they see and
// how many of those hold unread messages (R7.1, R2.7); picking one narrows the
// lists to its chats.
import { useItems } from '../admin/useItems';
import type { ListCounts, Room } from '../api/types';
import { t } from '../i18n';
import { store } from '../state';

export function RoomPicker() {
  const rooms = useItems<Room>('/api/v1/rooms').items ?? [];
  const counts = store.use((s) => s.counts);
  const room = store.use((s) => s.room);
  if (rooms.length < 2) return null;
  return (
    <div class="room-picker">
      <select
        data-testid="room-picker"
        aria-label={t('rooms.label')}
        value={room ?? 0}
        onChange={(e) => store.set({ room: Number(e.currentTarget.value) || null })}
      >
        <option value={0}>{roomLabel(t('rooms.all'), counts, null)}</option>
        {rooms.map((r) => (
          <option key={r.id} value={r.id}>
            {roomLabel(r.name, counts, r.id)}
          </option>
        ))}
      </select>
    </div>
  );
}

// roomLabel is a room's name with its counts: every chat seen, and the unread.
function roomLabel(name: string, counts: ListCounts | null, room: number | null): string {
  const lists = room === null ? counts : counts?.rooms.find((r) => r.room_id === room);
  const all = lists?.all ?? { chats: 0, unread: 0 };
  return t('rooms.option', { name, n: all.chats, unread: all.unread });
}

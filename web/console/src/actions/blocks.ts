// Placing and lifting blocks (R3.5) from the console, and following the
// contact.blocked and contact.unblocked events: the screens that show a
// contact's blocks, and the chats a block completed, are read again.
import { blocksApi, type BlockInput } from '../api/blocks';
import type { Role } from '../api/types';
import { t } from '../i18n';
import { contactsChanged } from './contactview';
import { refusalText, toast } from './toast';

// mayBlock says whether the role places and lifts blocks and reads what blocked
// contacts wrote: supervisors and admins do, plain agents do not.
export function mayBlock(role: Role | undefined): boolean {
  return role === 'supervisor' || role === 'admin';
}

// placeBlock blocks the contact, or one identity of it; it returns why the
// server refused, or null once the block is placed.
export async function placeBlock(contactId: number, input: BlockInput): Promise<string | null> {
  try {
    await blocksApi.place(contactId, input);
    toast(t('block.placed'), 'info');
    contactsChanged();
    return null;
  } catch (err) {
    return refusalText(err);
  }
}

// liftBlock ends a block early, with an optional reason; it returns whether it did.
export async function liftBlock(id: number, reason: string): Promise<boolean> {
  try {
    await blocksApi.lift(id, reason.trim());
    toast(t('block.lifted'), 'info');
    return true;
  } catch (err) {
    toast(refusalText(err));
    return false;
  } finally {
    contactsChanged();
  }
}

// onBlockChanged follows a block placed, lifted or expired, by anyone.
export function onBlockChanged(): void {
  contactsChanged();
}

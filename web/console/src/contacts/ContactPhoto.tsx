// The picture a contact's channel gave (R3.1). It loads like the chat's images,
// by URL with the session's cookie; a changed photo has another file id, which
// the URL carries so that the browser does not show the old one.
import { useState } from 'preact/hooks';
import type { Contact } from '../api/types';
import { t } from '../i18n';

export function contactPhotoURL(c: Contact): string {
  return `/api/v1/contacts/${c.id}/photo?v=${encodeURIComponent(c.photo ?? '')}`;
}

export function ContactPhoto({ contact: c, size = 48 }: { contact: Contact; size?: number }) {
  const [broken, setBroken] = useState('');
  if (!c.photo || broken === c.photo) return null;
  return (
    <img
      class="contact-photo"
      data-testid="contact-photo"
      src={contactPhotoURL(c)}
      alt={t('contact.photo', { name: c.name })}
      width={size}
      height={size}
      onError={() => setBroken(c.photo ?? '')}
    />
  );
}

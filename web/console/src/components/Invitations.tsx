// Invitations to chats (R2.3): Accept, Open without accepting, or Decline.
import { useEffect, useState } from 'preact/hooks';
import { accept, decline, openOffer } from '../actions/chat';
import { t } from '../i18n';
import { chatTitle, store, type Offer } from '../state';
import { messageSummary } from './messageText';

export function Invitations() {
  const offers = store.use((s) => s.offers);
  const list = Object.values(offers).sort((a, b) => a.chat.id - b.chat.id);
  if (!list.length) return null;
  return (
    <div class="invitations" aria-live="assertive">
      {list.map((o) => (
        <InvitationCard key={o.chat.id} offer={o} />
      ))}
    </div>
  );
}

function InvitationCard({ offer }: { offer: Offer }) {
  const id = offer.chat.id;
  const last = store.use((s) => s.lastMessage[id]);
  const left = useSecondsLeft(offer.expires_at);
  const name = chatTitle(offer.chat, (cid) => t('chat.visitor', { id: cid }));
  return (
    <div class="invitation" role="alertdialog" aria-labelledby={`inv-${id}`} data-testid="invitation" data-chat-id={id}>
      <div class="invitation-head">
        <strong id={`inv-${id}`}>{t('invite.title')}</strong>
        {left !== null && <span class="invitation-timer">{t('invite.expires', { s: left })}</span>}
      </div>
      <div class="invitation-text">{t('invite.text', { name })}</div>
      {last && <div class="invitation-preview">{messageSummary(last)}</div>}
      <div class="invitation-actions">
        <button class="btn btn-primary" data-testid="invitation-accept" onClick={() => void accept(id)}>
          {t('invite.accept')}
        </button>
        <button class="btn" data-testid="invitation-open" onClick={() => openOffer(id)}>
          {t('invite.open')}
        </button>
        <button class="btn btn-ghost" data-testid="invitation-decline" onClick={() => void decline(id)}>
          {t('invite.decline')}
        </button>
      </div>
    </div>
  );
}

function useSecondsLeft(expiresAt: string): number | null {
  const until = expiresAt ? Date.parse(expiresAt) : NaN;
  const calc = () => (Number.isNaN(until) ? null : Math.max(0, Math.round((until - Date.now()) / 1000)));
  const [left, setLeft] = useState(calc);
  useEffect(() => {
    if (Number.isNaN(until)) return;
    const timer = setInterval(() => setLeft(calc()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return left;
}

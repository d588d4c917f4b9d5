// A channel type's small icon, named for screen readers and on hover (R8.1):
// each list that shows where a chat or an identity comes from shows it.
import type { JSX } from 'preact';
import { channelLabel } from './channelName';
import '../styles/channels.css';

const size = 16;

// shapes draws each type on a 24×24 grid; both WhatsApp types share one.
const shapes: Record<string, () => JSX.Element> = {
  webchat: () => (
    <>
      <path d="M4 5h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H10l-5 4v-4H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z" fill="#64748b" />
      <circle cx="8" cy="11" r="1.3" fill="#fff" />
      <circle cx="12" cy="11" r="1.3" fill="#fff" />
      <circle cx="16" cy="11" r="1.3" fill="#fff" />
    </>
  ),
  telegram: () => (
    <>
      <circle cx="12" cy="12" r="11" fill="#229ed9" />
      <path d="M5.5 11.6 17.3 7c.6-.2 1 .1.8.9l-2 9.5c-.1.7-.6.8-1.1.5l-3-2.2-1.5 1.4c-.2.2-.3.3-.6.3l.2-3.1 5.6-5c.2-.2 0-.3-.4-.1l-6.9 4.3-3-.9c-.6-.2-.6-.6.1-.9z" fill="#fff" />
    </>
  ),
  whatsapp: () => (
    <>
      <path d="M12 1a11 11 0 0 0-9.5 16.5L1 23l5.7-1.5A11 11 0 1 0 12 1z" fill="#25d366" />
      <path d="M8.6 6.6c-.3-.6-.5-.6-.8-.6h-.6c-.2 0-.6.1-.9.4-.3.3-1.1 1.1-1.1 2.7s1.2 3.2 1.3 3.4c.2.2 2.3 3.6 5.6 4.9 2.8 1.1 3.3.9 4 .8.6-.1 2-.8 2.2-1.6.3-.8.3-1.5.2-1.6-.1-.1-.3-.2-.6-.4l-2.1-1c-.3-.1-.5-.2-.7.1l-.9 1.2c-.2.2-.3.2-.6.1-.3-.2-1.3-.5-2.5-1.5-.9-.8-1.5-1.8-1.7-2.1-.2-.3 0-.5.1-.6l.5-.5c.1-.2.2-.3.3-.5.1-.2 0-.4 0-.5l-1-2.3z" fill="#fff" />
    </>
  ),
  viber: () => (
    <>
      <path d="M12 1.5c-5.8 0-9.5 2.3-9.5 8.5 0 3.7 1.3 6 3.5 7.2V22l3.6-3.3c.8.1 1.6.2 2.4.2 5.8 0 9.5-2.3 9.5-8.9S17.8 1.5 12 1.5z" fill="#7360f2" />
      <path d="M9 6.3c-.3-.3-.8-.3-1.1 0l-.8.8c-.5.5-.6 1.3-.3 2 1.3 3.1 3.5 5.4 6.6 6.7.7.3 1.5.2 2-.3l.8-.8c.3-.3.3-.8 0-1.1l-1.6-1.3c-.3-.2-.7-.2-1 .1l-.7.7c-1.4-.6-2.5-1.7-3.1-3.1l.7-.7c.3-.3.3-.7.1-1z" fill="#fff" />
    </>
  ),
  messenger: () => (
    <>
      <path d="M12 1C5.9 1 1.2 5.5 1.2 11.3c0 3 1.2 5.6 3.3 7.4V23l3.9-2.1c1.1.3 2.3.5 3.6.5 6.1 0 10.8-4.5 10.8-10.3S18.1 1 12 1z" fill="#0084ff" />
      <path d="m5.6 14.6 3.3-5.3c.5-.8 1.6-1 2.4-.4l2.6 2c.2.2.6.2.8 0l3.6-2.7c.5-.4 1.1.2.8.7l-3.3 5.3c-.5.8-1.6 1-2.4.4l-2.6-2c-.2-.2-.6-.2-.8 0l-3.6 2.7c-.5.4-1.1-.2-.8-.7z" fill="#fff" />
    </>
  ),
  email: () => (
    <>
      <rect x="2" y="4.5" width="20" height="15" rx="2" fill="#ea8a00" />
      <path d="m3 6.5 9 6.5 9-6.5" fill="none" stroke="#fff" stroke-width="1.8" stroke-linejoin="round" />
    </>
  ),
};
shapes.whatsapp_infobip = shapes.whatsapp;

function other() {
  return <circle cx="12" cy="12" r="10" fill="none" stroke="#6b7486" stroke-width="2" />;
}

// ChannelIcon is the icon alone; withName puts the type's name beside it.
export function ChannelIcon({ type, withName }: { type: string; withName?: boolean }) {
  const name = channelLabel(type);
  const shape = shapes[type] ?? other;
  return (
    <span class="channel-type" data-testid="channel-icon" data-type={type} title={name}>
      <svg
        class="channel-icon"
        width={size}
        height={size}
        viewBox="0 0 24 24"
        role={withName ? undefined : 'img'}
        aria-label={withName ? undefined : name}
        aria-hidden={withName ? true : undefined}
      >
        {shape()}
      </svg>
      {withName && <span class="channel-type-name">{name}</span>}
    </span>
  );
}

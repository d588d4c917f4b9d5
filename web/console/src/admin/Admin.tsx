// The admin screens: agents, rooms, queues, channels, pause reasons,
// topics, chat statuses, contact fields, duplicate rules and accounts for
// admins; supervisors see the agents alone, to follow and set their statuses.
import { useState } from 'preact/hooks';
import { t, type Key } from '../i18n';
import { store } from '../state';
import { Accounts } from './Accounts';
import { Agents } from './Agents';
import { ChatStatuses } from './ChatStatuses';
import { Channels } from './Channels';
import { ContactFields } from './ContactFields';
import { DuplicateRules } from './DuplicateRules';
import { PauseReasons } from './PauseReasons';
import { Queues } from './Queues';
import { QuickReplies } from './QuickReplies';
import { Rooms } from './Rooms';
import { Topics } from './Topics';

type Section = 'agents' | 'rooms' | 'queues' | 'channels' | 'pause-reasons' | 'quick-replies' | 'topics' | 'chat-statuses' | ContactSection;
type ContactSection = 'contact-fields' | 'duplicate-rules' | 'accounts';

const allSections: { name: Section; label: Key }[] = [
  { name: 'agents', label: 'admin.agents' },
  { name: 'rooms', label: 'admin.rooms' },
  { name: 'queues', label: 'admin.queues' },
  { name: 'channels', label: 'admin.channels' },
  { name: 'pause-reasons', label: 'admin.pauseReasons' },
  { name: 'quick-replies', label: 'admin.quickReplies' },
  { name: 'topics', label: 'admin.topics' },
  { name: 'chat-statuses', label: 'admin.chatStatuses' },
  { name: 'contact-fields', label: 'admin.contactFields' },
  { name: 'duplicate-rules', label: 'admin.duplicateRules' },
  { name: 'accounts', label: 'admin.accounts' },
];

export function Admin() {
  const [section, setSection] = useState<Section>('agents');
  const isAdmin = store.use((s) => s.me?.agent.role === 'admin');
  const sections = isAdmin ? allSections : allSections.filter((s) => s.name === 'agents' || s.name === 'quick-replies');
  return (
    <div class="admin">
      <nav class="admin-nav" aria-label={t('admin.sections')}>
        <h2>{t('admin.title')}</h2>
        {sections.map((s) => (
          <button
            key={s.name}
            class={`admin-nav-btn ${section === s.name ? 'active' : ''}`}
            data-testid={`admin-${s.name}`}
            aria-current={section === s.name ? 'page' : undefined}
            onClick={() => setSection(s.name)}
          >
            {t(s.label)}
          </button>
        ))}
      </nav>
      <section class="admin-body">
        {section === 'agents' && <Agents />}
        {section === 'rooms' && <Rooms />}
        {section === 'queues' && <Queues />}
        {section === 'channels' && <Channels />}
        {section === 'pause-reasons' && <PauseReasons />}
        {section === 'quick-replies' && <QuickReplies />}
        {section === 'topics' && <Topics />}
        {section === 'chat-statuses' && <ChatStatuses />}
        {section === 'contact-fields' && <ContactFields />}
        {section === 'duplicate-rules' && <DuplicateRules />}
        {section === 'accounts' && <Accounts />}
      </section>
    </div>
  );
}

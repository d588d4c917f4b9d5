// One channel's form: its type (when new), name, queue, welcome and switch; the
// widget's pre-chat form and snippet; a messenger's settings, secrets, approved
// templates and webhook.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { api } from '../api/client';
import type { ChannelInput } from '../api/channels';
import type { Channel, ChannelTypeSpec, MessageTemplate, PrechatField, Queue } from '../api/types';
import { channelLabel } from '../components/channelName';
import { ChannelSettings } from './ChannelSettings';
import { Editor, Field } from './Editor';
import { PrechatEditor } from './PrechatEditor';
import { Snippet } from './Snippet';
import { TemplateEditor } from './TemplateEditor';
import { Webhook } from './Webhook';

interface Props {
  channel: Channel | null;
  types: ChannelTypeSpec[];
  queues: Queue[];
  onSaved: (c: Channel) => void;
  onDone: () => void;
}

const widget = 'webchat';

export function ChannelForm({ channel, types, queues, onSaved, onDone }: Props) {
  const [type, setType] = useState(channel?.type ?? widget);
  const [name, setName] = useState(channel?.name ?? '');
  const [queueId, setQueueId] = useState(channel?.queue_id ?? queues[0]?.id ?? 0);
  const [welcome, setWelcome] = useState(channel?.welcome_message ?? '');
  const [active, setActive] = useState(channel?.active ?? true);
  const [fields, setFields] = useState<PrechatField[]>(channel?.prechat_fields ?? []);
  const [settings, setSettings] = useState<Record<string, string>>(channel?.settings ?? {});
  // secrets hold only what the admin typed: a secret left out keeps its value.
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [templates, setTemplates] = useState<MessageTemplate[]>(channel?.templates ?? []);
  const spec = types.find((s) => s.type === type);

  async function save() {
    const body: ChannelInput = { name, queue_id: queueId, welcome_message: welcome, active };
    if (!channel) body.type = type;
    if (type === widget) {
      body.prechat_fields = fields;
    } else if (spec) {
      body.settings = settingsPatch(spec, settings, channel?.settings ?? {});
      body.secrets = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v.trim() !== ''));
      if (spec.templates) body.templates = templates;
    }
    // A new channel stays open after saving so that its snippet or webhook can be copied at once.
    const saved = channel
      ? await api.patch<Channel>(`/api/v1/channels/${channel.id}`, body)
      : await api.post<Channel>('/api/v1/channels', body);
    setSecrets({});
    onSaved(saved);
  }

  return (
    <Editor title={channel ? channel.name : t('admin.newChannel')} onSave={save} onCancel={onDone}>
      {channel && type === widget && <Snippet publicKey={channel.public_key} />}
      {channel?.webhook_path && <Webhook channelId={channel.id} path={channel.webhook_path} connectable={!!spec?.connectable} />}
      {channel && spec?.polled && <p class="hint">{t('admin.polledHelp')}</p>}
      <div class="grid-2">
        <Field label={t('admin.channelType')}>
          <select
            data-testid="admin-channel-type"
            value={type}
            disabled={!!channel}
            onChange={(e) => {
              // Another type has other settings: nothing typed for the first carries over.
              setType(e.currentTarget.value);
              setSettings({});
              setSecrets({});
            }}
          >
            <option value={widget}>{channelLabel(widget)}</option>
            {types.map((s) => (
              <option key={s.type} value={s.type}>
                {channelLabel(s.type)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('admin.name')}>
          <input data-testid="admin-channel-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t('admin.queue')}>
          <select data-testid="admin-channel-queue" value={queueId} onChange={(e) => setQueueId(Number(e.currentTarget.value))}>
            {queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t('admin.welcome')}>
        <textarea rows={2} maxLength={2000} value={welcome} onInput={(e) => setWelcome(e.currentTarget.value)} />
      </Field>
      <label class="check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        <span>{t('admin.active')}</span>
      </label>
      {type === widget && <PrechatEditor fields={fields} onChange={setFields} />}
      {type !== widget && spec && (
        <ChannelSettings
          spec={spec}
          settings={settings}
          onSetting={(k, v) => setSettings((s) => ({ ...s, [k]: v }))}
          secrets={secrets}
          onSecret={(k, v) => setSecrets((s) => ({ ...s, [k]: v }))}
          secretsSet={channel?.secrets_set ?? []}
        />
      )}
      {type !== widget && spec?.templates && <TemplateEditor list={templates} onChange={setTemplates} />}
    </Editor>
  );
}

// settingsPatch is what changed among the type's settings: a new value, or an
// empty string for one emptied, which removes it on the server.
function settingsPatch(spec: ChannelTypeSpec, now: Record<string, string>, before: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of spec.settings) {
    const v = (now[s.key] ?? '').trim();
    if (v !== (before[s.key] ?? '')) out[s.key] = v;
  }
  return out;
}

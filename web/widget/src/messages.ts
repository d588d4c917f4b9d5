// One message's element: text always as text, files through FileViews, system
// messages rendered from their code in the reader's language.

import type { Message } from "./types";
import type { Pending } from "./outbox";
import type { FileViews } from "./files";
import { h } from "./dom";
import { systemText, t } from "./i18n";

export function messageView(m: Message, files: FileViews): HTMLElement {
  const author = m.kind === "system" ? "system" : m.author.kind;
  const text = m.kind === "system" ? systemText(m.code) : m.text;
  const el = h("div", { class: `message ${author}`, "data-testid": "message", "data-author": author, "data-message-id": String(m.id) });
  if (text) el.append(h("div", { class: "text", "data-testid": "message-text" }, text));
  for (const f of m.files || []) el.append(files.view(f));
  if (author !== "system") el.append(h("div", { class: "meta" }, time(m.created_at)));
  return el;
}

// pendingView shows a message not yet acknowledged; its files are named only,
// since the server serves a file once it belongs to a message.
export function pendingView(p: Pending): HTMLElement {
  const el = h("div", { class: "message contact pending", "data-testid": "message", "data-author": "contact", "data-pending": "true" });
  if (p.text) el.append(h("div", { class: "text", "data-testid": "message-text" }, p.text));
  for (const f of p.files) el.append(h("div", { class: "file" }, f.name));
  el.append(h("div", { class: "meta" }, t.sending));
  return el;
}

function time(iso: string): string {
  const d = new Date(iso);
  return isNaN(d.getTime()) ? "" : d.toLocaleTimeString(navigator.language, { hour: "2-digit", minute: "2-digit" });
}

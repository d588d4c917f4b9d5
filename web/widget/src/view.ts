// The widget's elements inside its shadow root: the launcher with its unread
// badge and the panel with the conversation, the pre-chat form and the composer.

import type { PrechatField } from "./types";
import { h, icons, svg } from "./dom";
import { t } from "./i18n";

export interface ViewActions {
  toggle(): void;
  send(text: string): void;
  typing(): void;
  attach(files: File[]): void;
  prechat(values: Record<string, string>): void;
}

export class View {
  readonly launcher: HTMLButtonElement;
  readonly badge = h("span", { class: "badge", "data-testid": "unread-badge", hidden: true });
  readonly panel: HTMLElement;
  readonly log = h("div", { class: "log", role: "log", "aria-live": "polite" });
  readonly welcome = h("div", { class: "welcome", "data-testid": "welcome", hidden: true });
  readonly typingIndicator = h("div", { class: "typing", "data-testid": "typing-indicator", hidden: true }, t.typing);
  readonly connection = h("span", { class: "connection", "data-testid": "connection-state", "data-state": "reconnecting" }, t.reconnecting);
  readonly error = h("div", { class: "error", "data-testid": "error", role: "alert", hidden: true });
  readonly prechatForm = h("form", { class: "prechat", hidden: true });
  readonly composer: HTMLFormElement;
  readonly input = h("textarea", { "data-testid": "composer-input", rows: "1", placeholder: t.placeholder, "aria-label": t.placeholder });
  private errorTimer = 0;
  // stick says whether the log follows new messages: it does until the visitor
  // scrolls up to read older ones.
  private stick = true;

  constructor(
    readonly root: ShadowRoot,
    private readonly act: ViewActions,
  ) {
    // Hidden until the session has started: before that there is nothing to do.
    this.launcher = h("button", { class: "launcher", type: "button", "data-testid": "launcher", "aria-label": t.open, hidden: true, onclick: () => act.toggle() }, svg(icons.chat), this.badge);
    this.composer = this.buildComposer();
    const close = h("button", { class: "close", type: "button", "aria-label": t.close, onclick: () => act.toggle() }, svg(icons.close));
    const header = h("header", {}, h("div", { class: "title" }, t.title, this.connection), close);
    this.panel = h("section", { class: "panel", "data-testid": "panel", hidden: true, role: "dialog", "aria-label": t.title }, header, this.log, this.error, this.prechatForm, this.composer);
    root.append(this.launcher, this.panel);
    this.log.addEventListener("scroll", () => (this.stick = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40));
    this.log.addEventListener("load", () => this.follow(), true); // a picture grew the log
  }

  private buildComposer(): HTMLFormElement {
    const fileInput = h("input", { type: "file", "data-testid": "composer-file-input", class: "file-input", tabindex: "-1" });
    fileInput.addEventListener("change", () => {
      this.stick = true;
      this.act.attach(Array.from(fileInput.files || []));
      fileInput.value = "";
    });
    const attach = h("button", { type: "button", class: "attach", "aria-label": t.attach, title: t.attach, onclick: () => fileInput.click() }, svg(icons.clip));
    const send = h("button", { type: "submit", class: "send", "data-testid": "composer-send", "aria-label": t.send, title: t.send }, svg(icons.send));
    const submit = () => {
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = "";
      this.stick = true;
      this.act.send(text);
    };
    this.input.addEventListener("input", () => this.act.typing());
    // Enter sends, Shift+Enter breaks the line. Some input paths (automation,
    // a few IMEs) deliver the Enter's line break even when its keydown was
    // cancelled, so the break that follows a send is dropped too.
    let sentByEnter = false;
    this.input.addEventListener("keydown", (e) => {
      sentByEnter = false;
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        sentByEnter = true;
        submit();
      }
    });
    this.input.addEventListener("beforeinput", (e) => {
      if (sentByEnter && e.inputType === "insertLineBreak") e.preventDefault();
      sentByEnter = false;
    });
    const form = h("form", { class: "composer" }, attach, fileInput, this.input, send);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      submit();
    });
    return form;
  }

  setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.launcher.classList.toggle("open", open);
    this.launcher.setAttribute("aria-label", open ? t.close : t.open);
    if (open) {
      this.stick = true;
      requestAnimationFrame(() => this.follow());
    }
  }

  setUnread(n: number): void {
    this.badge.hidden = n === 0;
    this.badge.textContent = n > 9 ? "9+" : String(n);
    this.badge.setAttribute("aria-label", `${n} ${t.unread}`);
  }

  setOnline(online: boolean): void {
    this.connection.dataset.state = online ? "online" : "reconnecting";
    this.connection.textContent = online ? t.online : t.reconnecting;
  }

  setWelcome(text: string): void {
    this.welcome.textContent = text;
    this.welcome.hidden = !text;
  }

  setTyping(on: boolean): void {
    this.typingIndicator.hidden = !on;
    if (on) this.follow();
  }

  // setMessages puts the message elements in order; existing elements are moved,
  // not rebuilt, so image previews are not fetched again.
  setMessages(els: HTMLElement[]): void {
    this.log.replaceChildren(this.welcome, ...els, this.typingIndicator);
    this.follow();
  }

  private follow(): void {
    if (this.stick) this.log.scrollTop = this.log.scrollHeight;
  }

  showError(text: string): void {
    this.error.textContent = text;
    this.error.hidden = false;
    clearTimeout(this.errorTimer);
    this.errorTimer = window.setTimeout(() => (this.error.hidden = true), 8000);
  }

  // showPrechat asks for the channel's pre-chat fields instead of the composer.
  showPrechat(fields: PrechatField[]): void {
    const inputs = fields.map((f) => {
      const type = f.name === "email" ? "email" : f.name === "phone" ? "tel" : "text";
      const input = h("input", { type, name: f.name, "data-testid": "prechat-" + f.name, required: f.required });
      return { f, input, row: h("label", {}, h("span", {}, fieldLabel(f) + (f.required ? " *" : "")), input) };
    });
    const submit = h("button", { type: "submit", "data-testid": "prechat-submit" }, t.start);
    this.prechatForm.replaceChildren(h("p", {}, t.prechatIntro), ...inputs.map((i) => i.row), submit);
    this.prechatForm.onsubmit = (e) => {
      e.preventDefault();
      const values: Record<string, string> = {};
      for (const { f, input } of inputs) {
        if (f.required && !input.value.trim()) return this.showError(t.required);
        if (input.value.trim()) values[f.name] = input.value.trim();
      }
      this.act.prechat(values);
    };
    this.prechatForm.hidden = false;
    this.composer.hidden = true;
  }

  showComposer(): void {
    this.prechatForm.hidden = true;
    this.composer.hidden = false;
  }
}

function fieldLabel(f: PrechatField): string {
  if (f.label) return f.label;
  return f.name === "name" ? t.fieldName : f.name === "email" ? t.fieldEmail : f.name === "phone" ? t.fieldPhone : f.name;
}

// A small element builder. Strings become text nodes, never markup, so text from
// visitors and agents cannot inject anything.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | EventListener | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, "");
    else if (typeof value === "string") el.setAttribute(name, value);
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

// svg builds an icon from a fixed path of ours (never from data).
export function svg(path: string): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const el = document.createElementNS(ns, "svg");
  el.setAttribute("viewBox", "0 0 24 24");
  el.setAttribute("aria-hidden", "true");
  const p = document.createElementNS(ns, "path");
  p.setAttribute("d", path);
  el.append(p);
  return el;
}

export const icons = {
  chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z",
  close: "M6 6l12 12M18 6L6 18",
  clip: "M16.5 6.5l-7.8 7.8a2 2 0 0 0 2.8 2.8l7.8-7.8a4 4 0 0 0-5.7-5.7L5.8 11.4a6 6 0 0 0 8.5 8.5l6.4-6.4",
  send: "M3 20l18-8L3 4v6l12 2-12 2z",
};

export function randomID(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return "w-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

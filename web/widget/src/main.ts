// Entry point of the embed snippet
//   <script src="{origin}/widget.js" data-parley-key="wc_…" async></script>
// The API is at the script's own origin. Everything is drawn inside the open shadow
// root of one <div id="parley-widget">, the only thing added to the host page.

import css from "./style.css?inline";
import { Widget } from "./widget";

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript as HTMLScriptElement | null;
  if (current?.dataset.parleyKey) return current;
  return document.querySelector<HTMLScriptElement>("script[data-parley-key]");
}

// Read now: document.currentScript is only set while the script first runs.
const script = ownScript();

function mount(): void {
  const key = script?.dataset.parleyKey;
  if (!script || !key || document.getElementById("parley-widget")) return;
  const host = document.createElement("div");
  host.id = "parley-widget";
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = css;
  root.append(style);
  document.body.append(host);
  new Widget(new URL(script.src, location.href).origin, key, root).start();
}

if (document.body) mount();
else document.addEventListener("DOMContentLoaded", mount);

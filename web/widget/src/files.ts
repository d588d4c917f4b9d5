// Files in messages: image previews and downloads are fetched with the visitor's
// bearer header and shown through blob: URLs, made once per file.

import type { Api } from "./api";
import type { FileInfo } from "./types";
import { h } from "./dom";
import { t } from "./i18n";

export class FileViews {
  private urls = new Map<string, Promise<string>>();

  constructor(
    private readonly api: Api,
    private readonly root: ShadowRoot,
  ) {}

  private url(id: string, preview: boolean): Promise<string> {
    const key = (preview ? "p:" : "f:") + id;
    let u = this.urls.get(key);
    if (!u) {
      u = this.api.blob(id, preview).then((b) => URL.createObjectURL(b));
      u.catch(() => this.urls.delete(key)); // try again the next time it is shown
      this.urls.set(key, u);
    }
    return u;
  }

  view(f: FileInfo): HTMLElement {
    return f.image ? this.image(f) : this.link(f);
  }

  private image(f: FileInfo): HTMLElement {
    const img = h("img", { "data-testid": "message-image", alt: f.name, class: "image" });
    if (f.width && f.height) img.style.aspectRatio = `${f.width} / ${f.height}`;
    this.url(f.id, true)
      .catch(() => this.url(f.id, false))
      .then((u) => (img.src = u))
      .catch(() => img.replaceWith(this.link(f)));
    img.addEventListener("click", () => this.download(f));
    return img;
  }

  private link(f: FileInfo): HTMLElement {
    const a = h("a", { "data-testid": "message-file", href: "#", class: "file", title: t.download }, f.name);
    a.addEventListener("click", (e) => {
      e.preventDefault();
      this.download(f);
    });
    return a;
  }

  // download saves the file under its name through a temporary link inside the
  // shadow root (the browser cannot follow an authenticated URL by itself).
  private async download(f: FileInfo): Promise<void> {
    const u = await this.url(f.id, false);
    const a = h("a", { href: u, download: f.name, hidden: true });
    this.root.append(a);
    a.click();
    a.remove();
  }
}

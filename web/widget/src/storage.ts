// What the widget keeps in the host page's localStorage, keyed by the channel key
// so that two widgets of different channels on one site do not mix. Storage may be
// blocked (private modes, sandboxed frames): the widget then works for the page's life.

export class Store {
  constructor(private readonly key: string) {}

  get(name: string): string {
    try {
      return localStorage.getItem(`parley:${this.key}:${name}`) || "";
    } catch {
      return "";
    }
  }

  set(name: string, value: string): void {
    try {
      if (value) localStorage.setItem(`parley:${this.key}:${name}`, value);
      else localStorage.removeItem(`parley:${this.key}:${name}`);
    } catch {
      // not kept: see above
    }
  }
}

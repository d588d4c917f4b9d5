// Messages written but not yet acknowledged. They are kept in storage too, so a
// reload before the acknowledgement sends them again with the same client_id,
// which the server deduplicates: nothing is lost and nothing doubled.

import type { FileInfo } from "./types";
import type { Store } from "./storage";

export interface Pending {
  client_id: string;
  text: string;
  files: FileInfo[];
}

export class Outbox {
  private items: Pending[];

  constructor(private readonly store: Store) {
    try {
      this.items = JSON.parse(store.get("outbox") || "[]");
    } catch {
      this.items = [];
    }
  }

  all(): readonly Pending[] {
    return this.items;
  }

  add(p: Pending): void {
    this.items.push(p);
    this.save();
  }

  remove(clientID: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((p) => p.client_id !== clientID);
    this.save();
    return this.items.length !== before;
  }

  private save(): void {
    this.store.set("outbox", this.items.length ? JSON.stringify(this.items) : "");
  }
}

// frame is what the websocket carries for a pending message.
export function frame(p: Pending): object {
  return { type: "message", client_id: p.client_id, text: p.text, file_ids: p.files.map((f) => f.id) };
}

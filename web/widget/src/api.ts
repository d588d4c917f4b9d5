// REST calls to the Parley server, authenticated with the visitor's bearer token.

import type { Chat, FileInfo, Message, Session } from "./types";

// ApiError carries the HTTP status (0: the network failed) so the UI can say why.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class Api {
  token = "";

  constructor(readonly origin: string) {}

  private async request(method: string, path: string, body?: BodyInit, json = true): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.token) headers.Authorization = "Bearer " + this.token;
    if (body !== undefined && json) headers["Content-Type"] = "application/json";
    let res: Response;
    try {
      res = await fetch(this.origin + path, { method, headers, body });
    } catch (e) {
      throw new ApiError(0, String(e));
    }
    if (!res.ok) {
      let msg = res.statusText;
      try {
        msg = (await res.json()).error.message;
      } catch {
        // the body is not the API's error: keep the status text
      }
      throw new ApiError(res.status, msg);
    }
    return res;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body === undefined ? undefined : JSON.stringify(body));
    return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
  }

  startSession(key: string, token: string, fields?: Record<string, string>): Promise<Session> {
    const visitor = {
      page_url: location.href,
      referrer: document.referrer,
      language: navigator.language,
      time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    };
    return this.call("POST", "/api/v1/widget/sessions", { key, token: token || undefined, visitor, fields });
  }

  sendFields(fields: Record<string, string>): Promise<unknown> {
    return this.call("PATCH", "/api/v1/widget/visitor", { visitor: {}, fields });
  }

  async chats(): Promise<Chat[]> {
    return (await this.call<{ chats: Chat[] }>("GET", "/api/v1/widget/chats?limit=5")).chats;
  }

  async messages(chatID: number): Promise<Message[]> {
    return (await this.call<{ messages: Message[] }>("GET", `/api/v1/widget/chats/${chatID}/messages?limit=1000`)).messages;
  }

  async upload(file: File): Promise<FileInfo> {
    const form = new FormData();
    form.append("file", file, file.name);
    return (await this.request("POST", "/api/v1/widget/files", form, false)).json();
  }

  // blob fetches a file with the bearer header: an <img src> could not send it.
  async blob(fileID: string, preview: boolean): Promise<Blob> {
    const path = `/api/v1/widget/files/${encodeURIComponent(fileID)}` + (preview ? "/preview" : "");
    return (await this.request("GET", path)).blob();
  }
}

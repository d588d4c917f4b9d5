// The parts of the server's JSON that the widget reads.

export interface FileInfo {
  id: string;
  name: string;
  content_type: string;
  size: number;
  image: boolean;
  width?: number;
  height?: number;
}

export interface Message {
  id: number;
  chat_id: number;
  seq: number;
  author: { kind: "contact" | "agent" | "system"; id?: number };
  kind: string; // "text", "welcome", "system"
  code?: string; // for kind "system": what happened, rendered in the reader's language
  text: string;
  client_id?: string;
  files?: FileInfo[];
  created_at: string;
}

export interface Chat {
  id: number;
  state: string;
}

export interface PrechatField {
  name: string;
  label: string;
  required: boolean;
}

export interface Session {
  token: string;
  channel: { name: string; welcome_message: string; prechat_fields?: PrechatField[] | null };
  chat?: Chat;
  limits?: { max_file_bytes: number; file_types: string[] };
}

export interface ServerEvent {
  id?: number;
  kind: string;
  chat_id?: number;
  data: unknown;
}

// Files attached to the reply being written: each is uploaded as soon as it is
// added, and the reply waits until all are.
import { useState } from 'preact/hooks';
import { upload } from '../actions/files';
import type { FileInfo } from '../api/types';

export interface Attachment {
  key: number;
  name: string;
  file?: FileInfo; // set once uploaded
}

export interface Attachments {
  list: Attachment[];
  uploading: boolean;
  add: (files: File[]) => void;
  remove: (key: number) => void;
  clear: () => void;
}

const maxFiles = 10;
let nextKey = 1;

export function useAttachments(): Attachments {
  const [list, setList] = useState<Attachment[]>([]);

  function add(files: File[]) {
    const room = maxFiles - list.length;
    for (const file of files.slice(0, Math.max(0, room))) {
      const key = nextKey++;
      setList((a) => [...a, { key, name: file.name }]);
      void upload(file).then((info) =>
        setList((a) => (info ? a.map((x) => (x.key === key ? { ...x, file: info } : x)) : a.filter((x) => x.key !== key))),
      );
    }
  }

  return {
    list,
    uploading: list.some((a) => !a.file),
    add,
    remove: (key) => setList((a) => a.filter((x) => x.key !== key)),
    clear: () => setList([]),
  };
}

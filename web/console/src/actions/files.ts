// Uploading files before they are sent with a message.
import { formatSize, t } from '../i18n';
import { ApiError, api } from '../api/client';
import type { FileInfo } from '../api/types';
import { store } from '../state';
import { errorText, toast } from './toast';

const defaultMaxBytes = 10 * 1024 * 1024;

function maxBytes(): number {
  return store.get().me?.limits?.max_file_bytes || defaultMaxBytes;
}

// upload sends one file; it returns null, after telling the agent why, when the
// file is too large or of a refused type.
export async function upload(file: File): Promise<FileInfo | null> {
  const max = maxBytes();
  if (file.size > max) {
    toast(t('err.fileTooLarge', { name: file.name, max: formatSize(max) }));
    return null;
  }
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    return await api.upload<FileInfo>('/api/v1/files', form);
  } catch (err) {
    if (err instanceof ApiError && err.status === 413) {
      toast(t('err.fileTooLarge', { name: file.name, max: formatSize(max) }));
    } else if (err instanceof ApiError && err.status === 415) {
      toast(t('err.fileType', { name: file.name }));
    } else {
      toast(errorText(err));
    }
    return null;
  }
}

export function fileURL(id: string): string {
  return `/api/v1/files/${encodeURIComponent(id)}`;
}

export function previewURL(id: string): string {
  return `/api/v1/files/${encodeURIComponent(id)}/preview`;
}

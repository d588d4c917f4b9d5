// A small client for the REST API: JSON in and out, cookie authentication, and the
// CSRF token the server requires on every cookie-authenticated write.

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

// onUnauthorized is called when a request finds the session gone (401).
let onUnauthorized: () => void = () => {};

export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (!safeMethods.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'network error');
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const err = data?.error ?? {};
    if (res.status === 401 && path !== '/api/v1/auth/login') onUnauthorized();
    throw new ApiError(res.status, err.code ?? 'internal', err.message ?? res.statusText);
  }
  return data as T;
}

// listOf takes a list answer as either a bare array or { items: [...] }.
function listOf<T>(r: T[] | { items: T[] } | null): T[] {
  if (Array.isArray(r)) return r;
  return r?.items ?? [];
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  // list reads a list of items, whichever of the two shapes the endpoint answers with.
  list: <T>(path: string) => request<T[] | { items: T[] }>('GET', path).then(listOf),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
};

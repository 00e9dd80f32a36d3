import { toApiProblem, unwrap, type ResponseOf } from '@jixiao/api-client';
import { currentLocale } from '@/locales';
import { tokenStorage } from '@/utils/token-storage';
import { api } from './http';

export type StoredFile = ResponseOf<'/api/v1/files/{id}', 'get'>;

/** The UTF-8 name of a download (RFC 5987 `filename*`), else the plain `filename`, else the fallback. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1] : fallback;
}

/** Hands a downloaded blob to the browser as a file. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A multipart body with one `file` part and text fields, for the upload routes. */
export function uploadForm(file: File, fields: Record<string, string | number>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, String(value));
  form.append('file', file, file.name);
  return form;
}

/** Multipart bodies go out as they are (the typed body of these routes is their JSON form). */
export const asIs = (body: unknown) => body as string;

export const filesApi = {
  get: (id: string) => unwrap(api.GET('/api/v1/files/{id}', { params: { path: { id } } })),
  upload: (organizationId: string, file: File) =>
    unwrap(
      api.POST('/api/v1/files', {
        body: uploadForm(file, { organizationId }) as never,
        bodySerializer: asIs,
      }),
    ),
  async download(id: string, fallback = 'file'): Promise<void> {
    const { data, error, response } = await api.GET('/api/v1/files/{id}', { params: { path: { id }, query: { alt: 'media' } }, parseAs: 'blob' });
    if (!response.ok || !(data instanceof Blob)) return void (await unwrap(Promise.resolve({ data: undefined, error, response })));
    saveBlob(data, filenameFromDisposition(response.headers.get('content-disposition'), fallback));
  },
};

/** Downloads what a GET route answers (a template, an export) as a file, with the list's query. */
export async function downloadFile(path: string, query: Record<string, unknown>, fallback: string): Promise<void> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '' && value !== null) params.set(key, String(value));
  const res = await fetch(`${path}${params.size ? `?${params}` : ''}`, {
    headers: { authorization: `Bearer ${tokenStorage.accessToken ?? ''}`, 'accept-language': currentLocale() },
  });
  if (!res.ok) throw toApiProblem(await res.json().catch(() => null), res);
  saveBlob(await res.blob(), filenameFromDisposition(res.headers.get('content-disposition'), fallback));
}

/**
 * Uploads a workbook to an import route with XMLHttpRequest so the upload progress can be shown
 * (fetch has no upload progress). Resolves with the answer; rejects with an ApiProblem whose body
 * carries the cell errors.
 */
export function uploadWorkbook<T>(path: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('authorization', `Bearer ${tokenStorage.accessToken ?? ''}`);
    xhr.setRequestHeader('accept-language', currentLocale());
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(toApiProblem(body, new Response(null, { status: xhr.status })));
    };
    xhr.onerror = () => reject(toApiProblem(new Error('network error')));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

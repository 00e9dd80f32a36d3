import { unwrap, type ResponseOf } from '@jixiao/api-client';
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

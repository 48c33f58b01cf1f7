import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/result';

/** Downloads an export (JSON or Loop's zip) through the authenticated client, then saves it as a file. */
export function useExport() {
  return useMutation({
    mutationFn: async (format: 'json' | 'loop') => {
      const call = format === 'json' ? api.GET('/api/export', { parseAs: 'blob' }) : api.GET('/api/export/loop', { parseAs: 'blob' });
      const { data, response } = await call;
      if (!response.ok || !data) throw new ApiError(response.status, 'The export failed. Try again in a moment.');
      const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? (format === 'json' ? 'habits.json' : 'habits-loop.zip');
      save(data, name);
    },
  });
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Sends our JSON export or Loop's zip as it is (its own content type); everything is refetched after. */
export function useImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const zip = file.name.toLowerCase().endsWith('.zip') || file.type.includes('zip');
      return unwrap(
        api.POST('/api/import', {
          body: file as never, // the raw file is the body: JSON or zip bytes, sent untouched
          bodySerializer: (body: unknown) => body as Blob,
          headers: { 'Content-Type': zip ? 'application/zip' : 'application/json' },
        }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

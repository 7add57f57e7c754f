import { ApiError } from '../api/http.ts';
import { activeToken, useSession } from '../api/session.ts';

/** Downloads an export as the current caller (staff exports include what only staff may see). */
export async function downloadFromApi(path: string, filename: string): Promise<void> {
  const token = activeToken(useSession.getState());
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiError(`${response.status} ${response.statusText}`, response.status);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

// The read-only API. Paths are relative so the page works wherever it is mounted.
export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && (body.detail || body.title) ? (body.detail || body.title) : `HTTP ${response.status}`;
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return body;
}

export function apiPath(path, query) {
  const search = new URLSearchParams(Object.entries(query || {}).filter(([, v]) => v !== null && v !== undefined && v !== ''));
  const tail = search.toString();
  return `api/${path}${tail ? `?${tail}` : ''}`;
}

// The ops API: the key kept for this tab, and the calls that send it.

const KEY_STORAGE = 'meetingLinks.opsKey';

// ---- The key: only in sessionStorage, so it dies with the tab. ----

export function readKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}

export function storeKey(key) {
  try {
    sessionStorage.setItem(KEY_STORAGE, key);
    return true;
  } catch {
    return false;
  }
}

export function dropKey() {
  try {
    sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Nothing was stored.
  }
}

// ---- Calls ----

// A failed call is thrown as { kind: 'network' }, or as { kind: 'http', status, title, detail, errors, retryAfter }.
async function problemFrom(response) {
  const error = { kind: 'http', status: response.status, title: '', detail: '', errors: null, retryAfter: response.headers.get('Retry-After') };
  try {
    const body = await response.json();
    if (body && typeof body === 'object') {
      error.title = typeof body.title === 'string' ? body.title : '';
      error.detail = typeof body.detail === 'string' ? body.detail : '';
      error.errors = body.errors && typeof body.errors === 'object' ? body.errors : null;
    }
  } catch {
    // Not problem+json (a proxy's page, say): the status says enough.
  }
  return error;
}

export async function callApi(path, params, method = 'GET') {
  const query = params ? params.toString() : '';
  let response;
  try {
    // Relative to the page at /api/ops (fetch resolves against the document, not this module).
    response = await fetch(query ? `${path}?${query}` : path, {
      method,
      headers: { 'x-api-key': readKey(), Accept: 'application/json, text/csv' },
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw { kind: 'network' };
  }
  if (!response.ok) throw await problemFrom(response);
  return response;
}

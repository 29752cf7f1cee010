// The embed's browser-session id (ADR 114): a third-party iframe may get no cookie at all, so
// the frame keeps its own id, 24 random bytes like the bk_session cookie, and sends it with its
// actions. sessionStorage keeps it across a reload of the frame where the browser allows it;
// where storage is blocked too it lives for the page's lifetime.

const KEY = "booking-embed-session";
let inMemory: string | null = null;

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function keptSession(): string {
  if (inMemory) return inMemory;
  const store = storage();
  let id: string | null = null;
  try {
    id = store?.getItem(KEY) ?? null;
  } catch {
    id = null;
  }
  if (!id || !/^[A-Za-z0-9_-]{32,64}$/.test(id)) {
    id = randomId();
    try {
      store?.setItem(KEY, id);
    } catch {
      // Storage refused: the id lives in memory only.
    }
  }
  inMemory = id;
  return id;
}

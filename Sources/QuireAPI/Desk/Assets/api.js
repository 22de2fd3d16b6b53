// Every call the desk makes goes to Quire's public REST API with the caller's own credential,
// sent as an Authorization header (never a cookie, so another site cannot make the browser act).
const KEY = "quire.desk.credential";

export class ApiError extends Error {
  constructor(status, name, message, details) {
    super(message);
    this.status = status;
    this.name = name;
    this.details = details || {};
  }
}

export function credential() {
  return sessionStorage.getItem(KEY);
}

export function setCredential(value) {
  if (value) sessionStorage.setItem(KEY, value);
  else sessionStorage.removeItem(KEY);
}

export function headers(extra = {}) {
  const h = { Accept: "application/json", ...extra };
  const token = credential();
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

export async function api(method, path, body) {
  const init = { method, headers: headers(), credentials: "omit", cache: "no-store" };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) {
    const error = (json && json.error) || {};
    throw new ApiError(response.status, error.name || "Error", error.message || `${response.status} ${response.statusText}`, error.details);
  }
  return json;
}

// Strapi's query string, brackets and all: {filters: {documentId: {$eq: "x"}}} → filters[documentId][$eq]=x
export function query(params) {
  const parts = [];
  const walk = (prefix, value) => {
    if (value === undefined || value === null) return;
    if (typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}[${k}]` : k, v);
    } else {
      parts.push(`${encodeURIComponent(prefix).replace(/%5B/g, "[").replace(/%5D/g, "]")}=${encodeURIComponent(value)}`);
    }
  };
  walk("", params);
  return parts.length ? `?${parts.join("&")}` : "";
}

// The path of one document's routes: a collection's /api/<plural>/<id>, a single type's /api/<singular>.
export function documentPath(type, documentId) {
  return type.kind === "singleType" ? `/api/${type.singularName}` : `/api/${type.pluralName}/${encodeURIComponent(documentId)}`;
}

export async function signIn(identifier, password) {
  const response = await fetch("/api/auth/local", {
    method: "POST", credentials: "omit", cache: "no-store",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ identifier, password }),
  });
  const json = await response.json().catch(() => null);
  if (!response.ok || !json || !json.jwt) {
    const error = (json && json.error) || {};
    throw new ApiError(response.status, error.name || "Error", error.message || "Sign-in failed");
  }
  return json.jwt;
}

// Login for the site pages: OpenID Connect authorization code with PKCE (S256) on the public
// client trial-portal. The tokens stay in this tab's sessionStorage and are sent only to the gateway
// (the refresh token only to Keycloak). keepFresh() refreshes the access token before it expires;
// requests take bearer(), the newest token, at the time they are sent.

const STORE = "mdmaat.login";

async function config() {
  const answer = await fetch("/site/config.json");
  return answer.json();
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function random() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The page's address without the login's query parameters. */
function here() {
  const url = new URL(location.href);
  for (const p of ["code", "state", "session_state", "iss", "error", "error_description"]) url.searchParams.delete(p);
  return url.toString();
}

/** Sends the browser to Keycloak; it comes back to this page with a code. */
export async function login() {
  const { authServerUrl, clientId } = await config();
  const verifier = random();
  const state = random();
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  sessionStorage.setItem(STORE + ".pending", JSON.stringify({ verifier, state, redirect: here() }));
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    scope: "openid",
    redirect_uri: here(),
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  location.assign(authServerUrl + "/protocol/openid-connect/auth?" + query);
}

/** Finishes a login this page started (code in the address), once. */
async function finish() {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(STORE + ".pending") || "null");
  if (!params.has("code") || !pending) return;
  sessionStorage.removeItem(STORE + ".pending");
  history.replaceState(null, "", pending.redirect);
  if (params.get("state") !== pending.state) throw new Error("The login answer did not match this page's request.");
  const { authServerUrl, clientId } = await config();
  const answer = await fetch(authServerUrl + "/protocol/openid-connect/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: clientId,
      code: params.get("code"),
      redirect_uri: pending.redirect,
      code_verifier: pending.verifier,
    }),
  });
  if (!answer.ok) throw new Error("Keycloak refused the login (" + answer.status + ").");
  keep(await answer.json());
}

function keep(tokens) {
  sessionStorage.setItem(STORE, JSON.stringify({
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: Date.now() + tokens.expires_in * 1000,
  }));
}

function stored() {
  return JSON.parse(sessionStorage.getItem(STORE) || "null");
}

function claimsOf(token) {
  const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(decodeURIComponent(escape(atob(payload))));
}

/**
 * Swaps the refresh token for a new access token (Keycloak's token endpoint, the same public
 * client). Resolves to the new token, or null when Keycloak refuses (the login session ended).
 */
export async function refresh() {
  const current = stored();
  if (!current || !current.refreshToken) return null;
  const { authServerUrl, clientId } = await config();
  const answer = await fetch(authServerUrl + "/protocol/openid-connect/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", client_id: clientId, refresh_token: current.refreshToken }),
  });
  if (!answer.ok) return null;
  keep(await answer.json());
  return stored().accessToken;
}

/** When to refresh: a minute before the token expires (half way for a token of two minutes or less), at least 5 s on. */
export function refreshDelay(expiresAt, now = Date.now()) {
  const left = expiresAt - now;
  return Math.max(5000, left > 120000 ? left - 60000 : left / 2);
}

let timer;
/**
 * Keeps the access token fresh while the page is open (a dosing session lasts eight hours; the
 * realm's tokens live 15 minutes). onExpired is called when Keycloak refuses a refresh.
 */
export function keepFresh(onExpired = () => {}) {
  clearTimeout(timer);
  const current = stored();
  if (!current) return;
  timer = setTimeout(async () => {
    if (await refresh()) keepFresh(onExpired);
    else onExpired();
  }, refreshDelay(current.expiresAt));
}

let lastSent = null;

/** The current access token (the newest after a refresh), or null when none is valid. */
export function bearer() {
  const current = stored();
  if (!current || current.expiresAt <= Date.now()) return null;
  lastSent = current.accessToken;
  return current.accessToken;
}

/** The token the page last handed to a request (for the browser test of the refresh). */
export function lastBearer() {
  return lastSent;
}

/** The signed-in user's access token and its claims, or null. */
export async function signedIn() {
  await finish();
  const current = stored();
  if (!current || current.expiresAt <= Date.now()) return null;
  return { token: current.accessToken, claims: claimsOf(current.accessToken) };
}

export function logout() {
  clearTimeout(timer);
  sessionStorage.removeItem(STORE);
}

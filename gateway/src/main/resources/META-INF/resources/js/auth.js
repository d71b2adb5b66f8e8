// Login for the site pages: OpenID Connect authorization code with PKCE (S256) on the public
// client trial-portal. The tokens stay in this tab's sessionStorage and are sent only to the gateway.

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
  const tokens = await answer.json();
  sessionStorage.setItem(STORE, JSON.stringify({ accessToken: tokens.access_token, expiresAt: Date.now() + tokens.expires_in * 1000 }));
}

/** The signed-in user's access token and its claims, or null. */
export async function signedIn() {
  await finish();
  const stored = JSON.parse(sessionStorage.getItem(STORE) || "null");
  if (!stored || stored.expiresAt <= Date.now()) return null;
  const payload = stored.accessToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  const claims = JSON.parse(decodeURIComponent(escape(atob(payload))));
  return { token: stored.accessToken, claims };
}

export function logout() {
  sessionStorage.removeItem(STORE);
}

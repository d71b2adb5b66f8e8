// The gateway's JSON APIs, called from the page's own origin.

/** GET a JSON answer; throws an Error carrying the status and the problem's detail. */
export async function getJson(url, token, more = {}) {
  const headers = { Accept: "application/json", ...more };
  if (token) headers.Authorization = "Bearer " + token;
  const answer = await fetch(url, { headers });
  if (!answer.ok) throw await problem(answer);
  return answer.json();
}

/** POST JSON, answer JSON. */
export async function postJson(url, body, token) {
  const headers = { Accept: "application/json", "Content-Type": "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  const answer = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  if (!answer.ok) throw await problem(answer);
  return answer.json();
}

async function problem(answer) {
  let detail = answer.statusText;
  try {
    const p = await answer.json();
    detail = p.detail || p.title || detail;
  } catch (ignored) { /* not problem+json */ }
  const error = new Error(detail);
  error.status = answer.status;
  return error;
}

/** A text node, so that nothing a service sent is ever parsed as HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

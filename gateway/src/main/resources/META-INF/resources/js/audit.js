// The regulator's audit browser over the gateway's /api/audit (every service's chain, merged):
// filters, keyset pages (the answer's nextCursor), verification and export. Only the regulator
// role reads it; the gateway and the services refuse everyone else.
import { bearer, keepFresh, login, signedIn } from "/js/auth.js";
import { getJson, el } from "/js/api.js";

const form = document.getElementById("filters");
const state = document.getElementById("state");
const FILTERS = ["trialId", "participantCode", "entityType", "entityId", "actor"];
let cursors = [null];

function filters() {
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) query.set(name, value);
  }
  for (const name of ["from", "to"]) {
    const value = form.elements[name].value;
    if (value) query.set(name, new Date(value + "Z").toISOString());
  }
  return query;
}

function reasonHeader() {
  const reason = form.elements.reason.value.trim();
  return reason ? { "X-Access-Reason": reason } : {};
}

function exportLinks() {
  for (const format of ["ndjson", "csv"]) {
    const query = filters();
    query.set("format", format);
    document.getElementById("export-" + format).href = "/api/audit/export?" + query;
  }
}

async function load() {
  const query = filters();
  query.set("limit", form.elements.limit.value || "25");
  const cursor = cursors[cursors.length - 1];
  if (cursor) query.set("cursor", cursor);
  const table = document.getElementById("entries");
  try {
    const answer = await getJson("/api/audit?" + query, bearer(), reasonHeader());
    table.tBodies[0].replaceChildren(...answer.items.map((e) =>
      el("tr", { class: "entry" },
        el("td", {}, e.occurredAt),
        el("td", {}, e.service),
        el("td", {}, e.seq),
        el("td", {}, e.actor),
        el("td", {}, e.action),
        el("td", {}, e.entityType + " " + (e.entityId || "")),
        el("td", {}, e.participantCode || ""),
        el("td", {}, e.reason || ""))));
    table.hidden = answer.items.length === 0;
    state.textContent = answer.items.length
      ? answer.items.length + " entries on this page."
      : "No entries match the filters.";
    document.getElementById("page").textContent = "Page " + cursors.length;
    document.getElementById("first").hidden = cursors.length === 1;
    const next = document.getElementById("next");
    next.hidden = !answer.nextCursor;
    next.dataset.cursor = answer.nextCursor || "";
  } catch (e) {
    table.hidden = true;
    state.textContent = e.status === 403
      ? "Only a regulator may read the audit trail."
      : "The audit trail could not be read: " + e.message;
  }
}

async function verify() {
  const out = document.getElementById("verification");
  out.textContent = "Verifying…";
  try {
    const answer = await getJson("/api/audit/verify", bearer(), reasonHeader());
    out.replaceChildren(
      el("p", { id: "verdict", class: "banner " + (answer.intact ? "ok" : "critical") },
        answer.intact ? "INTACT: every service's chain verifies." : "NOT INTACT: see the services below."),
      el("ul", {}, ...answer.services.map((s) =>
        el("li", { "data-service": s.service }, s.service + ": " + s.status +
          (s.entriesChecked != null ? " (" + s.entriesChecked + " entries checked)" : "") +
          (s.problem ? " – " + s.problem : "")))));
  } catch (e) {
    out.textContent = "Verification could not run: " + e.message;
  }
}

/** The export needs the token, so it is fetched here and handed to the browser as a file. */
async function download(event) {
  event.preventDefault();
  const link = event.currentTarget;
  const out = document.getElementById("export-state");
  out.textContent = "Exporting…";
  try {
    const answer = await fetch(link.href, { headers: { Authorization: "Bearer " + bearer(), ...reasonHeader() } });
    if (!answer.ok) throw new Error("answered " + answer.status);
    const file = await answer.blob();
    const save = el("a", { href: URL.createObjectURL(file), download: link.getAttribute("download") });
    document.body.append(save);
    save.click();
    save.remove();
    out.textContent = "Exported " + link.getAttribute("download") + " (" + file.size + " bytes).";
  } catch (e) {
    out.textContent = "The export failed: " + e.message;
  }
}

const who = await signedIn();
if (!who) {
  await login();
} else {
  keepFresh(() => { state.textContent = "Your login has ended: reload the page to sign in again."; });
  document.getElementById("who").textContent = "· " + who.claims.preferred_username;
  const roles = (who.claims.realm_access && who.claims.realm_access.roles) || [];
  if (roles.length && !roles.includes("regulator")) {
    state.textContent = "Only a regulator may read the audit trail.";
  } else {
    const given = new URLSearchParams(location.search);
    for (const name of FILTERS) if (given.get(name)) form.elements[name].value = given.get(name);
    form.hidden = false;
    document.getElementById("tools").hidden = false;
    form.addEventListener("submit", (event) => { event.preventDefault(); cursors = [null]; exportLinks(); load(); });
    document.getElementById("next").addEventListener("click", (event) => { cursors.push(event.currentTarget.dataset.cursor); load(); });
    document.getElementById("first").addEventListener("click", () => { cursors = [null]; load(); });
    document.getElementById("verify").addEventListener("click", verify);
    for (const format of ["ndjson", "csv"]) document.getElementById("export-" + format).addEventListener("click", download);
    exportLinks();
    await load();
  }
}

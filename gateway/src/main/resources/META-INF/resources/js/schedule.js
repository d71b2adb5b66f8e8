// A site's upcoming sessions with their protocol windows (session-service's
// GET /api/sessions/sites/{site}/visits): only the signed-in user's own sites (the token's sites
// claim) are offered, and session-service answers 404 for any other.
import { bearer, keepFresh, login, signedIn } from "/js/auth.js";
import { getJson, el } from "/js/api.js";

const SIZE = 20;
const form = document.getElementById("filters");
const state = document.getElementById("state");
const KINDS = { PREPARATION: "Preparation", EXPERIMENTAL: "Dosing", INTEGRATION: "Integration" };
let page = 0;

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function when(session) {
  if (!session.startsAt) return "not booked";
  const start = new Date(session.startsAt);
  return start.toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) +
    (session.room ? ", " + session.room : "") +
    (session.therapists && session.therapists.length ? " (" + session.therapists.join(", ") + ")" : "");
}

async function load() {
  const from = new Date(form.elements.from.value + "T00:00:00Z");
  const to = new Date(from.getTime() + (Number(form.elements.days.value) - 1) * 86400000);
  const query = new URLSearchParams({ from: isoDay(from), to: isoDay(to), page, size: SIZE });
  if (form.elements.status.value) query.set("status", form.elements.status.value);
  const site = form.elements.site.value;
  const table = document.getElementById("sessions");
  try {
    const sessions = await getJson("/api/sessions/sites/" + encodeURIComponent(site) + "/visits?" + query, bearer());
    table.tBodies[0].replaceChildren(...sessions.items.map((s) =>
      el("tr", { class: "session", "data-kind": s.kind },
        el("td", {}, s.targetDate),
        el("td", {}, s.windowStart + " to " + s.windowEnd),
        el("td", {}, s.participantCode),
        el("td", {}, (KINDS[s.kind] || s.kind) + " " + s.number,
          ...(s.kind === "EXPERIMENTAL"
            ? [" (", el("a", { href: "/site/monitor.html?" + new URLSearchParams({ participant: s.participantCode, session: s.id }) }, "monitor"), ")"]
            : [])),
        el("td", {}, s.status),
        el("td", {}, when(s)))));
    table.hidden = sessions.items.length === 0;
    const pages = Math.max(1, Math.ceil(sessions.total / SIZE));
    state.textContent = sessions.total + " sessions at " + site + " from " + isoDay(from) + " to " + isoDay(to) + ".";
    document.getElementById("page").textContent = "Page " + (page + 1) + " of " + pages;
    document.getElementById("previous").hidden = page === 0;
    document.getElementById("next").hidden = page + 1 >= pages;
  } catch (e) {
    table.hidden = true;
    state.textContent = e.status === 403 || e.status === 404
      ? "You cannot see this site's schedule: it is not your site, or your role may not read it."
      : "The schedule could not be loaded: " + e.message;
  }
}

const who = await signedIn();
if (!who) {
  await login();
} else {
  keepFresh(() => { state.textContent = "Your login has ended: reload the page to sign in again."; });
  document.getElementById("who").textContent = "· " + who.claims.preferred_username;
  const sites = who.claims.sites || [];
  if (!sites.length) {
    state.textContent = "Your account works at no site: there is no schedule to show.";
  } else {
    form.elements.site.replaceChildren(...sites.map((s) => el("option", { value: s }, s)));
    const wanted = new URLSearchParams(location.search).get("site");
    if (sites.includes(wanted)) form.elements.site.value = wanted;
    form.elements.from.value = isoDay(new Date());
    form.hidden = false;
    form.addEventListener("submit", (event) => { event.preventDefault(); page = 0; load(); });
    document.getElementById("previous").addEventListener("click", () => { page--; load(); });
    document.getElementById("next").addEventListener("click", () => { page++; load(); });
    await load();
  }
}

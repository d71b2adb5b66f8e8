// The public list of open recruitment calls: filters and paging over GET /api/recruitment/recruitment-calls.
import { getJson, el } from "/js/api.js";

const SIZE = 10;
const form = document.getElementById("filters");
let page = 0;

function city(site) {
  return site.city + (site.country ? ", " + site.country : "");
}

async function load() {
  const query = new URLSearchParams({ page, size: SIZE });
  for (const name of ["condition", "city", "status"]) {
    const value = form.elements[name].value.trim();
    if (value) query.set(name, value);
  }
  const list = document.getElementById("calls");
  const count = document.getElementById("count");
  try {
    const calls = await getJson("/api/recruitment/recruitment-calls?" + query);
    list.replaceChildren(
      ...calls.items.map((call) =>
        el("li", { class: "call" },
          el("h2", {}, el("a", { href: "/calls/" + call.id }, call.title)),
          el("p", {}, call.summary || ""),
          el("p", { class: "muted" },
            call.condition + " · " + call.phase + " · sites: " + call.sites.map(city).join("; ")))));
    const pages = Math.max(1, Math.ceil(calls.total / SIZE));
    count.textContent = calls.total === 1 ? "1 trial found." : calls.total + " trials found.";
    document.getElementById("page").textContent = "Page " + (page + 1) + " of " + pages;
    document.getElementById("previous").disabled = page === 0;
    document.getElementById("next").disabled = page + 1 >= pages;
  } catch (e) {
    list.replaceChildren();
    count.textContent = "The trials could not be loaded (" + e.message + "). Please try again.";
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  page = 0;
  load();
});
document.getElementById("previous").addEventListener("click", () => { page--; load(); });
document.getElementById("next").addEventListener("click", () => { page++; load(); });
load();

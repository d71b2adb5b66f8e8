// One recruitment call (/calls/{id}) and its anonymous pre-screen (POST /api/recruitment/pre-screens).
import { getJson, postJson, el } from "/js/api.js";

const id = decodeURIComponent(location.pathname.split("/").pop());
const form = document.getElementById("prescreen");
const consent = document.getElementById("consentToContact");

const RESULTS = {
  ELIGIBLE: ["ok", "You may be able to take part."],
  NOT_ELIGIBLE: ["critical", "From your answers, you cannot take part in this trial."],
  NEEDS_CLINICIAN_REVIEW: ["info", "A study clinician would need to look at your answers."],
};

function count(n, one, many) {
  return n + " " + (n === 1 ? one : many);
}

/** What taking part involves, in plain words, from the trial's own visit template. */
function visits(t) {
  if (!t) return [el("li", {}, "The study team explains the visit schedule.")];
  const items = [];
  if (t.preparationSessions > 0) {
    items.push(count(t.preparationSessions, "preparation session", "preparation sessions") +
      " with your two therapists before the first dosing session.");
  }
  items.push(count(t.experimentalSessions, "dosing session", "dosing sessions") +
    (t.experimentalSessions > 1
      ? ", about " + Math.round(t.experimentalIntervalDays / 7) + " weeks apart"
        + (t.experimentalWindowDays > 0 ? " (give or take " + count(t.experimentalWindowDays, "day", "days") + ")" : "")
      : "") +
    ". Each lasts about eight hours, with an overnight stay afterwards.");
  if (t.integrationSessionsPerExperimental > 0) {
    items.push(count(t.integrationSessionsPerExperimental, "integration session", "integration sessions") +
      " after each dosing session, " + count(t.integrationIntervalDays, "day", "days") + " apart.");
  }
  if (t.followUpContactsPerExperimental > 0) {
    items.push("A short phone call on each of the " + count(t.followUpContactsPerExperimental, "day", "days") +
      " after each dosing session.");
  }
  items.push("No alcohol, caffeine or other drugs for 24 hours before and after each dosing session.");
  return items.map((text) => el("li", { class: "visit" }, text));
}

async function show() {
  try {
    const call = await getJson("/api/recruitment/recruitment-calls/" + encodeURIComponent(id));
    document.title = call.title + " – MDMA-assisted therapy";
    document.getElementById("title").textContent = call.title;
    document.getElementById("summary").textContent = call.summary || "";
    document.getElementById("facts").textContent =
      call.condition + " · " + call.phase + " · " + (call.open ? "open for recruitment" : "closed");
    document.getElementById("sites").replaceChildren(
      ...call.sites.map((s) => el("li", {}, s.city + ", " + s.country)));
    document.getElementById("visits").replaceChildren(...visits(call.visitTemplate));
    document.getElementById("inclusion").replaceChildren(
      ...call.eligibility.inclusion.map((m) => el("li", {}, m)));
    document.getElementById("exclusion").replaceChildren(
      ...call.eligibility.exclusion.map((m) => el("li", {}, m)));
  } catch (e) {
    document.getElementById("load-error").textContent =
      e.status === 404 ? "This trial was not found." : "The trial could not be loaded: " + e.message;
    form.hidden = true;
  }
}

function number(name) {
  const value = form.elements[name].value.trim();
  return value === "" ? null : Number(value);
}

function checked(name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((c) => c.value);
}

consent.addEventListener("change", () => {
  document.getElementById("contact-fields").hidden = !consent.checked;
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const canBePregnant = form.elements.childbearingPotential.checked;
  const answers = {
    age: number("age"),
    weightKg: number("weightKg"),
    ptsdDurationMonths: number("ptsdDurationMonths"),
    pcl5Total: number("pcl5Total"),
    diagnoses: ["PTSD", ...checked("diagnoses")],
    cardiovascularHistory: checked("cardiovascularHistory"),
    medications: form.elements.psychiatricMedication.checked
      ? [{ name: "psychiatric medication", psychiatric: true }]
      : [],
    childbearingPotential: canBePregnant,
    pregnant: canBePregnant ? form.elements.pregnant.checked : false,
    lactating: form.elements.lactating.checked,
    emergencyContact: form.elements.emergencyContact.checked,
    agreesToRecordings: form.elements.agreesToRecordings.checked,
    agreesToOvernightStay: form.elements.agreesToOvernightStay.checked,
  };
  const request = { recruitmentCallId: id, answers, consentToContact: consent.checked };
  // Contact details leave the browser only with the person's explicit consent.
  if (consent.checked) {
    request.contact = {
      name: form.elements.contactName.value.trim(),
      email: form.elements.contactEmail.value.trim() || null,
      phone: form.elements.contactPhone.value.trim() || null,
    };
  }
  const result = document.getElementById("result");
  try {
    const answer = await postJson("/api/recruitment/pre-screens", request);
    const [kind, text] = RESULTS[answer.result] || ["info", answer.result];
    const unmet = answer.findings.map((f) => el("li", { class: "finding" }, f.message));
    result.replaceChildren(
      el("div", { class: "banner " + kind, id: "outcome", "data-result": answer.result },
        el("p", {}, el("strong", {}, text)),
        ...(unmet.length ? [el("p", {}, "Criteria not met:"), el("ul", { id: "findings" }, ...unmet)] : []),
        el("p", {}, consent.checked
          ? "The study team has your contact details and may contact you."
          : "Nothing identifying you was sent.")));
  } catch (e) {
    result.replaceChildren(el("div", { class: "banner critical" }, "Your answers could not be checked: " + e.message));
  }
  result.focus();
});

show();

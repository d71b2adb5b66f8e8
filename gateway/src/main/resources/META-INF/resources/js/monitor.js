// The live dosing-session monitor: GET /api/safety/monitor for the first picture (and the
// refusal, for a session the user may not see), then /api/safety/monitor/stream, server-sent
// events read with fetch() so that the token goes in the Authorization header (EventSource cannot).
import { bearer, keepFresh, login, signedIn } from "/js/auth.js";
import { getJson, postJson, el } from "/js/api.js";

const params = new URLSearchParams(location.search);
const participant = params.get("participant");
const session = params.get("session");
const query = new URLSearchParams({ participantCode: participant || "", sessionId: session || "" });
const state = document.getElementById("state");

const CHARTS = [
  { title: "Blood pressure (mmHg)", series: [["Systolic", "systolic", "#1d4ed8"], ["Diastolic", "diastolic", "#7c3aed"]],
    limits: ["systolicWarn", "systolicCritical", "diastolicWarn", "diastolicCritical", "systolicLowWarn", "systolicLowCritical"] },
  { title: "Heart rate (/min)", series: [["Heart rate", "heartRate", "#0f766e"]],
    limits: ["heartRateWarn", "heartRateCritical", "heartRateLowWarn", "heartRateLowCritical"] },
  { title: "Temperature (°C)", series: [["Temperature", "temperatureC", "#b45309"]],
    limits: ["temperatureWarn", "temperatureCritical", "temperatureLowWarn", "temperatureLowCritical"] },
  { title: "SpO₂ (%)", series: [["SpO₂", "spo2", "#be185d"]], limits: ["spo2Warn", "spo2Critical"] },
];
const plots = [];

function chartData(chart, snapshot) {
  const readings = snapshot.readings;
  const x = readings.map((r) => Date.parse(r.measuredAt) / 1000);
  const data = [x, ...chart.series.map(([, field]) => readings.map((r) => r[field]))];
  for (const limit of chart.limits) {
    const value = snapshot.limits ? snapshot.limits.limits[limit] : null;
    data.push(x.map(() => value));
  }
  return data;
}

function draw(snapshot) {
  const width = Math.min(560, document.getElementById("charts").clientWidth || 560);
  CHARTS.forEach((chart, i) => {
    const data = chartData(chart, snapshot);
    if (!plots[i]) {
      const figure = el("figure", { "aria-label": chart.title });
      figure.append(el("figcaption", {}, chart.title));
      document.getElementById("charts").append(figure);
      const series = [{}, ...chart.series.map(([label, , stroke]) => ({ label, stroke, width: 2, points: { show: true } }))];
      for (const limit of chart.limits) {
        const critical = limit.includes("Critical");
        series.push({ label: limit, stroke: critical ? "#b91c1c" : "#c2410c", dash: [6, 4], width: 1, points: { show: false } });
      }
      plots[i] = new uPlot({ width, height: 220, series, legend: { show: true } }, data, figure);
    } else {
      plots[i].setData(data);
    }
  });
}

function banners(snapshot) {
  const active = snapshot.holds.filter((h) => h.active);
  document.getElementById("hold").replaceChildren(
    active.length
      ? el("div", { class: "banner critical", id: "hold-banner" },
          el("strong", {}, "Dosing on hold. "),
          active.map((h) => h.cause + ": " + h.reason).join(" · "))
      : el("div", { class: "banner ok", id: "no-hold" }, "No dosing hold."));
  const open = snapshot.alerts.filter((a) => !a.acknowledged);
  document.getElementById("alerts").replaceChildren(
    ...open.map((a) => {
      const button = el("button", { type: "button", class: "secondary" }, "Acknowledge");
      button.addEventListener("click", async () => {
        button.disabled = true;
        try {
          await postJson("/api/safety/alerts/" + a.id + "/acknowledgement", { note: "Seen on the monitor" }, bearer());
        } catch (e) {
          button.disabled = false;
          state.textContent = "The alert could not be acknowledged: " + e.message;
        }
      });
      const kind = a.level === "CRITICAL" || a.level === "URGENT" ? "critical" : "warn";
      return el("div", { class: "banner alert " + kind, "data-level": a.level },
        el("strong", {}, a.level + " alert: "), a.summary, " ", button);
    }));
}

function show(snapshot) {
  const readings = snapshot.readings;
  document.getElementById("reading-count").textContent = readings.length;
  const last = readings[readings.length - 1];
  document.getElementById("latest").textContent = last
    ? "Latest at " + new Date(last.measuredAt).toLocaleTimeString() + ": " +
      [last.systolic != null ? last.systolic + "/" + last.diastolic + " mmHg" : null,
       last.heartRate != null ? "heart rate " + last.heartRate : null,
       last.temperatureC != null ? last.temperatureC + " °C" : null,
       last.spo2 != null ? "SpO₂ " + last.spo2 + "%" : null].filter(Boolean).join(", ")
    : "No readings yet.";
  document.getElementById("limits-source").textContent =
    snapshot.limits && snapshot.limits.trialDefault ? " (the platform's defaults: the trial has set none)" : "";
  banners(snapshot);
  draw(snapshot);
}

async function follow() {
  const answer = await fetch("/api/safety/monitor/stream?" + query, {
    headers: { Accept: "text/event-stream", Authorization: "Bearer " + bearer() },
  });
  if (!answer.ok) throw new Error("the live feed was refused (" + answer.status + ")");
  state.textContent = "Live: readings appear as they arrive.";
  const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
      if (data) show(JSON.parse(data));
    }
  }
}

// The dose timeline: session-service's doses of this session and the regimen's supplemental
// window (never an arm), with a countdown to the window's opening and closing.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
let timeline = null;

function clock(instant) {
  return new Date(instant).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  const pad = (n) => String(n).padStart(2, "0");
  return Math.floor(s / 3600) + ":" + pad(Math.floor((s % 3600) / 60)) + ":" + pad(s % 60);
}

function showTimeline() {
  const list = document.getElementById("timeline");
  const note = document.getElementById("window");
  if (!timeline) return;
  list.replaceChildren(...timeline.doses.map((d) =>
    el("li", { class: "dose", "data-supplemental": String(d.supplemental) },
      (d.supplemental ? "Supplemental dose: " : "Initial dose: ") + d.mgHcl + " mg HCl, kit " + d.kitCode + ", at " +
      clock(d.administeredAt) + (d.late ? " (entered late)" : ""))));
  if (!timeline.doses.length) list.append(el("li", {}, "No dose given yet in this session."));
  note.textContent = timeline.supplementalAllowed
    ? "Supplemental dose window: " + timeline.supplementalEarliestMinutes + " to " +
      timeline.supplementalLatestMinutes + " minutes after the initial dose" +
      (timeline.supplementalOpensAt ? " (" + clock(timeline.supplementalOpensAt) + "–" + clock(timeline.supplementalClosesAt) + ")." : ".")
    : "This trial's regimen has no supplemental dose.";
  tick();
}

function tick() {
  const countdown = document.getElementById("countdown");
  if (!timeline || !timeline.supplementalAllowed) return countdown.replaceChildren();
  let text;
  let phase;
  if (timeline.supplementalGiven) [phase, text] = ["given", "The supplemental dose was given."];
  else if (!timeline.supplementalOpensAt) [phase, text] = ["waiting", "The window opens after the initial dose."];
  else {
    const now = Date.now();
    const opens = Date.parse(timeline.supplementalOpensAt);
    const closes = Date.parse(timeline.supplementalClosesAt);
    if (now < opens) [phase, text] = ["before", "Supplemental window opens in " + duration(opens - now)];
    else if (now <= closes) [phase, text] = ["open", "Supplemental window open: closes in " + duration(closes - now)];
    else [phase, text] = ["closed", "The supplemental window closed at " + clock(timeline.supplementalClosesAt) + "."];
  }
  countdown.dataset.phase = phase;
  countdown.textContent = text;
}

async function loadTimeline() {
  const note = document.getElementById("window");
  if (!UUID.test(session || "")) {
    note.textContent = "This is not a scheduled dosing session: no dose timeline.";
    return;
  }
  try {
    timeline = await getJson("/api/sessions/visits/" + encodeURIComponent(session) + "/dose-timeline", bearer());
    showTimeline();
  } catch (e) {
    timeline = null;
    document.getElementById("countdown").replaceChildren();
    note.textContent = e.status === 404 || e.status === 403
      ? "No dose timeline: the session is not one of your site's, or your role may not read it."
      : "The dose timeline could not be loaded: " + e.message;
  }
}

async function start() {
  const who = await signedIn();
  if (!who) return login();
  keepFresh(() => { state.textContent = "Your login has ended: reload the page to sign in again."; });
  document.getElementById("who").textContent = "· " + who.claims.preferred_username;
  document.getElementById("heading").textContent = "Monitor: " + participant + ", session " + session;
  try {
    show(await getJson("/api/safety/monitor?" + query, bearer()));
  } catch (e) {
    // Another site's participant answers exactly like an unknown one.
    state.replaceChildren(el("span", { id: "denied" },
      e.status === 403 || e.status === 404
        ? "You cannot open this session's monitor: it is not a session of your site, or your role may not watch it."
        : "The monitor could not be loaded: " + e.message));
    return;
  }
  document.getElementById("timeline-section").hidden = false;
  await loadTimeline();
  setInterval(tick, 1000);
  // Doses are recorded elsewhere (the session's own page): read them again twice a minute.
  setInterval(loadTimeline, 30000);
  // The feed ends when the gateway or the service restarts: reconnect after a pause.
  for (;;) {
    try {
      await follow();
      state.textContent = "The live feed ended; reconnecting…";
    } catch (e) {
      state.textContent = "Connection lost (" + e.message + "); reconnecting…";
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

start();

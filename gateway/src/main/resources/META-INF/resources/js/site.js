// The site staff's start page: sign in, then open a session's monitor.
import { login, signedIn } from "/js/auth.js";

const who = await signedIn();
if (who) {
  document.getElementById("who").textContent =
    "· signed in as " + who.claims.preferred_username + " (" + (who.claims.sites || []).join(", ") + ")";
  document.getElementById("open-monitor").hidden = false;
  document.getElementById("pages").hidden = false;
} else {
  document.getElementById("signed-out").hidden = false;
  document.getElementById("login").addEventListener("click", login);
}

import { api, ApiError, credential, setCredential, signIn } from "./api.js";
import { h, clear, toast } from "./dom.js";
import { forgetTitles } from "./render.js";
import { follow } from "./live.js";
import { queueView } from "./queue.js";
import { draftView } from "./draft.js";
import { releasesView } from "./releases.js";
import { historyView } from "./history.js";
import { healthView } from "./health.js";

// The desk: who is signed in (and what the API lets them do), which view is showing, and the
// live stream that tells the current view to refresh.
const main = document.getElementById("main");
const nav = document.getElementById("nav");
const who = document.getElementById("who");
const signout = document.getElementById("signout");
const live = document.getElementById("live");

const desk = {
  access: null,
  api,
  main,
  current: null,
  types() { return this.access ? this.access.types : []; },
  typeBySingular(name) { return this.types().find((t) => t.singularName === name) || null; },
  can(type, action) {
    const t = typeof type === "string" ? this.typeBySingular(type) : type;
    return !!t && t.actions.includes(action);
  },
  // Publishing-type actions only exist on draft & publish types; elsewhere `update` writes main.
  canPublish(type) { return this.can(type, "publish"); },
  go(hash) { if (location.hash === hash) route(); else location.hash = hash; },
  fail(error) {
    if (error instanceof ApiError && error.status === 401) { signOut("Your sign-in has expired or was revoked."); return; }
    toast(error.message || String(error), "error");
  },
};

let stopLive = null;

async function start() {
  if (!credential()) { showSignIn(); return; }
  try {
    desk.access = (await api("GET", "/api/git/access")).data;
  } catch (error) {
    setCredential(null);
    showSignIn(error instanceof ApiError && error.status === 401 ? "That credential was refused." : error.message);
    return;
  }
  const caller = desk.access.caller;
  who.textContent = `${caller.name} · ${caller.role || caller.access || caller.kind}`;
  nav.hidden = false;
  signout.hidden = false;
  if (stopLive) stopLive();
  stopLive = follow({
    onEvent(event) {
      forgetTitles();
      if (desk.current && desk.current.onEvent) desk.current.onEvent(event);
    },
    onState(state) {
      // Changes made while the stream was down were not heard: the view reloads once it is back.
      if (state === "open" && live.dataset.state === "closed" && desk.current && desk.current.onEvent) {
        desk.current.onEvent({ reconnected: true });
      }
      live.textContent = state === "open" ? "● live" : "○ reconnecting";
      live.className = `live ${state}`;
      live.dataset.state = state;
    },
  });
  if (!location.hash || location.hash === "#" || location.hash === "#/signin") location.hash = "#/queue";
  else route();
}

function signOut(message) {
  setCredential(null);
  desk.access = null;
  if (stopLive) { stopLive(); stopLive = null; }
  nav.hidden = true;
  signout.hidden = true;
  who.textContent = "";
  live.textContent = "";
  showSignIn(message);
}

function showSignIn(message) {
  desk.current = null;
  clear(main);
  const error = h("p", { class: "error", role: "alert", id: "signin-error" }, message || "");
  const password = h("form", { class: "panel", id: "password-form", "aria-labelledby": "password-title" },
    h("h2", { id: "password-title" }, "Sign in"),
    h("label", {}, "Email or username", h("input", { name: "identifier", autocomplete: "username", required: true })),
    h("label", {}, "Password", h("input", { name: "password", type: "password", autocomplete: "current-password", required: true })),
    h("button", { type: "submit", class: "primary" }, "Sign in"));
  const token = h("form", { class: "panel", id: "token-form", "aria-labelledby": "token-title" },
    h("h2", { id: "token-title" }, "Or use an API token"),
    h("label", {}, "API token", h("input", { name: "token", type: "password", autocomplete: "off", required: true })),
    h("button", { type: "submit" }, "Use token"));
  password.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(password);
    try {
      setCredential(await signIn(String(data.get("identifier")), String(data.get("password"))));
      start();
    } catch (failure) {
      error.textContent = failure.message;
    }
  });
  token.addEventListener("submit", (event) => {
    event.preventDefault();
    setCredential(String(new FormData(token).get("token")).trim());
    start();
  });
  main.append(h("h1", {}, "Review desk"),
    h("p", { class: "muted" }, "Review drafts as diffs and publish them. What you see and may do follows your role."),
    error, h("div", { class: "signin" }, password, token));
  password.querySelector("input").focus();
}

async function route() {
  if (!desk.access) return;
  const [view, ...rest] = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  for (const link of nav.querySelectorAll("a")) {
    if (link.dataset.view === (view === "draft" ? "queue" : view)) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const views = { queue: queueView, draft: draftView, releases: releasesView, history: historyView, health: healthView };
  const make = views[view] || queueView;
  clear(main);
  desk.current = null;
  try {
    desk.current = await make(desk, rest);
  } catch (error) {
    desk.fail(error);
  }
  main.focus({ preventScroll: true });
}

signout.addEventListener("click", () => signOut("Signed out."));
window.addEventListener("hashchange", route);
start();

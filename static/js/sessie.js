// The idle warning (WCAG 2.2.1). The server ends a session that has had no request
// for the idle limit (SESSION_IDLE_SECONDS); this script keeps the same clock, reset
// by every request the page makes, and shortly before the end asks whether the
// user is still there. "Blijf ingelogd" posts to a keep-alive URL (which goes
// through login and MFA like every page). Drafts on the page are saved just before
// the end; at the end the page is loaded again, so that the server sends it to the
// login page with the reason and the way back (next=).
(() => {
  const meta = (name) => document.querySelector(`meta[name="${name}"]`);
  const idleMeta = meta("sessie-idle");
  if (!idleMeta) return;
  const IDLE = Number(idleMeta.content) * 1000;
  const WARN = Number(meta("sessie-waarschuwing").content) * 1000;
  const SAVE_BEFORE = Math.min(10000, WARN / 2); // save drafts this long before the end
  const GRACE = 2000; // the server's clock started a moment before ours
  const SHARED = "casusoverleg.sessie.laatst"; // the same session in other tabs
  let last = Date.now();
  let saved = false;
  let gone = false;
  let dialog = null;

  function activity() {
    last = Date.now();
    saved = false;
    try {
      localStorage.setItem(SHARED, String(last));
    } catch {
      // Storage may be off; each tab then keeps its own clock.
    }
    if (dialog && dialog.open) dialog.close();
  }

  // Every request the page makes renews the session on the server.
  const originalFetch = window.fetch.bind(window);
  window.fetch = (...args) =>
    originalFetch(...args).then((response) => {
      // A redirect not followed is the login page: the session is gone.
      if (response.type !== "opaqueredirect") activity();
      return response;
    });
  document.addEventListener("htmx:afterRequest", (event) => {
    const xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status > 0) activity();
  });

  function stayLoggedIn(event) {
    event.preventDefault();
    const form = event.currentTarget;
    window
      .fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        redirect: "manual",
      })
      .then((response) => {
        if (response.status !== 204) end();
      })
      .catch(() => {});
  }

  function show() {
    if (!dialog) {
      const template = document.getElementById("sessie-waarschuwing-template");
      const content = template.content.cloneNode(true);
      dialog = content.querySelector("dialog");
      document.body.appendChild(content);
      dialog.querySelector("form").addEventListener("submit", stayLoggedIn);
      // Escape is an answer too: the user is there.
      dialog.addEventListener("cancel", (event) => {
        event.preventDefault();
        dialog.querySelector("form").requestSubmit();
      });
    }
    dialog.showModal();
    dialog.querySelector("button").focus();
  }

  function end() {
    if (gone) return;
    gone = true;
    window.location.assign(window.location.pathname + window.location.search);
  }

  function tick() {
    if (gone) return;
    let shared = 0;
    try {
      shared = Number(localStorage.getItem(SHARED)) || 0;
    } catch {
      shared = 0;
    }
    if (shared > last) {
      last = shared;
      saved = false;
      if (dialog && dialog.open) dialog.close();
    }
    const left = last + IDLE - Date.now();
    if (left <= -GRACE) {
      end();
      return;
    }
    if (left <= SAVE_BEFORE && !saved) {
      saved = true;
      document.dispatchEvent(new CustomEvent("concept:opslaan"));
    }
    if (left <= WARN && !(dialog && dialog.open)) show();
  }

  activity();
  window.setInterval(tick, 1000);
})();

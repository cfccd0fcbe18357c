// Drafts of long forms (form[data-concept]): while the text changes, post the form
// every data-concept-interval seconds with concept=auto; the server keeps it as the
// user's draft without validating it and answers the time. Without this script the
// "Concept opslaan" button does the same.
(() => {
  const state = new WeakMap();

  function snapshot(form) {
    const data = new FormData(form);
    data.delete("csrfmiddlewaretoken");
    return JSON.stringify([...data.entries()].filter(([, value]) => typeof value === "string"));
  }

  function say(form, text) {
    const status = form.querySelector("[data-concept-status]");
    if (status && text) status.textContent = text;
  }

  async function save(form) {
    const s = state.get(form);
    if (!s || s.submitted || s.busy || !form.isConnected) return;
    const now = snapshot(form);
    if (now === s.saved) return;
    s.busy = true;
    const body = new FormData(form);
    body.set("concept", "auto");
    const status = form.querySelector("[data-concept-status]");
    const failed = status ? status.dataset.tekstFout : "";
    try {
      const response = await window.fetch(form.action, {
        method: "POST",
        body,
        credentials: "same-origin",
        redirect: "manual",
      });
      let answer = {};
      try {
        answer = await response.json();
      } catch {
        answer = {};
      }
      if (response.ok) s.saved = now;
      say(form, answer.bericht || (response.ok ? "" : failed));
    } catch {
      say(form, failed);
    } finally {
      s.busy = false;
    }
  }

  function start(form) {
    if (state.has(form)) return;
    const s = { saved: snapshot(form), busy: false, submitted: false };
    state.set(form, s);
    // A submit (or the button) takes over; an automatic save must not race it.
    form.addEventListener("submit", () => {
      s.submitted = true;
    });
    const seconds = Number(form.dataset.conceptInterval) || 30;
    const timer = window.setInterval(() => {
      if (form.isConnected) save(form);
      else window.clearInterval(timer);
    }, seconds * 1000);
  }

  const all = () => document.querySelectorAll("form[data-concept]");
  document.addEventListener("DOMContentLoaded", () => all().forEach(start));
  // A chair's form in the meeting room comes back fresh after htmx swaps it.
  document.addEventListener("htmx:load", () => all().forEach(start));
  // Just before the idle limit (sessie.js).
  document.addEventListener("concept:opslaan", () => all().forEach(save));
})();

// The live zorgtafel room: one websocket per meeting. The server decides what
// each person may see; this script only places what arrives. Content arrives as
// HTML rendered (and escaped) by the server's templates.
document.addEventListener("DOMContentLoaded", () => {
  const room = document.getElementById("zorgtafel");
  if (!room) return;
  const liveStatus = document.getElementById("live-status");
  const besloten = document.getElementById("besloten-template");
  // Close codes of the server (zorgtafel/consumers.py): no access here, the
  // session ended (log in again; reconnecting would not help), too many messages.
  const REFUSED = 4403;
  const SESSION_ENDED = 4401;
  const TOO_MANY = 4429;
  // The meeting is closed or cancelled: no live updates any more.
  const ENDED = 4410;
  const TOO_MANY_PAUSE = 30000;
  let delay = 1000;
  let ended = false;

  const fragment = (html) => {
    const t = document.createElement("template");
    t.innerHTML = html.trim();
    return t.content;
  };
  const inhoud = (item) => document.getElementById("inhoud-" + item);

  const handlers = {
    status(ev) {
      // A meeting that starts or closes changes the forms on the page.
      if (ev.status !== room.dataset.status) window.location.reload();
    },
    agenda() {
      window.location.reload();
    },
    item(ev) {
      const box = inhoud(ev.item);
      if (box) box.replaceChildren(fragment(ev.html));
      markHuidig();
    },
    notule(ev) {
      const list = document.getElementById("notulen-" + ev.item);
      if (!list) return;
      const node = fragment(ev.html).firstElementChild;
      const old = document.getElementById(ev.id);
      if (old) old.replaceWith(node);
      else list.appendChild(node);
    },
    besloten(ev) {
      const box = inhoud(ev.item);
      if (box) box.replaceChildren(besloten.content.cloneNode(true));
      const panel = document.querySelector(`[data-panel="${CSS.escape(ev.item)}"]`);
      if (panel) panel.remove();
      const beoordelingen = document.querySelector(
        `[data-beoordelingen="${CSS.escape(ev.item)}"]`,
      );
      if (beoordelingen) beoordelingen.remove();
      markHuidig();
    },
    huidig(ev) {
      room.dataset.huidig = ev.item;
      markHuidig();
    },
    aanwezig(ev) {
      const list = document.getElementById("aanwezig-lijst");
      list.replaceChildren(
        ...ev.namen.map((naam) => {
          const li = document.createElement("li");
          li.textContent = naam;
          return li;
        }),
      );
    },
    aanwezigheid(ev) {
      const li = document.querySelector(
        `[data-uitnodiging="${CSS.escape(String(ev.uitnodiging))}"]`,
      );
      if (!li) return;
      const badge = li.querySelector(".aanwezigheid-badge");
      if (badge) badge.replaceChildren(fragment(ev.html));
      const select = li.querySelector("select");
      if (select && document.activeElement !== select) select.value = ev.aanwezigheid;
    },
    gesloten() {
      ended = true;
      if (liveStatus) liveStatus.textContent = room.dataset.tekstGesloten;
    },
    bijgewerkt() {
      liveStatus.textContent = room.dataset.tekstVerbonden;
    },
  };

  function markHuidig() {
    const current = room.dataset.huidig;
    document.querySelectorAll(".agendapunt").forEach((li) => {
      const on = li.dataset.item === current;
      li.classList.toggle("agendapunt--huidig", on);
      if (on) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    });
    const titel = document.getElementById("huidig-titel");
    const li = current && document.getElementById("item-" + current);
    const kop = li && li.querySelector(".agendapunt-titel");
    if (titel && kop) titel.textContent = kop.textContent.trim();
  }

  function end(text) {
    const notice = document.getElementById("einde-template").content.cloneNode(true);
    const heading = notice.querySelector("[data-einde-tekst]");
    heading.textContent = text;
    room.replaceChildren(notice);
    heading.focus();
  }

  function connect() {
    const proto = window.location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(proto + "//" + window.location.host + room.dataset.ws);
    socket.addEventListener("open", () => {
      delay = 1000;
    });
    socket.addEventListener("message", (message) => {
      const ev = JSON.parse(message.data);
      const handler = handlers[ev.soort];
      if (handler) handler(ev);
    });
    socket.addEventListener("close", (event) => {
      if (event.code === REFUSED || event.code === SESSION_ENDED) {
        // Nothing of the meeting stays on screen once it may no longer be seen.
        end(event.code === REFUSED ? room.dataset.tekstGeweigerd : room.dataset.tekstSessie);
        return;
      }
      if (event.code === ENDED || ended) {
        // Closed or cancelled: the page reloads on the status; nothing reconnects.
        if (liveStatus) liveStatus.textContent = room.dataset.tekstGesloten;
        return;
      }
      if (event.code === TOO_MANY) {
        liveStatus.textContent = room.dataset.tekstTeVeel;
        window.setTimeout(connect, TOO_MANY_PAUSE);
        return;
      }
      liveStatus.textContent = room.dataset.tekstVerbroken;
      // Reconnect with back-off; the server sends a full catch-up on connect.
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15000);
    });
  }

  // A chair's htmx form that saved returns fresh: keep the section open.
  document.body.addEventListener("htmx:afterSwap", (event) => {
    const details = event.target.closest && event.target.closest("details");
    if (details) details.open = true;
  });

  markHuidig();
  // A closed or cancelled meeting has no live room (the server would refuse it).
  if (!("afgelopen" in room.dataset)) connect();
});

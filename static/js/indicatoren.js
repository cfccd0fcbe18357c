// The signal form: keep each indicator section's count of ticked boxes up to date.
// The server renders the same count, so the page works without this script.
document.addEventListener("DOMContentLoaded", () => {
  for (const groep of document.querySelectorAll("[data-indicatorgroep]")) {
    const aantal = groep.querySelector("[data-aantal]");
    if (!aantal) continue;
    groep.addEventListener("change", (event) => {
      if (event.target.type !== "checkbox") return;
      const n = groep.querySelectorAll("input[type=checkbox]:checked").length;
      aantal.textContent = String(n);
    });
  }
});

// Progressive enhancement only: every page works without this script.
document.addEventListener("DOMContentLoaded", () => {
  // Move keyboard and screen-reader focus to a form's error summary.
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();
});

// Custos page behaviour. No inline script anywhere: the Content-Security-Policy forbids it.
(function () {
  "use strict";

  // Move focus to the error summary so keyboard and screen-reader users land on what to fix.
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary(document);
  });

  // Print buttons (recovery codes).
  document.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("[data-print]")) {
      window.print();
    }
  });

  // Announce htmx-refreshed result counts to assistive technology is handled by aria-live regions in the markup.
  document.addEventListener("htmx:afterSwap", function (event) {
    focusErrorSummary(event.detail.target);
  });
})();

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

  // Passkeys (WebAuthn). The server gives the options as JSON; the browser's own JSON helpers turn them into the
  // create()/get() arguments and the credential back into JSON, which the form posts.
  function antiforgery(form) {
    var token = form.querySelector("input[name='__RequestVerificationToken']");
    return token ? token.value : "";
  }

  async function passkeyCeremony(form, optionsHandler, create) {
    var error = form.querySelector("[data-passkey-error]");
    if (!window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON) {
      error.textContent = "This browser cannot use passkeys. Use your password and authenticator app.";
      return;
    }
    try {
      var response = await fetch(window.location.pathname + "?handler=" + optionsHandler, {
        method: "POST",
        headers: { "X-CSRF-TOKEN": antiforgery(form) },
        credentials: "same-origin",
      });
      if (!response.ok) {
        throw new Error("options");
      }
      var options = await response.json();
      var credential = create
        ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
        : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
      form.querySelector("input[name='credential']").value = JSON.stringify(credential.toJSON());
      form.submit();
    } catch (e) {
      error.textContent = "No passkey was used. Try again, or use your password and authenticator app.";
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    var credential = form.querySelector("input[name='credential']");
    if (!credential || credential.value) {
      return;
    }
    if (form.matches("[data-passkey-register]")) {
      event.preventDefault();
      passkeyCeremony(form, "CreationOptions", true);
    } else if (form.matches("[data-passkey-sign-in]")) {
      event.preventDefault();
      passkeyCeremony(form, "PasskeyOptions", false);
    }
  });

  // Announce htmx-refreshed result counts to assistive technology is handled by aria-live regions in the markup.
  document.addEventListener("htmx:afterSwap", function (event) {
    focusErrorSummary(event.detail.target);
  });
})();

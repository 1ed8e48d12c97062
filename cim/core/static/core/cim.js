// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Session expiry: warn two minutes before the idle timeout, offer to stay logged in.
  function sessionWarning() {
    var body = document.body;
    var idle = parseInt(body.getAttribute("data-session-idle") || "0", 10);
    var dialog = document.getElementById("cim-session-dialog");
    if (!idle || !dialog || typeof dialog.showModal !== "function") return;
    var warnBefore = Math.min(120, Math.floor(idle / 2));
    var warnTimer, expireTimer;
    var stay = document.getElementById("cim-session-stay");
    var login = document.getElementById("cim-session-login");
    var text = document.getElementById("cim-session-text");

    function schedule() {
      clearTimeout(warnTimer);
      clearTimeout(expireTimer);
      warnTimer = setTimeout(function () {
        if (!dialog.open) dialog.showModal();
        stay.focus();
      }, (idle - warnBefore) * 1000);
      expireTimer = setTimeout(expired, idle * 1000);
    }

    function expired() {
      text.textContent = dialog.getAttribute("data-text-expired");
      stay.hidden = true;
      login.hidden = false;
      login.href = body.getAttribute("data-login-url") || login.href;
      if (!dialog.open) dialog.showModal();
      login.focus();
      document.dispatchEvent(new CustomEvent("cim:session-expired"));
    }

    stay.addEventListener("click", function () {
      fetch(body.getAttribute("data-keepalive-url"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken() },
      }).then(function (response) {
        if (response.ok) {
          dialog.close();
          schedule();
        } else {
          expired();
        }
      }, expired);
    });

    document.body.addEventListener("htmx:afterRequest", schedule);
    schedule();
  }

  // Buttons and links marked data-confirm ask before they act.
  function confirmations() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var message = form.getAttribute("data-confirm");
      if (message && !window.confirm(message)) event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    sessionWarning();
    confirmations();
  });
})();

// The scan, enhanced: autosave state, answers kept on this computer until the server has them
// (network drops, session expiry, a closed tab), retries, a warning before leaving with unsaved
// answers, conditional questions, repeating rows. Without this file the section form still
// works with its Save button.
(function () {
  "use strict";

  var form = document.getElementById("cim-scan-form");
  var RETRY_MS = 5000;
  var sent = new WeakMap(); // container -> snapshot sent with the request in flight
  var conflicted = new WeakMap(); // container -> the snapshot the server answered with a conflict
  var dirty = {}; // question key -> true while an answer is not (yet) on the server
  var leavingSafely = false;
  var expired = false; // the session ended: retrying waits until the person may have logged in again

  function text(name) {
    return (form && form.getAttribute("data-text-" + name)) || "";
  }

  function storageKey(key) {
    return "cim-scan:" + form.getAttribute("data-scan") + ":" + key;
  }

  function store(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(storageKey(key));
      else window.localStorage.setItem(storageKey(key), JSON.stringify(value));
    } catch (e) {
      /* private mode or full storage: the in-page state still works */
    }
  }

  function stored(key) {
    try {
      var raw = window.localStorage.getItem(storageKey(key));
      return raw ? JSON.parse(raw) : null;
    } catch (e) {
      return null;
    }
  }

  function fields(container) {
    return Array.prototype.filter.call(container.querySelectorAll("input, select, textarea"), function (el) {
      var name = el.name || "";
      return name.indexOf("a-") === 0 && el.type !== "file" && !el.closest("template");
    });
  }

  // What the person has typed in one question, as [name, value] pairs (checked boxes only).
  function snapshot(container) {
    var pairs = [];
    fields(container).forEach(function (el) {
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      pairs.push([el.name, el.value]);
    });
    return JSON.stringify(pairs);
  }

  function restore(container, pairs) {
    var values = {};
    pairs.forEach(function (pair) {
      (values[pair[0]] = values[pair[0]] || []).push(pair[1]);
    });
    fields(container).forEach(function (el) {
      var wanted = values[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") el.checked = wanted.indexOf(el.value) !== -1;
      else el.value = wanted.length ? wanted[0] : "";
    });
  }

  function versionInput(container) {
    return document.getElementById(container.id + "-version");
  }

  function statusBox(container) {
    return document.getElementById(container.id + "-status");
  }

  function setState(container, kind, message, withLogin) {
    var box = statusBox(container);
    if (!box) return;
    // A conflict stays until the person has chosen; "saving" and "not saved yet" do not replace it.
    if (kind === "busy" && box.querySelector('[data-state="conflict"], [data-state="expired"]')) return;
    var p = document.createElement("p");
    p.className = "cim-save-state cim-save-state--" + kind;
    p.setAttribute("role", kind === "error" ? "alert" : "status");
    p.setAttribute("data-state", withLogin ? "expired" : kind);
    p.textContent = message;
    if (withLogin) {
      var link = document.createElement("a");
      link.className = "utrecht-link";
      link.href = form.getAttribute("data-login-url");
      link.textContent = text("login");
      // What was typed is kept on this computer, so going to the login page needs no warning.
      link.addEventListener("click", function () {
        leavingSafely = true;
      });
      p.appendChild(document.createTextNode(" "));
      p.appendChild(link);
    }
    var meta = box.querySelector(".cim-answer-meta");
    box.textContent = "";
    box.appendChild(p);
    if (meta) box.appendChild(meta);
  }

  function remember(container) {
    var key = container.getAttribute("data-question");
    var version = versionInput(container);
    var previous = stored(key);
    store(key, {
      pairs: JSON.parse(snapshot(container)),
      base: previous ? previous.base : version ? version.value : "0",
      at: Date.now(),
    });
    dirty[key] = true;
  }

  function forget(container) {
    var key = container.getAttribute("data-question");
    store(key, null);
    delete dirty[key];
  }

  function retryAll(event) {
    if (!form) return;
    if (expired && !(event && (event.type === "focus" || event.type === "visibilitychange"))) return;
    Array.prototype.forEach.call(form.querySelectorAll("[data-autosave]"), function (container) {
      var key = container.getAttribute("data-question");
      if (stored(key) && !container.classList.contains("cim-busy")) window.htmx.trigger(container, "cim:retry");
    });
  }

  function applyVisibility(detail) {
    (detail.shown || []).forEach(function (key) {
      var el = document.getElementById("vraag-" + key);
      if (el) el.hidden = false;
    });
    (detail.hidden || []).forEach(function (key) {
      var el = document.getElementById("vraag-" + key);
      if (el) el.hidden = true;
    });
    if (typeof detail.progress === "number") {
      Array.prototype.forEach.call(document.querySelectorAll("[data-scan-progress]"), function (el) {
        el.textContent = detail.progress + "%";
      });
      Array.prototype.forEach.call(document.querySelectorAll("[data-scan-progress-bar]"), function (el) {
        el.value = detail.progress;
      });
    }
    Object.keys(detail.sections || {}).forEach(function (section) {
      var el = document.querySelector('[data-section-progress="' + section + '"]');
      if (el) el.textContent = detail.sections[section] + "%";
    });
  }

  function repeatingRows() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-repeat-add]"), function (button) {
      var key = button.getAttribute("data-repeat-add");
      var template = document.querySelector('template[data-repeat-template="' + key + '"]');
      var table = document.querySelector('table[data-repeat="' + key + '"]');
      if (!template || !table || button.getAttribute("data-bound")) return;
      button.setAttribute("data-bound", "1");
      button.hidden = false;
      button.addEventListener("click", function () {
        var body = table.tBodies[0];
        var max = parseInt(table.getAttribute("data-max-rows") || "100", 10);
        if (body.rows.length >= max) return;
        var next = 0;
        Array.prototype.forEach.call(body.querySelectorAll("[name]"), function (el) {
          var match = new RegExp("^a-" + key + "-(\\d+)-").exec(el.name);
          if (match) next = Math.max(next, parseInt(match[1], 10) + 1);
        });
        var html = template.innerHTML.split("__n__").join(String(next));
        var holder = document.createElement("tbody");
        holder.innerHTML = html;
        var row = holder.firstElementChild;
        var label = row.querySelector("th");
        if (label) label.textContent = String(body.rows.length + 1);
        body.appendChild(row);
        var first = row.querySelector("input, select");
        if (first) first.focus();
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-js-only]"), function (el) {
      el.hidden = false;
    });
    repeatingRows();
    // Forms marked data-once submit once (a double click sends one request).
    Array.prototype.forEach.call(document.querySelectorAll("form[data-once]"), function (once) {
      once.addEventListener("submit", function (event) {
        if (once.getAttribute("data-sent")) event.preventDefault();
        once.setAttribute("data-sent", "1");
      });
    });
    var selectAll = document.querySelector("[data-select-all]");
    if (selectAll) {
      selectAll.hidden = false;
      selectAll.addEventListener("change", function () {
        Array.prototype.forEach.call(document.querySelectorAll('input[name="participation"]:not(:disabled)'), function (box) {
          box.checked = selectAll.checked;
        });
      });
    }
    if (!form || !window.htmx) return;

    // Typed but not yet on the server: keep it on this computer straight away.
    form.addEventListener("input", onEdit);
    form.addEventListener("change", onEdit);
    function onEdit(event) {
      var container = event.target.closest("[data-autosave]");
      if (!container || event.target.type === "file") return;
      remember(container);
      if (!container.classList.contains("cim-busy")) setState(container, "busy", text("pending"));
    }

    document.body.addEventListener("htmx:configRequest", function (event) {
      var container = event.detail.elt.closest ? event.detail.elt.closest("[data-autosave]") : null;
      if (!container) return;
      // The same answer again (a delayed trigger) while its conflict is shown: the person chooses
      // first. After the session ended only retries go out (on focus, or after logging in).
      var cause = event.detail.triggeringEvent;
      var retry = cause && cause.type === "cim:retry";
      if (event.detail.elt === container && (conflicted.get(container) === snapshot(container) || (expired && !retry))) {
        event.preventDefault();
        return;
      }
      sent.set(container, snapshot(container));
    });
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      var container = event.detail.elt.closest ? event.detail.elt.closest("[data-autosave]") : null;
      if (!container) return;
      container.classList.add("cim-busy");
      var cause = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
      if (!cause || cause.type !== "cim:retry") setState(container, "busy", text("saving"));
    });
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      var status = event.detail.xhr.status;
      if (status === 409 || status === 422 || status === 403) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      var container = event.detail.elt.closest ? event.detail.elt.closest("[data-autosave]") : null;
      if (!container) return;
      container.classList.remove("cim-busy");
      var xhr = event.detail.xhr;
      var status = xhr ? xhr.status : 0;
      if (status === 409) conflicted.set(container, sent.get(container));
      else conflicted.delete(container);
      expired = status === 401;
      if (status >= 200 && status < 300) {
        if (sent.get(container) === snapshot(container)) forget(container);
        else window.htmx.trigger(container, "cim:retry");
        Array.prototype.forEach.call(container.querySelectorAll('input[type="file"]'), function (el) {
          el.value = "";
        });
      } else if (status === 401) {
        setState(container, "error", text("expired"), true);
      } else if (status === 409 || status === 422 || status === 403) {
        store(container.getAttribute("data-question"), null); // shown to the person; not retried
        dirty[container.getAttribute("data-question")] = true;
      } else if (status === 0) {
        setState(container, "error", text("offline"));
      } else {
        setState(container, "error", text("failed"));
      }
    });
    document.body.addEventListener("htmx:sendError", function (event) {
      var container = event.detail.elt.closest ? event.detail.elt.closest("[data-autosave]") : null;
      if (!container) return;
      container.classList.remove("cim-busy");
      setState(container, "error", text("offline"));
    });
    document.body.addEventListener("cim:saved", function (event) {
      applyVisibility(event.detail || {});
    });
    // "Take over the saved answer" replaces the question: what was kept locally is dropped.
    document.body.addEventListener("htmx:afterSwap", function (event) {
      var target = event.detail.target;
      if (target && target.matches && target.matches("[data-autosave]")) forget(target);
      repeatingRows();
    });
    // A plain submit of the section form sends everything: nothing is pending after that.
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.querySelectorAll("[data-autosave]"), forget);
      window.removeEventListener("beforeunload", warn);
    });

    // Answers typed before a session expiry, a network drop or a closed tab come back.
    Array.prototype.forEach.call(form.querySelectorAll("[data-autosave]"), function (container) {
      var pending = stored(container.getAttribute("data-question"));
      if (!pending) return;
      restore(container, pending.pairs || []);
      var version = versionInput(container);
      if (version) version.value = pending.base; // a change made elsewhere since then is a conflict, not overwritten
      dirty[container.getAttribute("data-question")] = true;
      setState(container, "busy", text("restored"));
      window.htmx.trigger(container, "cim:retry");
    });

    window.addEventListener("online", retryAll);
    window.addEventListener("focus", retryAll);
    document.addEventListener("visibilitychange", retryAll);
    window.setInterval(retryAll, RETRY_MS);

    function warn(event) {
      if (Object.keys(dirty).length && !leavingSafely) {
        event.preventDefault();
        event.returnValue = "";
        return "";
      }
      return undefined;
    }
    window.addEventListener("beforeunload", warn);
  }

  document.addEventListener("DOMContentLoaded", init);
})();

/*! Booking embed v1 · docs/embed.md
 * <div data-booking-embed></div>                       an inline booking flow
 * <button data-booking-embed-popup>Book a call</button> a button that opens it in a dialog
 * Events (CustomEvent on that element, bubbling): booking:slot-held, booking:confirmed, booking:closed.
 * Only messages from this script's own origin and from its own iframes are believed. */
(function () {
  "use strict";
  if (window.BookingEmbed) return;
  var script = document.currentScript;
  var APP = script && script.src ? new URL(script.src).origin : null;
  if (!APP) return;
  var SOURCE = "booking-embed";
  var EVENTS = { "booking:slot-held": 1, "booking:confirmed": 1 };
  var frames = []; // { iframe, element, dialog }

  function frameFor(element, title) {
    var iframe = document.createElement("iframe");
    iframe.src = APP + "/embed?parent=" + encodeURIComponent(window.location.origin);
    iframe.title = title;
    iframe.setAttribute("scrolling", "no");
    iframe.setAttribute("allow", "payment"); // Stripe wallets inside the frame (its own origin only)
    var s = iframe.style;
    s.display = "block";
    s.width = "100%";
    s.border = "0";
    s.overflow = "hidden";
    s.colorScheme = "normal";
    // Until the frame reports its content's height: the element's own min-height, if it set one.
    s.height = (element.getAttribute("data-booking-embed-height") || "640") + "px";
    return iframe;
  }

  function emit(element, type, detail) {
    element.dispatchEvent(new CustomEvent(type, { detail: detail || {}, bubbles: true }));
  }

  function mountInline(element) {
    var entry = { iframe: frameFor(element, element.getAttribute("data-booking-embed-title") || "Book a consultation"), element: element };
    frames.push(entry);
    element.appendChild(entry.iframe);
  }

  function mountPopup(button) {
    var entry = { element: button, iframe: null, dialog: null };
    frames.push(entry);
    button.setAttribute("aria-haspopup", "dialog");
    button.addEventListener("click", function (event) {
      event.preventDefault();
      open(entry);
    });
  }

  function buildDialog(entry) {
    var title = entry.element.getAttribute("data-booking-embed-title") || "Book a consultation";
    var dialog = document.createElement("dialog");
    var id = "booking-embed-title-" + frames.indexOf(entry);
    dialog.setAttribute("aria-labelledby", id);
    var d = dialog.style;
    d.padding = "0";
    d.border = "0";
    d.borderRadius = "12px";
    d.width = "min(64rem, calc(100vw - 2rem))";
    d.maxWidth = "calc(100vw - 2rem)";
    d.maxHeight = "calc(100dvh - 2rem)";
    d.overflow = "auto";
    d.background = "#fff";
    d.color = "#0f172a";
    var bar = document.createElement("div");
    bar.style.cssText =
      "display:flex;align-items:center;justify-content:space-between;gap:1rem;padding:.5rem .75rem;border-bottom:1px solid #e2e8f0;position:sticky;top:0;background:#fff";
    var heading = document.createElement("h2");
    heading.id = id;
    heading.textContent = title;
    heading.style.cssText = "margin:0;font:600 1rem/1.4 system-ui,sans-serif";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.setAttribute("aria-label", "Close booking");
    close.style.cssText =
      "min-height:44px;min-width:44px;padding:0 .75rem;border:1px solid #cbd5e1;border-radius:8px;background:#fff;color:#0f172a;font:500 .95rem system-ui,sans-serif;cursor:pointer";
    close.addEventListener("click", function () {
      dialog.close();
    });
    bar.appendChild(heading);
    bar.appendChild(close);
    entry.iframe = frameFor(entry.element, title);
    dialog.appendChild(bar);
    dialog.appendChild(entry.iframe);
    // Escape on the host page closes it natively (cancel); inside the frame, the frame asks.
    dialog.addEventListener("close", function () {
      document.documentElement.style.overflow = entry.previousOverflow || "";
      emit(entry.element, "booking:closed", {});
      // Focus goes back to the button that opened it.
      entry.element.focus();
    });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close(); // a click on the backdrop
    });
    document.body.appendChild(dialog);
    entry.dialog = dialog;
  }

  function open(entry) {
    if (!entry.dialog) buildDialog(entry);
    if (entry.dialog.open) return;
    entry.previousOverflow = document.documentElement.style.overflow;
    document.documentElement.style.overflow = "hidden";
    // showModal makes the rest of the page inert: focus stays in the dialog and its frame.
    entry.dialog.showModal();
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== APP) return;
    var data = event.data;
    if (!data || typeof data !== "object" || data.source !== SOURCE) return;
    var entry = null;
    for (var i = 0; i < frames.length; i++) if (frames[i].iframe && frames[i].iframe.contentWindow === event.source) entry = frames[i];
    if (!entry) return;
    if (data.type === "booking:resize") {
      var height = Number(data.height);
      if (!isFinite(height) || height < 0 || height > 20000) return;
      var next = Math.ceil(height);
      // Height only, and only a real change: never a loop between the two documents.
      if (Math.abs(next - (entry.height || 0)) >= 1) {
        entry.height = next;
        entry.iframe.style.height = next + "px";
      }
    } else if (data.type === "booking:escape") {
      if (entry.dialog && entry.dialog.open) entry.dialog.close();
    } else if (EVENTS[data.type]) {
      emit(entry.element, data.type, data.detail);
    }
  });

  function init(root) {
    var scope = root || document;
    var inline = scope.querySelectorAll("[data-booking-embed]:not([data-booking-embed-ready])");
    for (var i = 0; i < inline.length; i++) {
      inline[i].setAttribute("data-booking-embed-ready", "");
      mountInline(inline[i]);
    }
    var popups = scope.querySelectorAll("[data-booking-embed-popup]:not([data-booking-embed-ready])");
    for (var j = 0; j < popups.length; j++) {
      popups[j].setAttribute("data-booking-embed-ready", "");
      mountPopup(popups[j]);
    }
  }

  window.BookingEmbed = { version: "1", init: init };
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", function () {
      init();
    });
  else init();
})();

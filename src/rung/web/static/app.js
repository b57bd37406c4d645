/* rung's page behaviour. Kept in a file (never inline) so the
   Content-Security-Policy can forbid inline scripts outright.
   Four jobs: typeset math, keep focus where the learner works after htmx
   swaps, show request errors, and the opt-in "play here" video player. */
(function () {
  "use strict";

  var MATH_DELIMITERS = [
    { left: "\\[", right: "\\]", display: true },
    { left: "\\(", right: "\\)", display: false },
  ];

  /* Typeset the math inside every rendered-Markdown block under root.
     The server wraps math in \( \) or \[ \] inside .math elements, already
     protected from Markdown, so auto-render only has to find the delimiters. */
  function typeset(root) {
    if (typeof window.renderMathInElement !== "function" || !root) return;
    var blocks = [];
    if (root.classList && root.classList.contains("md")) blocks.push(root);
    if (root.querySelectorAll) {
      root.querySelectorAll(".md").forEach(function (el) { blocks.push(el); });
    }
    blocks.forEach(function (el) {
      if (el.dataset.typeset === "1") return;
      window.renderMathInElement(el, {
        delimiters: MATH_DELIMITERS,
        throwOnError: false,
        strict: "ignore",
        trust: false,
      });
      el.dataset.typeset = "1";
    });
  }

  function flash(message) {
    var box = document.getElementById("flash");
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
    window.clearTimeout(flash.timer);
    flash.timer = window.setTimeout(function () { box.hidden = true; }, 8000);
  }

  /* After an answer's feedback arrives, put focus back in the answer box
     (selecting the text so a retry is one keystroke away); after a new
     variant arrives, focus its answer box; after a mark-watched toggle,
     focus the replacement button. */
  function restoreFocus(target) {
    if (!target || !target.closest) return;
    var check = target.closest(".check") || (target.classList.contains("check") ? target : null);
    if (target.classList.contains("feedback") && check) {
      var input = check.querySelector("input.answer");
      var next = target.querySelector(".next-variant");
      var correct = target.querySelector(".fb-correct");
      if (correct && next) { next.focus(); return; }
      if (input) { input.focus(); input.select(); return; }
      var radio = check.querySelector("input[type=radio]:checked") || check.querySelector("input[type=radio]");
      if (radio) radio.focus();
      return;
    }
    if (target.classList.contains("check")) {
      var first = target.querySelector("input.answer, input[type=radio]");
      if (first) first.focus();
      return;
    }
    if (target.classList.contains("video-status") || target.classList.contains("lesson-mark")) {
      var button = target.querySelector("button");
      if (button) button.focus();
    }
  }

  function openPlayer(button) {
    var player = document.getElementById(button.getAttribute("aria-controls"));
    if (!player) return;
    player.hidden = false;
    player.textContent = "";
    if (!navigator.onLine) {
      var p = document.createElement("p");
      p.className = "offline muted";
      p.textContent = "You are offline, so the player cannot load. The video link works once you are back online.";
      player.appendChild(p);
      return;
    }
    var frame = document.createElement("iframe");
    frame.src = button.dataset.embed;
    frame.title = button.dataset.title || "Video";
    frame.allow = "encrypted-media; picture-in-picture; fullscreen";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.setAttribute("allowfullscreen", "");
    frame.loading = "lazy";
    player.appendChild(frame);
    button.textContent = "Close player";
    button.setAttribute("aria-expanded", "true");
  }

  function closePlayer(button) {
    var player = document.getElementById(button.getAttribute("aria-controls"));
    if (player) { player.textContent = ""; player.hidden = true; }
    button.textContent = "Play here";
    button.setAttribute("aria-expanded", "false");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.play-here");
    if (!button) return;
    if (button.getAttribute("aria-expanded") === "true") closePlayer(button);
    else openPlayer(button);
  });

  document.addEventListener("DOMContentLoaded", function () {
    typeset(document.body);
  });

  document.addEventListener("htmx:load", function (event) {
    typeset(event.detail.elt);
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    typeset(target);
    /* An outerHTML swap replaces the target: find its replacement by id. */
    if (target && !target.isConnected && target.id) target = document.getElementById(target.id);
    restoreFocus(target);
  });

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var text = (xhr && xhr.responseText) || "";
    if (text.length > 300 || text.indexOf("<") !== -1) text = "";
    flash(text || "That did not work (error " + (xhr ? xhr.status : "?") + "). Reload the page and try again.");
  });

  document.addEventListener("htmx:sendError", function () {
    flash("rung's server did not answer. Is `rung serve` still running?");
  });
})();

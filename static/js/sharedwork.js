// SharedWork: small enhancements. Every page works without this file.
(function () {
  "use strict";

  // Ask before destructive actions: <form data-confirm="Remove this person?">, or on one submit button
  // of a form with several (<button data-confirm="Remove this block?">); the button's question wins.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var question = (submitter && submitter.getAttribute && submitter.getAttribute("data-confirm")) ||
      (form.getAttribute && form.getAttribute("data-confirm"));
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // Move focus to the error summary so screen-reader users hear what went wrong.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  });

  // Keep focus sensible after htmx swaps: focus the first element marked data-focus-after-swap.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target.querySelector("[data-focus-after-swap]");
    if (target) {
      target.focus();
    }
  });
})();

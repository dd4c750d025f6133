// Warns before leaving a page whose form holds changes not yet saved.
//
// For forms marked data-unsaved-warning (attendance, the minute editor, agenda item and report
// edits). A form is changed when what it would send differs from what it held when the page
// loaded, or when the server sent it back unsaved (data-unsaved-warning="typed": refused, or
// kept while another button was used). Sending the form itself is not leaving it. A plain
// deferred file: the Content-Security-Policy forbids inline script and handlers.
(function () {
  "use strict";
  var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-unsaved-warning]"));
  if (!forms.length) return;

  function state(form) {
    return new URLSearchParams(new FormData(form)).toString();
  }

  var loaded = forms.map(state);
  var submitting = false;

  forms.forEach(function (form) {
    form.addEventListener("submit", function () {
      submitting = true;
    });
  });
  // Back to this page from the browser's cache: it is being left no longer.
  window.addEventListener("pageshow", function () {
    submitting = false;
  });

  function changed() {
    return forms.some(function (form, index) {
      return form.dataset.unsavedWarning === "typed" || state(form) !== loaded[index];
    });
  }

  window.addEventListener("beforeunload", function (event) {
    if (submitting || !changed()) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers show the warning only when this is set
  });
})();

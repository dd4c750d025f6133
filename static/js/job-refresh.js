// Reloads a queued job's page every few seconds while the job runs, so its progress bar moves.
//
// For an element marked data-job-refresh="SECONDS" (templates/job_status.html, present only
// while the job is unfinished). A plain deferred file: the Content-Security-Policy forbids
// inline script. Without JavaScript, a <noscript> meta refresh does the same.
(function () {
  "use strict";
  var marker = document.querySelector("[data-job-refresh]");
  if (!marker) return;
  var seconds = parseInt(marker.getAttribute("data-job-refresh"), 10) || 2;
  window.setTimeout(function () {
    window.location.reload();
  }, seconds * 1000);
})();

// Lets GOV.UK Frontend's CSS know scripts run (kept out of the page: the CSP forbids inline script).
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");

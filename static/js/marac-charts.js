// Draws every MARAC chart on the page from the plotly figure JSON placed beside it by
// json_script. No inline script: the page's Content-Security-Policy forbids it.
(function () {
  "use strict";
  if (!window.Plotly) {
    return;
  }
  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(element, figure.data, figure.layout, {
      displaylogo: false,
      responsive: true,
    });
  });
})();

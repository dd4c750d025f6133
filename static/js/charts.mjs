// Draws the page's charts as they come into view. Each figure is built in Python (plotly),
// written into the page as JSON by Django's json_script, and named by the data-chart-json
// attribute of the element it is drawn in. Drawing all of a long dashboard's charts at once
// held its first screen back by seconds: a chart is drawn only when it nears the viewport.
// No inline script: the Content-Security-Policy forbids it. Shared by every app.
// Maps (choropleths on imported outlines) need no base map, but plotly.js fetches one from its
// CDN for any map, which the CSP blocks and which would stop the drawing: it gets an empty one.
const EMPTY_TOPOLOGY = { type: "Topology", objects: {}, arcs: [] };
// No mode bar: it sat over the data, and the figures are in the table beside each chart and
// in its downloads. The layout every figure starts from is sscp/charts.py.
const CONFIG = {
  responsive: true,
  displayModeBar: false,
};
// Start drawing a little before a chart scrolls into view, so it is there when it arrives.
const MARGIN = "200px 0px";

export function drawChart(element) {
  const Plotly = window.Plotly;
  const source = document.getElementById(element.dataset.chartJson);
  if (!Plotly || !source || element.dataset.chartDrawn) return;
  element.dataset.chartDrawn = "true";
  window.PlotlyGeoAssets ??= { topojson: {} };
  window.PlotlyGeoAssets.topojson.world_110m ??= EMPTY_TOPOLOGY;
  const figure = JSON.parse(source.textContent);
  Plotly.newPlot(element, figure.data, figure.layout, CONFIG);
}

export function drawChartsInView(root = document) {
  const elements = root.querySelectorAll("[data-chart-json]");
  if (!("IntersectionObserver" in window)) {
    elements.forEach(drawChart);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        drawChart(entry.target);
      }
    },
    { rootMargin: MARGIN },
  );
  elements.forEach((element) => observer.observe(element));
  // A printed page has every chart, seen or not.
  window.addEventListener("beforeprint", () => elements.forEach(drawChart), { once: true });
}

drawChartsInView();

// Draws the page's charts. Each figure is built in Python (plotly), written into the page as
// JSON by Django's json_script, and named by the data-chart-json attribute of the element it is
// drawn in. No inline script: the Content-Security-Policy forbids it. Shared by every app.
// Maps (choropleths on imported outlines) need no base map, but plotly.js fetches one from its
// CDN for any map, which the CSP blocks and which would stop the drawing: it gets an empty one.
const EMPTY_TOPOLOGY = { type: "Topology", objects: {}, arcs: [] };

export function drawCharts(root = document) {
  const Plotly = window.Plotly;
  if (!Plotly) return;
  window.PlotlyGeoAssets ??= { topojson: {} };
  window.PlotlyGeoAssets.topojson.world_110m ??= EMPTY_TOPOLOGY;
  for (const element of root.querySelectorAll("[data-chart-json]")) {
    const source = document.getElementById(element.dataset.chartJson);
    if (!source) continue;
    const figure = JSON.parse(source.textContent);
    Plotly.newPlot(element, figure.data, figure.layout, {
      responsive: true,
      displaylogo: false,
      modeBarButtonsToRemove: ["sendDataToCloud"],
    });
  }
}

drawCharts();

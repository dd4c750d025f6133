// Draws the page's charts. Each figure is built in Python (plotly), written into the page as
// JSON by Django's json_script, and named by the data-chart-json attribute of the element it is
// drawn in. No inline script: the Content-Security-Policy forbids it. Shared by every app.
export function drawCharts(root = document) {
  const Plotly = window.Plotly;
  if (!Plotly) return;
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

// Builds static/build/plotly.min.js: plotly.js with only the trace types SSCP Board draws, from
// the plotly.js source installed from npm (never a copied or downloaded bundle), and copies
// plotly's stylesheet beside it. The page links that stylesheet with the id and class plotly
// looks for, so plotly injects no <style> of its own (the Content-Security-Policy refuses them).
//
// Trace types in use (keep in step with the figures built in Python):
//   scatter     marac/charts.py, assessments/charts.py (lines, markers; always in plotly's core)
//   bar         marac/charts.py, assessments/charts.py
//   choropleth  assessments/charts.py (the places map, on imported outlines)
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";

export const TRACES = ["bar", "choropleth"];

const entry = [
  'var Plotly = require("plotly.js/lib/core");',
  `Plotly.register([${TRACES.map((t) => `require("plotly.js/lib/${t}")`).join(", ")}]);`,
  "module.exports = Plotly;",
].join("\n");

const { version } = JSON.parse(readFileSync("node_modules/plotly.js/package.json", "utf8"));

mkdirSync("static/build", { recursive: true });
await build({
  stdin: { contents: entry, resolveDir: process.cwd(), loader: "js", sourcefile: "plotly-sscp.js" },
  outfile: "static/build/plotly.min.js",
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Plotly",
  target: "es2016",
  define: { global: "window", "define.amd": "false" },
  // The maplibre stylesheet registry.js names is for map traces, which are not in the bundle.
  loader: { ".css": "empty" },
  banner: {
    js: `/*! plotly.js v${version} (traces: scatter, ${TRACES.join(", ")}) | MIT License | Copyright 2012-2026, Plotly, Inc. */`,
  },
  logLevel: "warning",
});
copyFileSync("node_modules/plotly.js/dist/plotly.css", "static/build/plotly.css");

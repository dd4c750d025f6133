// Builds static/build/plotly.min.js: plotly.js with only the trace types SSCP Board draws, from
// the plotly.js source installed from npm (never a copied or downloaded bundle), and copies
// plotly's stylesheet beside it. The page links that stylesheet with the id and class plotly
// looks for, so plotly injects no <style> of its own (the Content-Security-Policy refuses them).
//
// Trace types in use (keep in step with the figures built in Python):
//   scatter     marac/charts.py, assessments/charts.py (lines, markers; always in plotly's core)
//   bar         marac/charts.py, assessments/charts.py
//   choropleth  assessments/charts.py (the places map, on imported outlines)
//   scattergeo  assessments/charts.py (the names of the wards on the places map)
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";

// The colour bar (the places map's scale) clears its fills' style with setAttribute("style", ""),
// which the CSP refuses as an inline style (a console error per map); removing the attribute is
// the same for the drawing and allowed. The build fails if plotly's source no longer matches.
const PATCHES = {
  "src/components/colorbar/draw.js": {
    from: ".attr('style', '')",
    to: ".each(function() { this.removeAttribute('style'); })",
    count: 2,
  },
};

const patchPlotlySource = {
  name: "patch-plotly-source",
  setup(plugin) {
    plugin.onLoad({ filter: /plotly\.js[\\/]src[\\/].*\.js$/ }, (args) => {
      const file = Object.keys(PATCHES).find((name) => args.path.endsWith(name));
      if (!file) return undefined;
      const { from, to, count } = PATCHES[file];
      const source = readFileSync(args.path, "utf8");
      const found = source.split(from).length - 1;
      if (found !== count) {
        throw new Error(`${file}: expected ${count} of ${from}, found ${found}; update the patch`);
      }
      return { contents: source.replaceAll(from, to), loader: "js" };
    });
  },
};

export const TRACES = ["bar", "choropleth", "scattergeo"];

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
  plugins: [patchPlotlySource],
  banner: {
    js: `/*! plotly.js v${version} (traces: scatter, ${TRACES.join(", ")}) | MIT License | Copyright 2012-2026, Plotly, Inc. */`,
  },
  logLevel: "warning",
});
copyFileSync("node_modules/plotly.js/dist/plotly.css", "static/build/plotly.css");

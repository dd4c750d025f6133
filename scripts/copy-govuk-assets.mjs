// Copies GOV.UK Frontend's compiled script and images from node_modules into static/build,
// which Django serves (and collectstatic gathers). static/build is generated, never committed.
import { cpSync, mkdirSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk";
mkdirSync("static/build", { recursive: true });
cpSync(`${source}/govuk-frontend.min.js`, "static/build/govuk-frontend.min.js");
cpSync(`${source}/assets/images`, "static/build/assets/images", { recursive: true });
cpSync(`${source}/assets/manifest.json`, "static/build/assets/manifest.json");

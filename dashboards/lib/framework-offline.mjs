#!/usr/bin/env node
// Runs the Observable Framework CLI (`build` or `preview`) with no way to reach the network:
// `fetch` is replaced by one that fails naming the URL, so a page that would pull a library from
// a CDN breaks the build instead of quietly depending on the internet. Framework also resolves
// versions of the libraries its client can load lazily (react, leaflet, ...; never loaded by
// these pages) from the npm registry; seeding its version cache with directory names answers
// those from disk. Plain Node on purpose: this is the process Framework itself runs in.
import {mkdirSync, readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const require = createRequire(join(root, "package.json"));

globalThis.fetch = async (input) => {
  const url = typeof input === "string" ? input : input?.url ?? String(input);
  throw new Error(`offline build: refused a network request to ${url} (import libraries from node_modules, never npm: or implicit globals)`);
};

// The lazy imports in Framework's client bundle, and the version used when not installed here.
const LAZY = {
  "@observablehq/plot": null, "@observablehq/sample-datasets": "1.0.1", "apache-arrow": null, "d3": null, "d3-dsv": null, "htl": null,
  "lodash": "4.18.1", "arquero": "8.0.3", "echarts": "6.1.0", "leaflet": "1.9.4", "mapbox-gl": "3.32.0",
  "parquet-wasm": "0.8.0", "react": "19.3.1", "react-dom": "19.3.1", "topojson-client": "3.1.0"
};

/** The version in the nearest node_modules (package.json read directly: not every package exports it). */
function installedVersion(name) {
  for (let dir = root; ; dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")).version;
    } catch {
      if (dirname(dir) === dir) return null;
    }
  }
}

const npmCache = join(root, "src", ".observablehq", "cache", "_npm");
for (const [name, fallback] of Object.entries(LAZY)) {
  const version = installedVersion(name) ?? fallback;
  if (version) mkdirSync(join(npmCache, `${name}@${version}`), {recursive: true});
}

process.env.OBSERVABLE_TELEMETRY_DISABLE = "true";
process.chdir(root);
const cli = require.resolve("@observablehq/framework/dist/bin/observable.js");
await import(pathToFileURL(cli).href);

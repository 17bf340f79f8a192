// Observable Framework config for the sniper dashboards. Everything builds offline: pages import
// libraries from node_modules (never npm: specifiers or implicit globals, which go to a CDN), no
// web fonts, and the data loaders run under the project's pinned Bun. `sniper dashboards` sets
// OBSERVABLE_TELEMETRY_DISABLE and the SNIPER_LAKE / SNIPER_MODEL / SNIPER_RUN the loaders read.
import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";

const localBun = fileURLToPath(new URL("../node_modules/.bin/bun", import.meta.url));

export default {
  title: "MEXC listing sniper",
  root: "src",
  output: process.env.SNIPER_DASHBOARDS_OUT ?? "dist",
  pages: [
    {name: "Lake overview", path: "/"},
    {name: "Listings", path: "/listings"},
    {name: "Calibration", path: "/calibration"},
    {name: "Backtest runs", path: "/backtest"}
  ],
  interpreters: {".ts": [process.env.SNIPER_BUN ?? (existsSync(localBun) ? localBun : "bun")]},
  globalStylesheets: [],
  style: "style.css",
  search: false,
  footer: "Built offline from the local lake, model and runs.",
  toc: true
};

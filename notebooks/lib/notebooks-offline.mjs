#!/usr/bin/env node
// Builds (or serves) the notebooks with Observable Notebook Kit's Vite plugin, offline. Notebook
// Kit's runtime loads its libraries from a CDN (Inputs for SQL results, Plot, d3, Arrow, ...);
// here every such import resolves to the package in node_modules, and one that is not installed
// becomes a module that throws when a cell uses it, so the built notebooks never reach the
// internet. `fetch` is refused for the same reason. SQL cells run at build time (lib/duckdb-cells.mjs)
// against the DuckDB database `sniper notebooks` prepares (.observable/databases.json).
//   node lib/notebooks-offline.mjs build OUT FILE.html...
//   node lib/notebooks-offline.mjs preview PORT HOST
import {existsSync, readdirSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {build, createServer} from "vite";
import {config, observable} from "@observablehq/notebook-kit/vite";
import {runDuckDBCells} from "./duckdb-cells.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const CDN = /^https:\/\/cdn\.jsdelivr\.net\/npm\/((?:@[^/@]+\/)?[^/@]+)(?:@[^/]+)?(\/.*)?$/;
const OFFLINE = "\0offline:";

globalThis.fetch = async (input) => {
  throw new Error(`offline build: refused a network request to ${typeof input === "string" ? input : input?.url}`);
};

function installed(name) {
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules", name, "package.json"))) return true;
    if (dirname(dir) === dir) return false;
  }
}

/** CDN and npm: imports → node_modules, or a module that fails when used. */
function localLibraries() {
  return {
    name: "sniper-local-libraries",
    enforce: "pre",
    async resolveId(id, importer) {
      const cdn = CDN.exec(id);
      const name = cdn?.[1] ?? (id.startsWith("npm:") ? id.slice(4).replace(/^((?:@[^/@]+\/)?[^/@]+).*$/, "$1") : null);
      if (name === null) return null;
      const sub = cdn ? (cdn[2] ?? "") : id.slice(4 + name.length).replace(/^@[^/]+/, "");
      const spec = sub === "" || sub === "/+esm" ? name : `${name}${sub.replace(/\/\+esm$/, "")}`;
      if (!installed(name)) return `${OFFLINE}${spec}`;
      const resolved = await this.resolve(spec, importer ?? join(root, "index.html"), {skipSelf: true});
      return resolved ?? `${OFFLINE}${spec}`;
    },
    transform(code, id) {
      // stylesheets @import from the CDN too (the Inputs stylesheet): point them at node_modules
      if (!/\.css($|\?)/.test(id) || !code.includes("cdn.jsdelivr.net")) return null;
      return code.replace(/https:\/\/cdn\.jsdelivr\.net\/npm\/((?:@[^/@]+\/)?[^/@"')]+)(?:@[^/"')]+)?\//g, (url, name) => (installed(name) ? `${name}/` : url));
    },
    load(id) {
      if (!id.startsWith(OFFLINE)) return null;
      const spec = id.slice(OFFLINE.length);
      const message = `${spec} is not installed, and notebooks never load libraries from a CDN: npm install it`;
      // names imported from the stub are shimmed (build.rollupOptions.shimMissingExports); the
      // module throws before anything can use one
      return `throw new Error(${JSON.stringify(message)});\nexport default {};`;
    }
  };
}

function viteConfig() {
  const base = config();
  return {
    ...base,
    root,
    logLevel: "warn",
    resolve: {alias: base.resolve.alias.filter((a) => String(a.find) !== String(/^(npm:.*)$/))},
    plugins: [localLibraries(), observable({transformNotebook: runDuckDBCells})]
  };
}

const [command, ...rest] = process.argv.slice(2);
if (command === "build") {
  const [outDir, ...inputs] = rest;
  await build({...viteConfig(), build: {outDir, emptyOutDir: true, assetsInlineLimit: 0, rollupOptions: {input: inputs, shimMissingExports: true}}});
} else if (command === "preview") {
  const [port, host] = rest;
  const server = await createServer({...viteConfig(), server: {port: Number(port), host, strictPort: false}});
  await server.listen();
  for (const file of readdirSync(root).filter((f) => f.endsWith(".html")).sort()) {
    console.log(`notebooks: ${server.resolvedUrls.local[0]}${file}`);
  }
} else {
  console.error("usage: notebooks-offline.mjs build OUT FILE.html... | preview PORT HOST");
  process.exit(2);
}

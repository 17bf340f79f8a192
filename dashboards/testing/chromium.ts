/**
 * Browser tests against the system Chromium (Debian's `chromium`; CI installs it with apt-get),
 * driven by playwright-core. Never downloads a browser: without /usr/bin/chromium the caller
 * skips, and says so loudly. Built sites are served from a folder on a localhost port.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export function warnNoChromium(what: string): void {
  if (hasChromium) return;
  process.stderr.write(`\n!!! SKIPPED ${what}: ${CHROMIUM} not found. Install it with \`apt-get install -y chromium\` (never downloaded by the tests).\n\n`);
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'sniper-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** Serves `dir` on 127.0.0.1 (port 0); `/page` maps to `page.html` as the built sites expect. */
export function serveStatic(dir: string): { url: string; stop(): void } {
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(req) {
      let path = normalize(decodeURIComponent(new URL(req.url).pathname));
      if (path.endsWith('/')) path += 'index';
      if (extname(path) === '') path += '.html';
      const file = Bun.file(join(dir, path));
      return existsSync(join(dir, path))
        ? new Response(file, { headers: { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' } })
        : new Response('not found', { status: 404 });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => void server.stop(true) };
}

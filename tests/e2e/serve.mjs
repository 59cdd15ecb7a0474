// A tiny static server for dist/ on 127.0.0.1, used by the end-to-end tests and the benchmark.
// It serves .wasm as application/wasm, never caches, and can stop and restart (offline tests).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { securityHeaders } from '../../scripts/headers.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** The headers a host sends with every file of the build in `root` (scripts/headers.mjs: its
 * index.html's policy and the rest), or a deny-all policy when there is no build. */
async function headersOf(root) {
  const html = await readFile(join(root, 'index.html'), 'utf8').catch(() => '');
  try {
    return Object.fromEntries(securityHeaders(html));
  } catch {
    return { 'Content-Security-Policy': "default-src 'none'", 'X-Content-Type-Options': 'nosniff' };
  }
}

/** Starts serving `root` on 127.0.0.1 (port 0 = any free port). Resolves to { url, close }.
 * Every response carries the headers of the release's server configurations (the build's
 * Content-Security-Policy among them), as a host serves them: the page then runs under both the
 * header and its meta tag, and the PDF worker and the service worker, which a meta tag does not
 * reach, run under the header. Only caching differs: nothing is cached here. */
export function serve(root, port = 0) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const rel = normalize(path === '/' ? '/index.html' : path).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(root, rel));
      res.writeHead(200, {
        ...(await headersOf(root)),
        'Content-Type': TYPES[extname(rel)] || 'application/octet-stream',
        'Cache-Control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        port: actual,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

// `node tests/e2e/serve.mjs [dir] [port]` serves a directory until interrupted.
if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] || 'dist';
  const port = Number(process.argv[3] || 8080);
  serve(dir, port).then(({ url }) => console.log(`serving ${dir} on ${url}`));
}

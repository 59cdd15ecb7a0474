// The release archive behind real web servers: Debian's nginx and Apache httpd serve its
// unpacked site/ with the archive's own configuration (included unchanged), on 127.0.0.1 and a
// free high port, started and stopped here. run.mjs runs its tests marked `hosted` against
// them (E2E_HOSTED=nginx|apache, E2E_ARCHIVE=release/ti-assess-….tar.gz), and the tests below
// check every header of scripts/headers.mjs on every file type, compression, caching, errors and
// that no folder is listed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { CACHE_HASHED, CACHE_OTHER, HASHED, securityHeaders } from '../../scripts/headers.mjs';

const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const APACHE_MODULES = '/usr/lib/apache2/modules';

/** Unpacks the archive into a fresh folder readable by the servers' worker users. */
export function unpack(archive) {
  const root = mkdtempSync(join(tmpdir(), 'ti-assess-release-'));
  execFileSync('tar', ['-xzf', archive, '-C', root]);
  const [top] = readdirSync(root);
  chmodSync(root, 0o755);
  execFileSync('chmod', ['-R', 'a+rX', root]);
  return { dir: join(root, top), name: top, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A free port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Resolves once something answers HTTP on the port; rejects after `tries` attempts. */
async function answering(port, child, log, tries = 100) {
  for (let i = 0; i < tries; i += 1) {
    if (child.exitCode !== null) throw new Error(`the server stopped (${child.exitCode}): ${log()}`);
    try {
      await get(`http://127.0.0.1:${port}/`, '/');
      return;
    } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  throw new Error(`the server does not answer on ${port}: ${log()}`);
}

/** Starts `command args` in the foreground; returns { url, close } once it answers. */
async function start(command, args, port, prefix) {
  let output = '';
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const log = () => `${output}${existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : ''}`;
  try {
    await answering(port, child, log);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    log,
    close: () => new Promise((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

/** nginx serving `release.dir`/site with the archive's nginx/ti-assess.conf (and brotli.conf when
 * the brotli static module is installed). */
export async function nginx(release) {
  const port = await freePort();
  const prefix = mkdtempSync(join(tmpdir(), 'ti-assess-nginx-'));
  const brotli = existsSync(BROTLI_MODULE);
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, [
    brotli ? `load_module ${BROTLI_MODULE};` : '',
    'daemon off;',
    'worker_processes 1;',
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`,
    'events { worker_connections 64; }',
    'http {',
    `  access_log off;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${prefix}/${t};`),
    '  server {',
    `    listen 127.0.0.1:${port};`,
    `    root ${release.dir}/site;`,
    `    include ${release.dir}/nginx/ti-assess.conf;`,
    brotli ? `    include ${release.dir}/nginx/brotli.conf;` : '',
    '  }',
    '}',
    '',
  ].join('\n'));
  // The configuration must load without a single warning (nginx -t says them on stderr).
  const check = spawnSync('nginx', ['-t', '-q', '-p', prefix, '-c', conf, '-e', 'stderr'], { encoding: 'utf8' });
  if (check.status !== 0 || check.stderr.trim()) throw new Error(`nginx -t: ${check.stderr}`);
  const server = await start('nginx', ['-p', prefix, '-c', conf, '-e', `${prefix}/error.log`], port, prefix);
  return { ...server, name: 'nginx', brotli, close: async () => { await server.close(); rmSync(prefix, { recursive: true, force: true }); } };
}

/** The Apache httpd configuration that serves `release.dir`/site with the archive's
 * apache/ti-assess.conf, as a virtual host would. */
function apacheConf(release, prefix, port) {
  const modules = ['mpm_event', 'authz_core', 'mime', 'dir', 'headers', 'filter', 'deflate', 'brotli'];
  const root = process.getuid?.() === 0;
  return [
    `ServerRoot ${prefix}`,
    ...modules.map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`),
    root ? 'User www-data\nGroup www-data' : '',
    `Listen 127.0.0.1:${port}`,
    'ServerName 127.0.0.1',
    `PidFile ${prefix}/httpd.pid`,
    `ErrorLog ${prefix}/error.log`,
    'LogLevel warn',
    `Mutex file:${prefix} default`,
    'TypesConfig /etc/mime.types',
    `DefaultRuntimeDir ${prefix}`,
    '<Directory />',
    '  Require all denied',
    '  AllowOverride None',
    '</Directory>',
    `DocumentRoot ${release.dir}/site`,
    `<Directory ${release.dir}/site>`,
    '  Require all granted',
    `  Include ${release.dir}/apache/ti-assess.conf`,
    '</Directory>',
    '',
  ].join('\n');
}

/** Apache httpd serving `release.dir`/site with the archive's apache/ti-assess.conf. */
export async function apache(release) {
  const port = await freePort();
  const prefix = mkdtempSync(join(tmpdir(), 'ti-assess-apache-'));
  chmodSync(prefix, 0o755);
  const conf = join(prefix, 'httpd.conf');
  writeFileSync(conf, apacheConf(release, prefix, port));
  // What `apachectl -t` checks; it must say nothing but "Syntax OK".
  const check = spawnSync('apache2', ['-t', '-f', conf], { encoding: 'utf8' });
  if (check.status !== 0 || `${check.stdout}${check.stderr}`.trim() !== 'Syntax OK') {
    throw new Error(`apache2 -t: ${check.stdout}${check.stderr}`);
  }
  const server = await start('apache2', ['-f', conf, '-DFOREGROUND'], port, prefix);
  return { ...server, name: 'apache', brotli: true, close: async () => { await server.close(); rmSync(prefix, { recursive: true, force: true }); } };
}

/** One GET of `path` (sent as it is, `..` included) without decompression:
 * { status, headers, body (as sent) }. */
export function get(base, path = '/', headers = {}) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.setTimeout(10000, () => req.destroy(new Error(`no answer from ${base}${path}`)));
    req.end();
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.webmanifest', '.txt', '.json', '.svg']);

/** What a response's body is once decoded. */
function decoded(r) {
  const enc = r.headers['content-encoding'];
  if (enc === 'gzip') return gunzipSync(r.body);
  if (enc === 'br') return brotliDecompressSync(r.body);
  return r.body;
}

/** Registers the header tests of the server `name`, on the unpacked `release`; each test is
 * given the running server ({ url, brotli }). */
export function headerTests(test, { assert, name, release }) {
  test(`${name}: every file type carries the build's CSP, nosniff, Referrer- and Permissions-Policy, its type, caching and compression`, async (server) => {
    const { url, brotli } = server;
    const site = join(release.dir, 'site');
    const expected = securityHeaders(readFileSync(join(site, 'index.html'), 'utf8'));
    // Every file, fonts/ and fonts/on-demand/ included (paths relative to site/).
    const files = readdirSync(site, { recursive: true })
      .filter((f) => statSync(join(site, f)).isFile() && !f.endsWith('.gz') && !f.endsWith('.br'));
    const kinds = new Set(files.map((f) => extname(f)));
    for (const k of ['.html', '.js', '.wasm', '.css', '.webmanifest', '.png', '.txt', '.woff2']) assert(kinds.has(k), `no ${k} in site/`);
    assert(files.some((f) => f.startsWith('fonts/on-demand/') && HASHED.test(f)), 'the on-demand CJK font, by its hashed name');
    for (const f of ['sw.js', 'pdf-worker.js', 'pdf-worker_bg.wasm', 'pdf-worker-entry.js', 'manifest.webmanifest']) {
      assert(files.includes(f), `site/ lacks ${f}`);
    }
    assert(files.some((f) => HASHED.test(f) && f.endsWith('.wasm')) && files.some((f) => HASHED.test(f) && f.endsWith('.css')), 'hashed names');
    // The policy permits nothing the app does not use, and says so for the features that matter.
    const pp = expected.find(([n]) => n === 'Permissions-Policy')[1];
    for (const f of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) assert(pp.includes(`${f}=()`), `Permissions-Policy lets ${f} through`);
    assert(pp.split(', ').every((e) => /^[a-z-]+=\(\)$/.test(e)), `Permissions-Policy denies all it names: ${pp}`);
    const csp = expected[0][1];
    assert(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/.test(csp) && !csp.includes('unsafe-inline'), `CSP: ${csp}`);
    const paths = ['/', ...files.map((f) => `/${f}`)];
    for (const path of paths) {
      const file = path === '/' ? 'index.html' : path.slice(1);
      const ext = extname(file);
      const raw = readFileSync(join(site, file));
      for (const accept of [brotli ? 'br, gzip' : 'gzip', 'gzip', '']) {
        const r = await get(url, path, accept ? { 'Accept-Encoding': accept } : {});
        const where = `${path} (Accept-Encoding: ${accept || 'none'})`;
        assert(r.status === 200, `${where}: HTTP ${r.status}`);
        for (const [name, value] of expected) {
          assert(r.headers[name.toLowerCase()] === value, `${where}: ${name} is ${r.headers[name.toLowerCase()]}`);
        }
        assert(r.headers['content-type'] === TYPES[ext], `${where}: Content-Type ${r.headers['content-type']}`);
        const cache = HASHED.test(file) ? CACHE_HASHED : CACHE_OTHER;
        assert(r.headers['cache-control'] === cache, `${where}: Cache-Control ${r.headers['cache-control']}, not ${cache}`);
        const wanted = !COMPRESSIBLE.has(ext) || !accept ? undefined : accept.startsWith('br') ? 'br' : 'gzip';
        assert(r.headers['content-encoding'] === wanted, `${where}: Content-Encoding ${r.headers['content-encoding']}, not ${wanted}`);
        if (COMPRESSIBLE.has(ext)) assert(/accept-encoding/i.test(r.headers.vary || ''), `${where}: Vary ${r.headers.vary}`);
        assert(decoded(r).equals(raw), `${where}: the body is not the file`);
      }
    }
  });

  test(`${name}: errors carry the headers too; no folder is listed; only the site is served`, async ({ url }) => {
    const site = join(release.dir, 'site');
    const expected = securityHeaders(readFileSync(join(site, 'index.html'), 'utf8'));
    // A folder without index.html, as a host might leave one: never listed.
    const probe = join(site, 'listing-probe');
    mkdirSync(probe, { recursive: true });
    writeFileSync(join(probe, 'secret-name.txt'), 'x');
    chmodSync(probe, 0o755);
    try {
      for (const [path, statuses] of [['/listing-probe/', [403, 404]], ['/listing-probe', [301, 403, 404]], ['/no-such-file.js', [404]]]) {
        const r = await get(url, path);
        assert(statuses.includes(r.status), `${path}: HTTP ${r.status}`);
        assert(!r.body.toString().includes('secret-name'), `${path}: a listing`);
        for (const [name, value] of expected) assert(r.headers[name.toLowerCase()] === value, `${path} (HTTP ${r.status}): ${name} is ${r.headers[name.toLowerCase()]}`);
      }
      // Nothing outside site/ (the configurations, HOSTING.md): refused before any location is
      // chosen, so this answer has the server's own headers only.
      for (const path of ['/../HOSTING.md', '/%2e%2e/HOSTING.md', '/nginx/ti-assess.conf']) {
        const r = await get(url, path);
        assert([400, 403, 404].includes(r.status), `${path}: HTTP ${r.status}`);
        assert(!r.body.toString().includes('Hosting ti-assess'), `${path}: served a file outside site/`);
      }
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  });
}

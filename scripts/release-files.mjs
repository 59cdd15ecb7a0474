// Writes the release archive's server configurations and HOSTING.md for one build, from the
// templates in deploy/ (`@NAME@` placeholders): the headers of scripts/headers.mjs with this
// build's Content-Security-Policy (from its index.html), the hashed-name pattern, the version
// and the build.
//   node scripts/release-files.mjs SITE_DIR OUT_DIR VERSION COMMIT
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CACHE_HASHED, CACHE_OTHER, HASHED, securityHeaders } from './headers.mjs';

const [site, out, version, commit] = process.argv.slice(2);
if (!commit) {
  console.error('usage: node scripts/release-files.mjs SITE_DIR OUT_DIR VERSION COMMIT');
  process.exit(2);
}
const headers = securityHeaders(readFileSync(join(site, 'index.html'), 'utf8'));
for (const [name, value] of headers) {
  // Both servers take the value in double quotes; nginx would also read `$` as a variable.
  if (/["$\\\n]/.test(value)) throw new Error(`${name}: a value the server configurations cannot quote`);
}
const SYNTAX = {
  nginx: (n, v) => `    add_header ${n} "${v}" always;`,
  apache: (n, v) => `    Header always set ${n} "${v}"`,
};
const FILES = [
  ['nginx/ti-assess.conf', 'nginx'], ['nginx/brotli.conf', 'nginx'], ['nginx/example-server.conf', 'nginx'],
  ['apache/ti-assess.conf', 'apache'], ['apache/example-vhost.conf', 'apache'], ['HOSTING.md', null],
];
for (const [file, server] of FILES) {
  const text = readFileSync(join('deploy', file), 'utf8')
    .replaceAll('@HEADERS@', server ? headers.map(([n, v]) => SYNTAX[server](n, v)).join('\n') : '')
    .replaceAll('@HASHED@', HASHED.source)
    .replaceAll('@CACHE_HASHED@', CACHE_HASHED)
    .replaceAll('@CACHE_OTHER@', CACHE_OTHER)
    .replaceAll('@VERSION@', version)
    .replaceAll('@COMMIT@', commit);
  const left = text.match(/@[A-Z_]+@/);
  if (left) throw new Error(`deploy/${file}: unknown placeholder ${left[0]}`);
  mkdirSync(dirname(join(out, file)), { recursive: true });
  writeFileSync(join(out, file), text);
}
console.log(`release-files.mjs: ${FILES.length} files written to ${out}`);

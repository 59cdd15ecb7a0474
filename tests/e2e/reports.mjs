// Generated reports for the Collect e2e tests and benchmark: copies of the two "meets everything"
// fixtures (tests/e2e/fixtures/*-good.json, kept equal to the scenario tables' GOOD answers by
// tests/it/collect.rs) with another ID, name, answer time and a few answers changed.
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('./fixtures/', import.meta.url);
export const GOOD = {
  vo: JSON.parse(readFileSync(new URL('vo-good.json', FIXTURES), 'utf8')),
  site: JSON.parse(readFileSync(new URL('site-good.json', FIXTURES), 'utf8')),
};

/** A report: `kind` is 'vo' or 'site'; `set` maps question IDs to answer values (as in the JSON,
 *  without `given_at`), `unset` lists questions to remove; every answer is given at `when`. */
export function report(kind, { id, name, when = '2026-10-01T09:00:00.000Z', set = {}, unset = [] }) {
  const doc = structuredClone(GOOD[kind]);
  doc.id = id;
  doc.name = name;
  for (const q of unset) delete doc.answers[q];
  for (const [q, v] of Object.entries(set)) doc.answers[q] = v;
  for (const a of Object.values(doc.answers)) a.given_at = when;
  return doc;
}

/** The bytes of a report file. */
export const bytes = (doc) => Buffer.from(JSON.stringify(doc));

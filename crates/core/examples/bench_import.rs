//! Benchmark of the import planner (issue #16), not a test: asserts nothing and is never run by
//! `cargo test`. Plans 1,000 reports (variations of tests/e2e/fixtures/{vo,site}-good.json, half
//! VOs, half sites, each with its own ID and name) with `persist::import::plan`, then adds the same
//! files to a `collect::Collection` (plan, statuses, totals); prints the time per report of each,
//! the median of several runs. For scale, also the parts of a plan: the text parsed into a
//! `serde_json::Value` alone, and a walk over it that only looks for repeated keys (what the planner
//! did before its parse until issue #16; re-implemented here, for timing only).
//!
//! Usage: `cargo run --release -p ti-core --example bench_import [runs]` (default 9 runs).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::Write;
use std::time::Instant;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use ti_core::{catalog, collect::Collection, persist::import, time::Date};

const REPORTS: usize = 1000;

fn fixtures() -> std::io::Result<Vec<Vec<u8>>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/e2e/fixtures");
    let vo = std::fs::read_to_string(format!("{dir}/vo-good.json"))?;
    let site = std::fs::read_to_string(format!("{dir}/site-good.json"))?;
    Ok((0..REPORTS)
        .map(|i| {
            let (text, id, name) =
                if i % 2 == 0 { (&vo, "good-vo", "Good VO") } else { (&site, "good-site", "Good site") };
            text.replacen(&format!("\"id\":\"{id}\""), &format!("\"id\":\"r-{i}\""), 1)
                .replacen(
                    &format!("\"name\":\"{name}\""),
                    &format!("\"name\":\"Respondent {i} — Ξ 测试\""),
                    1,
                )
                .into_bytes()
        })
        .collect())
}

/// Visits every value and refuses a repeated key, building nothing.
struct Walk;

impl<'de> de::DeserializeSeed<'de> for Walk {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Walk)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key) {
                return Err(de::Error::custom("duplicate key"));
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() -> std::io::Result<()> {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(9);
    let files = fixtures()?;
    let stored = BTreeMap::new();
    let today = Date::parse("2026-12-02").map_err(std::io::Error::other)?;
    let (mut planned, mut collected, mut parsed, mut walked) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut ok = 0;
    for _ in 0..runs {
        let t = Instant::now();
        ok = files.iter().filter(|f| import::plan(f, &stored, catalog::builtin).is_ok()).count();
        planned.push(t.elapsed().as_secs_f64() * 1e6 / REPORTS as f64);
        let t = Instant::now();
        let values = files.iter().filter(|f| serde_json::from_slice::<serde_json::Value>(f).is_ok()).count();
        parsed.push(t.elapsed().as_secs_f64() * 1e6 / REPORTS as f64);
        let t = Instant::now();
        let walks = files
            .iter()
            .filter(|f| {
                de::DeserializeSeed::deserialize(Walk, &mut serde_json::Deserializer::from_slice(f)).is_ok()
            })
            .count();
        walked.push(t.elapsed().as_secs_f64() * 1e6 / REPORTS as f64);
        assert_eq!((values, walks), (REPORTS, REPORTS), "a fixture is not JSON");
        let t = Instant::now();
        let mut c = Collection::new(today);
        for (i, f) in files.iter().enumerate() {
            c.add_file(&format!("r-{i}.json"), f);
        }
        collected.push(t.elapsed().as_secs_f64() * 1e6 / REPORTS as f64);
    }
    let mut out = std::io::stdout();
    writeln!(out, "{REPORTS} reports ({ok} planned), {runs} runs, median per report:")?;
    writeln!(out, "  import::plan          {:8.1} µs", median(planned))?;
    writeln!(out, "  Collection::add_file  {:8.1} µs", median(collected))?;
    writeln!(out, "  parts: text → Value  {:8.1} µs", median(parsed))?;
    writeln!(out, "  parts: key walk only {:8.1} µs", median(walked))?;
    Ok(())
}

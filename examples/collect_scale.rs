//! Native scale measurement of the Collect core (BENCHMARKS.md, "Collect"): read, evaluate and
//! aggregate 10, 100 and 1,000 generated reports (half VOs, half sites, copies of the e2e
//! fixtures with their own IDs), then build the matrix and the long CSV.
//! Run: `cargo run --release --example collect_scale`. Measures only; asserts nothing.

// A measurement tool: printing its figures is its job.
#![allow(clippy::print_stdout)]

use std::time::Instant;

use ti_core::collect::Collection;
use ti_core::collect::matrix::{self, Filter, Sort};
use ti_core::persist;
use ti_core::time::Date;

const VO: &str = include_str!("../tests/e2e/fixtures/vo-good.json");
const SITE: &str = include_str!("../tests/e2e/fixtures/site-good.json");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let vo = persist::decode(VO)?;
    let site = persist::decode(SITE)?;
    let today = Date::parse("2026-11-26")?;
    for n in [10usize, 100, 1000] {
        let files: Vec<(String, Vec<u8>)> = (0..n)
            .map(|i| {
                let mut a = if i % 2 == 0 { vo.clone() } else { site.clone() };
                a.id = format!("r-{i}");
                a.name = format!("Respondent {i}");
                (format!("{i}.json"), persist::encode(&a).into_bytes())
            })
            .collect();
        let t0 = Instant::now();
        let mut c = Collection::new(today);
        for (name, bytes) in &files {
            c.add_file(name, bytes);
        }
        let t1 = Instant::now();
        let m = matrix::matrix(&c, &Filter::default(), Sort::MostGaps);
        let t2 = Instant::now();
        let csv = matrix::long_csv(&c, &m);
        let t3 = Instant::now();
        println!(
            "{n:>5} reports: read+evaluate {:>7.1} ms ({:.3} ms/report), matrix {:>6.1} ms, CSV {:>6.1} ms ({} KiB), {} rows",
            (t1 - t0).as_secs_f64() * 1e3,
            (t1 - t0).as_secs_f64() * 1e3 / n as f64,
            (t2 - t1).as_secs_f64() * 1e3,
            (t3 - t2).as_secs_f64() * 1e3,
            csv.len() / 1024,
            m.rows.len()
        );
    }
    Ok(())
}

//! Native measurement of saving and loading one long assessment (BENCHMARKS.md, "Answer →
//! persisted"): the document the browser benchmark plants (the VO e2e fixture plus 500 answers
//! kept from an older question set), encoded and decoded 500 times each.
//! Run: `cargo run --release --example persist_scale` (`PERSIST_SCALE_OUT=file` also writes the
//! document). Measures only; asserts nothing.

// A measurement tool: printing its figures is its job.
#![allow(clippy::print_stdout)]

use std::time::Instant;

use ti_core::model::{AnswerValue, Evidence};
use ti_core::persist;
use ti_core::time::Timestamp;

const VO: &str = include_str!("../tests/e2e/fixtures/vo-good.json");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut a = persist::decode(VO)?;
    let at = Timestamp::parse("2026-11-26T10:00:00Z")?;
    for i in 0..500 {
        let text = format!("An answer kept from an older question set, number {i}, with some length to it.");
        a.set_answer(&format!("bench.extra-{i}"), Some(AnswerValue::Text(text)), at);
    }
    a.set_answer("bench.not-applicable", Some(AnswerValue::NotApplicable("no \"pilots\" here\n".into())), at);
    for id in ["VO-IR-1.procedure", "VO-LOG-2.stores", "bench.only-evidence"] {
        let evidence = Evidence {
            text: format!("Checked by the VO security officer ({id})"),
            url: "https://vo.example/".into(),
        };
        a.set_evidence(id, evidence);
    }
    a.set_evidence("bench.url-only", Evidence { text: String::new(), url: "https://vo.example/u".into() });
    let text = persist::encode(&a);
    // For checking a change of the encoder: the document as written, to compare byte for byte.
    if let Some(path) = std::env::var_os("PERSIST_SCALE_OUT") {
        std::fs::write(path, &text)?;
    }
    let mut encode = Vec::new();
    let mut decode = Vec::new();
    for _ in 0..500 {
        let t0 = Instant::now();
        let out = persist::encode(&a);
        encode.push(t0.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(out);
        let t0 = Instant::now();
        let back = persist::decode(&text)?;
        decode.push(t0.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(back);
    }
    let pct = |xs: &mut Vec<f64>, p: f64| {
        xs.sort_by(f64::total_cmp);
        xs[((xs.len() as f64 * p) as usize).min(xs.len() - 1)]
    };
    println!(
        "{} answers, {:.1} KiB: encode median {:.3} ms, p95 {:.3} ms; decode median {:.3} ms, p95 {:.3} ms",
        a.answers.len(),
        text.len() as f64 / 1024.0,
        pct(&mut encode, 0.5),
        pct(&mut encode, 0.95),
        pct(&mut decode, 0.5),
        pct(&mut decode, 0.95)
    );
    Ok(())
}

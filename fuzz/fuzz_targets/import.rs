//! Fuzz target: any bytes offered as an import (a dropped or chosen file, or the JSON read out of
//! a PDF) give a plan or a typed error, never a panic; and anything accepted round-trips.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use ti_core::catalog;
use ti_core::persist::{self, import};

fuzz_target!(|data: &[u8]| {
    if let Ok(plan) = import::plan(data, &BTreeMap::new(), catalog::builtin) {
        let text = persist::encode(&plan.assessment);
        assert_eq!(persist::decode(&text).as_ref(), Ok(&plan.assessment));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = persist::decode(text);
        let _ = persist::read_newer(text);
    }
});

//! The challenge kit's file (`questions/challenge.toml`): its raw shape (`raw`), the two small
//! condition languages of findings and value sources (`conditions`), and the checks that turn it
//! into a `challenge::kit::Kit` (`validate`). Loaded by `catalog::builtin_kit`.

mod conditions;
pub mod raw;
mod validate;

pub use validate::validate;

//! The lightweight challenge kit: plan, run and score "one harmless malicious job per VO", and
//! hold a VO's or site's self-assessment against the result.
//!
//! Design basis: the working group's challenge reference (challenge.md §2–§6). What the kit
//! decides is data (`questions/challenge.toml`, read by `catalog::builtin_kit` into `kit`); the
//! modules here are the engine:
//! `id` (exercise IDs), `zone` and `calendar` (time zones as data, working hours), `identity`
//! (does the named owner equal the test identity), `jobs` (recall and precision), `model` (the
//! public challenge and the sealed truth, kept apart), `score` (criteria and result), `views`
//! (what each audience is given), `feed` (proposals and contradictions), `report` and `document`
//! (the report, debrief and alert PDFs as document models, and which one is asked for).
//!
//! Invariants: pure and sans-IO (the caller passes `now`); nothing here knows JSON (that is
//! `persist`'s); the sealed truth reaches a VO or a site only through an explicit reveal.

pub mod calendar;
pub mod document;
pub mod documents;
pub mod feed;
pub mod id;
pub mod identity;
pub mod jobs;
pub mod kit;
pub mod model;
pub mod outcome;
pub mod report;
pub mod score;
pub mod views;
pub mod zone;

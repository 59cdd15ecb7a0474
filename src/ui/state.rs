//! The app's reactive state and the one function that records an answer.

use leptos::prelude::*;

use crate::model::{AnswerValue, Assessment, QuestionSet};
use crate::rules::Gap;
use crate::storage::{self, StorageError};
use crate::time::Timestamp;

/// Whether answers reach browser storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveMode {
    /// Every answer is saved as it is given.
    Persisting,
    /// Answers live only in this page (storage blocked, or stored data must not be touched).
    InMemory,
}

/// A message for the banner. Each says what happened and what to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// Storage is blocked.
    Blocked,
    /// Stored data could not be read; a copy was kept under `key`.
    Quarantined { reason: String, key: String },
    /// Stored data could not be read nor copied aside.
    Unsaved { reason: String, copy_error: String },
    /// Stored data comes from a newer app version.
    Newer { reason: String },
    /// The last save failed.
    SaveFailed(StorageError),
    /// The question set itself is broken (a build defect).
    Catalogue(String),
}

/// Everything components share, provided as context.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub set: &'static QuestionSet,
    pub assessment: RwSignal<Assessment>,
    pub gaps: Memo<Vec<Gap>>,
    pub mode: RwSignal<SaveMode>,
    pub notice: RwSignal<Option<Notice>>,
}

/// The current time from the browser's clock.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

impl Ctx {
    /// Records an answer (or clears it with `None`) and saves at once.
    pub fn answer(&self, question: &str, value: Option<AnswerValue>) {
        if self.assessment.with_untracked(|a| a.answer(question) == value.as_ref()) {
            return;
        }
        self.assessment.update(|a| a.set_answer(question, value, now()));
        if self.mode.get_untracked() != SaveMode::Persisting {
            return;
        }
        match self.assessment.with_untracked(storage::save) {
            Ok(()) => {
                if matches!(self.notice.get_untracked(), Some(Notice::SaveFailed(_))) {
                    self.notice.set(None);
                }
            }
            Err(e) => self.notice.set(Some(Notice::SaveFailed(e))),
        }
    }
}

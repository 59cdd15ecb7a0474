//! The app's reactive state and the one function that records an answer.
//!
//! Invariant: the page writes an assessment to storage only while it is visible. A hidden tab
//! (another tab or window has the user's attention, and may be writing the same assessment) only
//! takes in what others saved (`merge_stored`, which never writes back); a save asked for while
//! hidden waits, and `flush` writes it when the page is visible again, or when it is going away
//! (`pagehide`: the last chance to keep the answer; the merge before the write keeps the other
//! tab's answers). Each merge that changes something here names the questions it changed in
//! `Ctx::merged`, so that their fields show the merged value (`stale`).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use leptos::prelude::*;

use crate::web::storage::{self, Loaded, StorageError};
use ti_core::challenge::feed::Contradiction;
use ti_core::model::{AnswerValue, Assessment, Evidence, QuestionSet};
use ti_core::rules::{self, Gap};
use ti_core::time::{Date, Timestamp};

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
    /// The last save failed.
    SaveFailed(StorageError),
    /// Saved by a newer version: shown read-only, never saved over. Holds the reason.
    ReadOnly(String),
}

/// What holds for the whole visit: whether storage works, and (when it does not) the
/// assessments kept in memory for the visit.
#[derive(Clone, Copy)]
pub struct Session {
    /// Browser storage is unavailable: nothing is saved, everything lives in `memory`.
    pub blocked: bool,
    memory: StoredValue<BTreeMap<String, Assessment>>,
    /// The browser's answer to `navigator.storage.persist()` (asked once, after an answer).
    pub persisted: RwSignal<Option<Option<bool>>>,
}

impl Session {
    /// Probes storage once for the visit.
    pub fn start() -> Self {
        Session {
            blocked: storage::probe().is_err(),
            memory: StoredValue::new(BTreeMap::new()),
            persisted: RwSignal::new(None),
        }
    }
    /// Keeps an assessment for the visit.
    pub fn remember(&self, a: Assessment) {
        self.memory.update_value(|m| {
            m.insert(a.id.clone(), a);
        });
    }
    /// An assessment kept for the visit.
    pub fn get(&self, id: &str) -> Option<Assessment> {
        self.memory.with_value(|m| m.get(id).cloned())
    }
    /// Drops an assessment kept for the visit.
    pub fn forget(&self, id: &str) {
        self.memory.update_value(|m| {
            m.remove(id);
        });
    }
    /// Every assessment kept for the visit.
    pub fn all(&self) -> Vec<Assessment> {
        self.memory.with_value(|m| m.values().cloned().collect())
    }
}

/// What the last merge of another tab's save changed here: the fields of these questions show
/// stale values until they refresh (see `stale`). `count` makes two merges that change the same
/// questions two events.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merged {
    /// Merges so far in this page.
    pub count: u64,
    /// The questions whose answer or evidence the last merge changed.
    pub questions: BTreeSet<String>,
}

/// Everything components share, provided as context.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub session: Session,
    pub set: &'static QuestionSet,
    pub assessment: RwSignal<Assessment>,
    pub today: Date,
    pub visible: Memo<HashSet<String>>,
    pub gaps: Memo<Vec<Gap>>,
    pub mode: RwSignal<SaveMode>,
    pub notice: RwSignal<Option<Notice>>,
    /// The revision this page last read or wrote; another value in storage means another tab
    /// saved in between.
    pub last_saved: StoredValue<u64>,
    /// A save was asked for while the page was hidden and waits for `flush`.
    pending: StoredValue<bool>,
    /// The last merge of another tab's save, for the fields it changed.
    pub merged: RwSignal<Merged>,
    /// Bumped when a challenge result is imported: the contradictions, read from storage, are
    /// read again.
    pub results_stored: RwSignal<u64>,
    /// The gaps where the answers disagree with the latest stored challenge concerning this
    /// assessment, as the tools module last computed them (`challenge_import`).
    pub contradictions: RwSignal<Vec<Contradiction>>,
}

/// Whether the page is hidden (`document.visibilityState`), read through `Reflect` so that no
/// web-sys feature (and no rebuild of every crate using web-sys) is needed for one string.
fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| js_sys::Reflect::get(&d, &"visibilityState".into()).ok())
        .and_then(|v| v.as_string())
        .is_some_and(|v| v == "hidden")
}

/// The current time from the browser's clock.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

impl Ctx {
    /// Builds the shared state for `set` with the loaded assessment.
    pub fn new(
        session: Session,
        set: &'static QuestionSet,
        initial: Assessment,
        mode: SaveMode,
        notice: Option<Notice>,
    ) -> Self {
        let today = now().day();
        let last_saved = StoredValue::new(initial.revision);
        let assessment = RwSignal::new(initial);
        let visible = Memo::new(move |_| {
            assessment.with(|a| {
                rules::visible_questions(set, a, today).into_iter().map(str::to_owned).collect::<HashSet<_>>()
            })
        });
        let gaps = Memo::new(move |_| assessment.with(|a| rules::evaluate(set, a, today)));
        Ctx {
            session,
            set,
            assessment,
            today,
            visible,
            gaps,
            mode: RwSignal::new(mode),
            notice: RwSignal::new(notice),
            last_saved,
            pending: StoredValue::new(false),
            merged: RwSignal::new(Merged::default()),
            results_stored: RwSignal::new(0),
            contradictions: RwSignal::new(Vec::new()),
        }
    }

    /// Whether a question is shown for the current profile.
    pub fn is_visible(&self, question: &str) -> bool {
        self.visible.with(|v| v.contains(question))
    }

    /// Records an answer (or clears it with `None`) and saves at once.
    pub fn answer(&self, question: &str, value: Option<AnswerValue>) {
        if self.assessment.with_untracked(|a| a.answer(question) == value.as_ref()) {
            return;
        }
        self.assessment.update(|a| a.set_answer(question, value, now()));
        self.save();
    }

    /// Records evidence for a question and saves at once.
    pub fn evidence(&self, question: &str, evidence: Evidence) {
        if self
            .assessment
            .with_untracked(|a| a.evidence.get(question).cloned().unwrap_or_default() == evidence)
        {
            return;
        }
        self.assessment.update(|a| a.set_evidence(question, evidence));
        self.save();
    }

    /// The assessment's ID.
    pub fn id(&self) -> String {
        self.assessment.with_untracked(|a| a.id.clone())
    }

    /// Takes in what another tab saved (answer by answer, the later wins), without saving.
    pub fn merge_stored(&self) {
        let id = self.id();
        if let Ok(Loaded::Found(theirs)) = storage::load(&id, now().0) {
            if theirs.revision == self.last_saved.get_value() {
                return;
            }
            self.take_in(&theirs);
            self.last_saved.set_value(theirs.revision);
        }
    }

    /// Merges another tab's copy into this one and tells the fields whose question changed.
    fn take_in(&self, theirs: &Assessment) {
        let changed = self.assessment.try_update(|a| a.merge_from(theirs)).unwrap_or_default();
        if !changed.is_empty() {
            self.merged.update(|m| {
                m.count += 1;
                m.questions = changed;
            });
        }
    }

    /// Writes a save that waited while the page was hidden. `leaving`: the page is going away
    /// (`pagehide`), so it writes even while hidden.
    pub fn flush(&self, leaving: bool) {
        if self.pending.get_value() && (leaving || !page_hidden()) {
            self.pending.set_value(false);
            self.write();
        }
    }

    fn save(&self) {
        if self.mode.get_untracked() != SaveMode::Persisting {
            if self.session.blocked {
                self.session.remember(self.assessment.get_untracked());
            }
            return;
        }
        if page_hidden() {
            self.pending.set_value(true);
            return;
        }
        self.write();
    }

    /// Merges what another tab saved since, then writes the assessment.
    fn write(&self) {
        // Another tab saved since this page last did: merge its answers first, so that neither
        // tab's answers are lost (two small reads; the full document only when it changed).
        let id = self.id();
        if storage::stored_revision(&id).is_some_and(|r| r != self.last_saved.get_value()) {
            match storage::load(&id, now().0) {
                Ok(Loaded::Found(theirs)) => self.take_in(&theirs),
                Ok(Loaded::Newer(..)) | Ok(Loaded::Unsaved { .. }) | Ok(Loaded::Unmigrated { .. }) => {
                    self.mode.set(SaveMode::InMemory);
                    self.notice.set(Some(Notice::SaveFailed(StorageError::Other(
                        "another tab stored this assessment in a form this version cannot read, so it is not overwritten".into(),
                    ))));
                    return;
                }
                _ => {}
            }
        }
        let revision = self.assessment.with_untracked(|a| a.revision);
        match self.assessment.with_untracked(storage::save) {
            Ok(()) => {
                self.last_saved.set_value(revision);
                if self.session.persisted.get_untracked().is_none() {
                    // Ask once per visit; mark it asked at once so that a fast typist asks once.
                    let persisted = self.session.persisted;
                    persisted.set(Some(None));
                    leptos::task::spawn_local(async move {
                        persisted.set(Some(storage::request_persistence().await));
                    });
                }
                if matches!(self.notice.get_untracked(), Some(Notice::SaveFailed(_))) {
                    self.notice.set(None);
                }
            }
            Err(e) => self.notice.set(Some(Notice::SaveFailed(e))),
        }
    }
}

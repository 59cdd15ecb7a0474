//! The working group's collection: many exported reports read at once, grouped by respondent.
//!
//! Each file is checked by the import planner (`persist::import::plan`), so the collection refuses
//! exactly what an import refuses and for the same reasons; the reason is kept per file and the
//! other files go on. A report that reads is evaluated once, against its own question set
//! (`catalog::builtin`), as it is added: `matrix` and `summary` only read those statuses (the
//! answer texts, for a drill-down or the CSV, are built on demand, once per report).
//!
//! Invariants:
//! - pure and native: no browser crate, no clock (`today` is given), no serde;
//! - one bad file never stops the others, and every file added has exactly one outcome;
//! - the rules run once per report (cost linear in the number of reports).

pub mod challenges;
pub mod diff;
pub mod matrix;
pub mod summary;

use std::collections::BTreeMap;

use crate::catalog;
use crate::model::{Assessment, QuestionSet, Respondent};
use crate::persist::{self, DecodeError, challenge, import::ImportError};
use crate::status::{self, RecommendationStatus};
use crate::time::{Date, Timestamp};

/// Why a file was left out of the collection, by kind (the message says it in words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipKind {
    /// Larger than the import cap.
    TooLarge,
    /// Truncated, invalid or inconsistent JSON, or an invalid field.
    Corrupt,
    /// Another kind of file, or JSON that is not a ti-assess assessment.
    Foreign,
    /// Saved by a newer version of ti-assess.
    NewerSchema,
    /// A question set this build does not have.
    UnknownSet,
    /// A PDF whose embedded JSON has not been extracted (the PDF worker does that).
    Pdf,
}

impl SkipKind {
    /// Short words for the status list: `corrupt`, `not an assessment`, ….
    pub fn label(self) -> &'static str {
        match self {
            SkipKind::TooLarge => "too large",
            SkipKind::Corrupt => "corrupt",
            SkipKind::Foreign => "not an assessment",
            SkipKind::NewerSchema => "newer schema",
            SkipKind::UnknownSet => "unknown question set",
            SkipKind::Pdf => "PDF needs extraction",
        }
    }

    fn of(e: &ImportError) -> SkipKind {
        match e {
            ImportError::TooLarge { .. } | ImportError::Document(DecodeError::TooLarge { .. }) => {
                SkipKind::TooLarge
            }
            ImportError::Pdf => SkipKind::Pdf,
            ImportError::Binary { .. }
            | ImportError::Utf16
            | ImportError::Document(DecodeError::WrongFormat { .. }) => SkipKind::Foreign,
            ImportError::Document(DecodeError::NewerSchema { .. }) => SkipKind::NewerSchema,
            ImportError::UnknownSet { .. } => SkipKind::UnknownSet,
            ImportError::Empty
            | ImportError::DuplicateKey { .. }
            | ImportError::BadId { .. }
            | ImportError::Document(DecodeError::NotJson { .. } | DecodeError::Invalid { .. }) => {
                SkipKind::Corrupt
            }
        }
    }
}

/// A file left out, with the reason in words.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct Skipped {
    /// The kind of reason.
    pub kind: SkipKind,
    /// What is wrong and what to do.
    pub message: String,
}

impl Skipped {
    /// A file skipped for `kind` with `message` (the interface's own reasons, e.g. a PDF it could
    /// not extract).
    pub fn new(kind: SkipKind, message: impl Into<String>) -> Self {
        Skipped { kind, message: message.into() }
    }
}

/// What was read from a file that is in the collection.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The document format, `ti-assess.assessment`.
    pub format: &'static str,
    /// The schema version the file was written in.
    pub schema: u32,
    /// The question set it answers, as `id version`.
    pub set_version: String,
    /// True when that version is not the one this build ships: it is evaluated against this
    /// build's set of the same ID (answers to questions the set no longer asks are kept, unused).
    pub other_version: bool,
    /// The report's index in `Collection::reports`; for a challenge result (`format` is
    /// `persist::challenge::RESULT_FORMAT`) its index in `Collection::challenges`.
    pub report: usize,
}

impl Loaded {
    /// The file's status in words: `read: ti-assess.assessment schema 2, question set wlcg-ti-vo
    /// 1.0.0`, or for a challenge result `read: ti-assess.challenge-result schema 1, challenge kit
    /// 0.1.0`.
    pub fn words(&self) -> String {
        if self.format == challenge::RESULT_FORMAT {
            return format!("read: {} schema {}, {}", self.format, self.schema, self.set_version);
        }
        format!(
            "read: {} schema {}, question set {}{}",
            self.format,
            self.schema,
            self.set_version,
            if self.other_version { " (evaluated with this version's set)" } else { "" }
        )
    }
}

/// For a PDF: whether the SHA-256 it prints is the SHA-256 of the JSON it carries, i.e. whether
/// the attachment is the one the pages were printed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HashCheck {
    /// The printed SHA-256 is that of the embedded JSON bytes.
    Matches,
    /// It is not: the attachment (or the printed hash) was changed after export.
    Differs,
    /// The PDF prints no SHA-256.
    Missing,
}

impl HashCheck {
    /// Compares the fingerprint a PDF prints (`pdf::Extracted::printed_fingerprint`) with the
    /// SHA-256 of the JSON it carries, byte for byte as extracted.
    pub fn of(printed: Option<&str>, json: &str) -> HashCheck {
        match printed {
            None => HashCheck::Missing,
            Some(p) if p.eq_ignore_ascii_case(&persist::sha256_hex(json.as_bytes())) => HashCheck::Matches,
            Some(_) => HashCheck::Differs,
        }
    }

    /// The words of the per-file status.
    pub fn label(self) -> &'static str {
        match self {
            HashCheck::Matches => "hash matches",
            HashCheck::Differs => "hash differs: the PDF was edited after export",
            HashCheck::Missing => "no hash (not made by ti-assess)",
        }
    }
}

/// One file's outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct FileOutcome {
    /// The file's name, as chosen.
    pub name: String,
    /// Its size in bytes.
    pub size: usize,
    /// Read, or why not.
    pub result: Result<Loaded, Skipped>,
    /// For a PDF whose JSON was extracted: the check of its printed SHA-256. `None` otherwise.
    pub hash: Option<HashCheck>,
}

/// One report in the collection, evaluated once.
#[derive(Clone, Debug)]
pub struct CollectedReport {
    /// The file it came from (index in `Collection::files`).
    pub file: usize,
    /// The assessment as read.
    pub assessment: Assessment,
    /// The set it was evaluated against.
    pub set: &'static QuestionSet,
    /// Every recommendation of that set with its status, in the set's order, without answer
    /// texts (see `full_statuses`).
    pub statuses: Vec<RecommendationStatus>,
    /// Time of its last answer (`None` when it has none).
    pub last_change: Option<Timestamp>,
}

impl CollectedReport {
    /// The name shown for its respondent: the assessment's name, else its ID.
    pub fn label(&self) -> &str {
        if self.assessment.name.trim().is_empty() { &self.assessment.id } else { &self.assessment.name }
    }

    /// The statuses with the answers they rest on, for a drill-down or an export (evaluated
    /// again: reading many reports skips building answer texts, most of the cost).
    pub fn full_statuses(&self, today: Date) -> Vec<RecommendationStatus> {
        status::recommendation_statuses(self.set, &self.assessment, today)
    }

    /// `VO` or `Site`.
    pub fn kind_label(&self) -> &'static str {
        kind_label(self.set.respondent)
    }

    /// The option IDs answered to facet `facet` (empty when the set has no such facet or the
    /// question is unanswered).
    pub fn facet_values(&self, facet: &str) -> Vec<&str> {
        use crate::model::AnswerValue;
        let Some(f) = self.set.facets.iter().find(|f| f.id == facet) else { return Vec::new() };
        match self.assessment.answer(&f.question) {
            Some(AnswerValue::Option(o)) => vec![o.as_str()],
            Some(AnswerValue::Options(o)) => o.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }
}

/// `VO` or `Site`.
pub fn kind_label(r: Respondent) -> &'static str {
    match r {
        Respondent::Vo => "VO",
        Respondent::Site => "Site",
    }
}

/// Every report of one respondent (one assessment ID), newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct RespondentGroup {
    /// The assessment ID shared by the reports.
    pub id: String,
    /// The newest report's name.
    pub label: String,
    /// Indices in `Collection::reports`, newest first (by last answer time).
    pub reports: Vec<usize>,
}

/// Files read so far and the reports among them.
#[derive(Clone, Debug)]
pub struct Collection {
    today: Date,
    /// Every file added, in order, with its outcome.
    pub files: Vec<FileOutcome>,
    /// The reports that were read, in the order added.
    pub reports: Vec<CollectedReport>,
    /// The challenge results that were read, in the order added (`challenges.rs`).
    pub challenges: Vec<challenges::CollectedChallenge>,
}

impl Collection {
    /// An empty collection whose statuses are judged as of `today` (staleness).
    pub fn new(today: Date) -> Self {
        Collection { today, files: Vec::new(), reports: Vec::new(), challenges: Vec::new() }
    }

    /// The date statuses are judged at.
    pub fn today(&self) -> Date {
        self.today
    }

    /// Reads one file and adds it: a report, a challenge result, or a skipped file with its
    /// reason.
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> &FileOutcome {
        // The text is read once; its format decides which reader takes the value.
        let planned = persist::import::json_of(bytes).and_then(|json| match json.format() {
            Some(challenge::RESULT_FORMAT | challenge::RECORD_FORMAT) => Ok(Err(json)),
            _ => persist::import::plan_json(json, &BTreeMap::new(), catalog::builtin).map(Ok),
        });
        match planned {
            Ok(Ok(plan)) => self.push_read(name, bytes.len(), plan.assessment, plan.schema),
            Ok(Err(json)) => self.add_challenge(name, bytes.len(), json),
            Err(e) => self.skip(name, bytes.len(), Skipped::new(SkipKind::of(&e), e.to_string())),
        }
    }

    /// Adds a challenge file: a result goes into `challenges`; an organiser's file (with or
    /// without the sealed truth) is skipped with the import's own message.
    fn add_challenge(&mut self, name: &str, size: usize, json: persist::import::Json) -> &FileOutcome {
        // A result whose events lie after the end of the judging day is refused as impossible.
        let now = Timestamp((self.today.0 + 1) * 86_400_000);
        let read = catalog::builtin_kit()
            .map_err(|e| Skipped::new(SkipKind::Corrupt, e.to_string()))
            .and_then(|kit| {
                challenge::import_result_json(kit, json, now).map_err(|e| {
                    let kind = match e {
                        challenge::ChallengeDecodeError::Document(DecodeError::NewerSchema { .. }) => {
                            SkipKind::NewerSchema
                        }
                        challenge::ChallengeDecodeError::TruthNotAllowed
                        | challenge::ChallengeDecodeError::OrganiserRecord
                        | challenge::ChallengeDecodeError::NotAChallenge { .. } => SkipKind::Foreign,
                        _ => SkipKind::Corrupt,
                    };
                    Skipped::new(kind, e.to_string())
                })
            });
        match read {
            Ok(result) => {
                let loaded = Loaded {
                    format: challenge::RESULT_FORMAT,
                    schema: challenge::SCHEMA,
                    set_version: format!("challenge kit {}", result.kit_version),
                    other_version: false,
                    report: self.challenges.len(),
                };
                self.challenges.push(challenges::CollectedChallenge { file: self.files.len(), result });
                self.files.push(FileOutcome { name: name.to_owned(), size, result: Ok(loaded), hash: None });
                &self.files[self.files.len() - 1]
            }
            Err(why) => self.skip(name, size, why),
        }
    }

    /// Every report and challenge result read, as it would be kept in the browser: its file's
    /// name and its document (`persist::encode`, `persist::challenge::encode_result`; a PDF's
    /// report is kept as its JSON). Skipped files are not kept.
    pub fn kept(&self) -> Vec<persist::KeptReport> {
        let name = |file: usize| self.files.get(file).map_or_else(String::new, |f| f.name.clone());
        let reports = self
            .reports
            .iter()
            .map(|r| persist::KeptReport { name: name(r.file), document: persist::encode(&r.assessment) });
        let kit = catalog::builtin_kit().ok();
        let results = self.challenges.iter().filter_map(|c| {
            Some(persist::KeptReport {
                name: name(c.file),
                document: challenge::encode_result(kit?, &c.result),
            })
        });
        reports.chain(results).collect()
    }

    /// Reads kept reports again (see `kept`), each like a chosen file.
    pub fn restore(&mut self, kept: &[persist::KeptReport]) {
        for k in kept {
            self.add_file(&k.name, k.document.as_bytes());
        }
    }

    /// Adds a PDF of `size` bytes whose embedded JSON (`json`) and printed fingerprint the PDF
    /// worker extracted: the JSON goes through the planner like a JSON file, and the outcome
    /// records whether the printed SHA-256 is that of the JSON (`HashCheck`).
    pub fn add_pdf(&mut self, name: &str, size: usize, json: &str, printed: Option<&str>) -> &FileOutcome {
        let hash = HashCheck::of(printed, json);
        self.add_file(name, json.as_bytes());
        let last = self.files.len() - 1;
        self.files[last].size = size;
        self.files[last].hash = Some(hash);
        &self.files[last]
    }

    /// Adds a file left out for a reason found outside the planner (e.g. a PDF whose JSON could
    /// not be extracted).
    pub fn skip(&mut self, name: &str, size: usize, why: Skipped) -> &FileOutcome {
        self.files.push(FileOutcome { name: name.to_owned(), size, result: Err(why), hash: None });
        &self.files[self.files.len() - 1]
    }

    /// Adds an assessment already read (a stored one, or a file's decoded JSON).
    pub fn push(&mut self, name: &str, size: usize, assessment: Assessment) -> &FileOutcome {
        self.push_read(name, size, assessment, persist::SCHEMA)
    }

    /// Adds an assessment read from a document of schema `schema` (shown in the file's status).
    fn push_read(&mut self, name: &str, size: usize, assessment: Assessment, schema: u32) -> &FileOutcome {
        let result = match catalog::builtin(&assessment.question_set.id) {
            None => {
                let e = ImportError::UnknownSet { id: assessment.question_set.id.chars().take(60).collect() };
                Err(Skipped::new(SkipKind::UnknownSet, e.to_string()))
            }
            Some(set) => {
                let statuses = status::statuses_only(set, &assessment, self.today);
                let loaded = Loaded {
                    format: persist::FORMAT,
                    schema,
                    set_version: format!(
                        "{} {}",
                        assessment.question_set.id, assessment.question_set.version
                    ),
                    other_version: assessment.question_set.version != set.version,
                    report: self.reports.len(),
                };
                self.reports.push(CollectedReport {
                    file: self.files.len(),
                    last_change: assessment.last_change(),
                    assessment,
                    set,
                    statuses,
                });
                Ok(loaded)
            }
        };
        self.files.push(FileOutcome { name: name.to_owned(), size, result, hash: None });
        &self.files[self.files.len() - 1]
    }

    /// Reports grouped by respondent (assessment ID), each group newest first; groups in the order
    /// their respondent was first seen.
    pub fn respondents(&self) -> Vec<RespondentGroup> {
        let mut order: Vec<&str> = Vec::new();
        let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, r) in self.reports.iter().enumerate() {
            let id = r.assessment.id.as_str();
            by_id.entry(id).or_insert_with(|| {
                order.push(id);
                Vec::new()
            });
            if let Some(v) = by_id.get_mut(id) {
                v.push(i);
            }
        }
        order
            .into_iter()
            .filter_map(|id| {
                let mut reports = by_id.remove(id)?;
                // Newest first; a report without answers is the oldest; ties keep file order.
                reports.sort_by_key(|&i| {
                    std::cmp::Reverse(self.reports[i].last_change.map_or(i64::MIN, |t| t.0))
                });
                let label = self.reports.get(*reports.first()?)?.label().to_owned();
                Some(RespondentGroup { id: id.to_owned(), label, reports })
            })
            .collect()
    }

    /// How many files were skipped.
    pub fn skipped(&self) -> usize {
        self.files.iter().filter(|f| f.result.is_err()).count()
    }
}

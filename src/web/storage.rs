//! The only module that touches browser storage (localStorage, through gloo-storage).
//!
//! Invariants:
//! - Storage is probed before gloo is used: gloo throws out of wasm when storage is blocked.
//! - A stored value that cannot be read is first copied aside under a quarantine key and never
//!   written over; if the copy cannot be made, the caller gets `Unsaved` and must not save.
//! - A value written by a newer app version is left untouched; the caller opens it read-only.
//! - A value of an older schema is copied aside (`before-migration/…`) when it is read, before the
//!   next save can write it over in the current schema; if the copy cannot be made, the caller
//!   gets `Unmigrated` and must not save. So a user who goes back to an older build finds the
//!   document as that build wrote it.
//! - Every failed write is reported as a typed error; the caller keeps its state in memory.
//! - The forensic handbook imported in "Trace a job" follows the same rules (`load_handbook`).

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsValue;

use ti_core::challenge::kit::Kit;
use ti_core::challenge::model::OrganiserRecord;
use ti_core::challenge::views::ChallengeResult;
use ti_core::model::Assessment;
use ti_core::persist::challenge::{self as chl, ChallengeDecodeError};
use ti_core::persist::handbook::{HandbookFileError, decode_handbook, encode_handbook};
use ti_core::persist::trace::{TraceFile, TraceFileError, decode_draft, encode_draft};
use ti_core::persist::{self, DecodeError};
use ti_core::time::Timestamp;
use ti_core::trace::handbook::Directory;
use ti_core::trace::{TraceCatalog, Values};

const PREFIX: &str = "ti-assess/v1";

/// Why storage could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StorageError {
    /// The browser refuses storage (blocked cookies/site data, some private modes).
    #[error("This browser does not allow this page to store data")]
    Unavailable,
    /// The storage quota is full.
    #[error("The browser's storage for this page is full")]
    QuotaExceeded,
    /// Any other failure, with the browser's words.
    #[error("The browser refused to store the data ({0})")]
    Other(String),
}

/// What `load` found.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored yet.
    Empty,
    /// A readable assessment.
    Found(Assessment),
    /// An unreadable value, now copied to `kept_as`; the caller may start afresh.
    Quarantined {
        /// The key holding the copy of the unreadable value.
        kept_as: String,
        /// Why it could not be read.
        reason: DecodeError,
    },
    /// An unreadable value that could not be copied aside: the caller must not save.
    Unsaved {
        /// Why it could not be read.
        reason: DecodeError,
        /// Why the copy failed.
        copy_error: StorageError,
    },
    /// Written by a newer version of the app: leave it alone, open read-only. Holds what this
    /// version understands of it, if anything.
    Newer(DecodeError, Option<Assessment>),
    /// Written in an older schema that could not be copied aside before its first overwrite:
    /// readable (migrated), but the caller must not save over it.
    Unmigrated {
        /// The assessment, migrated to the current schema.
        assessment: Assessment,
        /// The schema it is stored in.
        schema: u32,
        /// Why the copy failed.
        copy_error: StorageError,
    },
}

const ASSESSMENT: &str = "assessment/";

/// The key under which the assessment with this ID is stored.
pub fn assessment_key(id: &str) -> String {
    format!("{PREFIX}/{ASSESSMENT}{id}")
}

fn position_key(id: &str) -> String {
    format!("{PREFIX}/position/{id}")
}

fn classify(err: &JsValue) -> StorageError {
    let name = js_sys::Reflect::get(err, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::QuotaExceeded,
        "SecurityError" => StorageError::Unavailable,
        _ => StorageError::Other(if name.is_empty() { format!("{err:?}") } else { name }),
    }
}

/// Checks that localStorage exists and accepts a write. Call before any other function.
pub fn probe() -> Result<(), StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    let storage = match window.local_storage() {
        Ok(Some(s)) => s,
        _ => return Err(StorageError::Unavailable),
    };
    let key = format!("{PREFIX}/probe");
    storage.set_item(&key, "1").map_err(|e| classify(&e))?;
    storage.remove_item(&key).map_err(|e| classify(&e))?;
    Ok(())
}

/// gloo's handle on localStorage, after checking that it exists: gloo itself throws out of
/// wasm (an abort) when storage is blocked, so no call may reach it unchecked.
fn raw() -> Result<web_sys::Storage, StorageError> {
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
        _ => Err(StorageError::Unavailable),
    }
}

fn get_raw(key: &str) -> Result<Option<String>, StorageError> {
    raw()?.get_item(key).map_err(|e| classify(&e))
}

fn set_raw(key: &str, value: &str) -> Result<(), StorageError> {
    raw()?.set_item(key, value).map_err(|e| classify(&e))
}

/// Reads the assessment with this ID. `now_ms` names the quarantine copy.
pub fn load(id: &str, now_ms: i64) -> Result<Loaded, StorageError> {
    let key = assessment_key(id);
    let Some(raw) = get_raw(&key)? else { return Ok(Loaded::Empty) };
    match persist::decode_versioned(&raw) {
        Ok((a, schema)) if schema < persist::SCHEMA => match keep_before_migration(id, schema, &raw) {
            Ok(()) => Ok(Loaded::Found(a)),
            Err(copy_error) => Ok(Loaded::Unmigrated { assessment: a, schema, copy_error }),
        },
        Ok((a, _)) => Ok(Loaded::Found(a)),
        Err(e @ DecodeError::NewerSchema { .. }) => Ok(Loaded::Newer(e, persist::read_newer(&raw))),
        Err(reason) => match quarantine(&quarantine_base(id, now_ms), &raw) {
            Ok(kept_as) => Ok(Loaded::Quarantined { kept_as, reason }),
            Err(copy_error) => Ok(Loaded::Unsaved { reason, copy_error }),
        },
    }
}

/// Where the text of an assessment stored in an older schema is kept before it is first saved in
/// the current one.
pub fn before_migration_key(id: &str, schema: u32) -> String {
    format!("{PREFIX}/before-migration/{id}/v{schema}")
}

/// Keeps `raw` (a document of an older `schema`) aside unless an equal copy is kept already.
/// A different earlier copy (e.g. saved again by an older build since) is never overwritten: the
/// new one goes under the next free `-<n>` key.
fn keep_before_migration(id: &str, schema: u32, raw: &str) -> Result<(), StorageError> {
    match slot(&before_migration_key(id, schema), Some(raw))? {
        Slot::Holds(_) => Ok(()),
        Slot::Free(key) => set_raw(&key, raw),
    }
}

/// Copies `raw` to a quarantine key not used yet, and returns that key: an earlier copy is never
/// overwritten, not even by the same text.
fn quarantine(base: &str, raw: &str) -> Result<String, StorageError> {
    let (Slot::Free(key) | Slot::Holds(key)) = slot(base, None)?;
    set_raw(&key, raw)?;
    Ok(key)
}

/// What the walk over numbered keys found.
enum Slot {
    /// A key that holds nothing.
    Free(String),
    /// A key that already holds the text asked about.
    Holds(String),
}

/// The one walk over `base`, `base-1`, `base-2`, …: the first key that is free, or that already
/// holds `same` (when given), so that a copy aside is never overwritten.
fn slot(base: &str, same: Option<&str>) -> Result<Slot, StorageError> {
    let mut key = base.to_owned();
    let mut n = 1;
    while let Some(kept) = get_raw(&key)? {
        if same == Some(kept.as_str()) {
            return Ok(Slot::Holds(key));
        }
        key = format!("{base}-{n}");
        n += 1;
    }
    Ok(Slot::Free(key))
}

/// Where unreadable data of `set_id` found at `now_ms` is kept aside.
fn quarantine_base(set_id: &str, now_ms: i64) -> String {
    format!("{PREFIX}/quarantine/{set_id}/{now_ms}")
}

fn revision_key(id: &str) -> String {
    format!("{PREFIX}/revision/{id}")
}

/// Writes the assessment, replacing the previous stored version of it, and then its revision
/// (a small key other tabs read before each save, to notice a concurrent writer cheaply).
pub fn save(assessment: &Assessment) -> Result<(), StorageError> {
    let text = persist::encode(assessment);
    set_raw(&assessment_key(&assessment.id), &text)?;
    set_raw(&revision_key(&assessment.id), &assessment.revision.to_string())?;
    crate::web::offline::keep_fonts_for(&text);
    Ok(())
}

/// The revision last saved for an assessment, if known.
pub fn stored_revision(id: &str) -> Option<u64> {
    get_raw(&revision_key(id)).ok().flatten().and_then(|v| v.parse().ok())
}

/// One stored assessment as the home page lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    /// Its ID.
    pub id: String,
    /// The assessment, or why it cannot be read (it is left untouched until opened).
    pub assessment: Result<Assessment, DecodeError>,
}

/// Every stored assessment, in key order. Reading never changes anything.
pub fn list() -> Result<Vec<Listed>, StorageError> {
    let prefix = format!("{PREFIX}/{ASSESSMENT}");
    let mut out = Vec::new();
    for key in keys()? {
        let Some(id) = key.strip_prefix(&prefix) else { continue };
        if let Some(raw) = get_raw(&key)? {
            out.push(Listed { id: id.to_owned(), assessment: persist::decode(&raw) });
        }
    }
    Ok(out)
}

/// Removes an assessment and returns its stored text, so that the removal can be undone with
/// `write_raw(&assessment_key(id), &text)`.
pub fn delete(id: &str) -> Result<Option<String>, StorageError> {
    let key = assessment_key(id);
    let text = get_raw(&key)?;
    let storage = raw()?;
    storage.remove_item(&key).map_err(|e| classify(&e))?;
    let _ = storage.remove_item(&position_key(id));
    let _ = storage.remove_item(&revision_key(id));
    Ok(text)
}

/// An ID not used by any stored assessment.
pub fn new_id(now_ms: i64) -> Result<String, StorageError> {
    let base = format!("a-{}", radix36(now_ms.unsigned_abs()));
    let mut id = base.clone();
    let mut n = 1;
    while get_raw(&assessment_key(&id))?.is_some() {
        id = format!("{base}-{n}");
        n += 1;
    }
    Ok(id)
}

fn radix36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Remembers where the user was in an assessment (a section ID), for reopening it there.
pub fn save_position(id: &str, section: &str) -> Result<(), StorageError> {
    set_raw(&position_key(id), section)
}

/// Where the user was in an assessment, if known.
pub fn load_position(id: &str) -> Result<Option<String>, StorageError> {
    get_raw(&position_key(id))
}

fn collection_key() -> String {
    format!("{PREFIX}/collection")
}

/// What the kept collection (Collect, "Keep this collection in this browser") holds.
#[derive(Debug, Clone, PartialEq)]
pub enum KeptCollection {
    /// Nothing kept.
    Empty,
    /// The kept reports.
    Found(Vec<persist::KeptReport>),
    /// An unreadable value, now copied to `kept_as` and removed, so that keeping can start again.
    Quarantined {
        /// The key holding the copy of the unreadable value.
        kept_as: String,
        /// Why it could not be read.
        reason: DecodeError,
    },
}

/// Why a collection was not kept.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum KeepError {
    /// Larger than `persist::KEPT_MAX`: the assessments' saves come first.
    #[error(
        "The collection is {size} bytes; this browser keeps at most {max} bytes of reports, so that your assessments always have room"
    )]
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// The browser refused.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Reads the kept collection. An unreadable value is copied aside (never overwritten) first;
/// `now_ms` names the copy.
pub fn kept_collection(now_ms: i64) -> Result<KeptCollection, StorageError> {
    let key = collection_key();
    let Some(text) = get_raw(&key)? else { return Ok(KeptCollection::Empty) };
    match persist::decode_kept(&text) {
        Ok(reports) => Ok(KeptCollection::Found(reports)),
        Err(reason) => {
            let kept_as = quarantine(&quarantine_base("collection", now_ms), &text)?;
            raw()?.remove_item(&key).map_err(|e| classify(&e))?;
            Ok(KeptCollection::Quarantined { kept_as, reason })
        }
    }
}

/// Keeps `reports` in this browser, replacing the kept collection; refused above
/// `persist::KEPT_MAX` (the previous kept copy then stays as it was).
pub fn keep_collection(reports: &[persist::KeptReport]) -> Result<(), KeepError> {
    let text = persist::encode_kept(reports);
    if text.len() > persist::KEPT_MAX {
        return Err(KeepError::TooLarge { size: text.len(), max: persist::KEPT_MAX });
    }
    set_raw(&collection_key(), &text)?;
    crate::web::offline::keep_fonts_for(&text);
    Ok(())
}

/// Removes the kept collection (the user turned keeping off or cleared the collection).
pub fn forget_collection() -> Result<(), StorageError> {
    raw()?.remove_item(&collection_key()).map_err(|e| classify(&e))
}

/// Reads one raw stored value (for the recovery download and tests).
pub fn read_raw(key: &str) -> Result<Option<String>, StorageError> {
    get_raw(key)
}

/// Writes one raw value (tests use it to plant corrupt data).
pub fn write_raw(key: &str, value: &str) -> Result<(), StorageError> {
    set_raw(key, value)
}

/// All keys of this app, in storage order.
pub fn keys() -> Result<Vec<String>, StorageError> {
    let storage = raw()?;
    let len = storage.length().map_err(|e| classify(&e))?;
    let mut keys = Vec::new();
    for i in 0..len {
        if let Ok(Some(k)) = storage.key(i)
            && k.starts_with(PREFIX)
        {
            keys.push(k);
        }
    }
    Ok(keys)
}

/// Removes every value this app stored in this browser (assessments, copies kept aside, positions,
/// export marks). Returns how many keys were removed. Only the user's explicit, confirmed request
/// calls this.
pub fn erase_all() -> Result<usize, StorageError> {
    let storage = raw()?;
    let keys = keys()?;
    for k in &keys {
        storage.remove_item(k).map_err(|e| classify(&e))?;
    }
    Ok(keys.len())
}

/// Every key of this app with its raw value, for the recovery download. Never panics: it is
/// called from the panic hook.
pub fn dump() -> Vec<(String, String)> {
    let Ok(keys) = keys() else { return Vec::new() };
    keys.into_iter().filter_map(|k| get_raw(&k).ok().flatten().map(|v| (k, v))).collect()
}

fn exported_key(id: &str) -> String {
    format!("{PREFIX}/exported/{id}")
}

/// Records that an assessment was exported (as JSON or PDF) at `at_ms`.
pub fn mark_exported(id: &str, at_ms: i64) -> Result<(), StorageError> {
    set_raw(&exported_key(id), &at_ms.to_string())
}

/// When an assessment was last exported, in milliseconds since the epoch.
pub fn last_exported(id: &str) -> Option<i64> {
    get_raw(&exported_key(id)).ok().flatten().and_then(|v| v.parse().ok())
}

/// Asks the browser to keep this site's storage under pressure (`navigator.storage.persist()`),
/// once per visit after the first answer. `None`: the browser has no such API.
pub async fn request_persistence() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let promise = storage.persist().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_bool()
}

// --- Challenges ----------------------------------------------------------------------------------
// The organiser's challenge records (with their sealed truth: this browser is the organiser's)
// under `challenge/<ID>`, and the challenge results imported into assessments under
// `challenge-result/<ID>`. The same rules as for assessments: unreadable values are kept aside
// before anything else happens, a newer version's value is never overwritten.

const CHALLENGE: &str = "challenge/";
const CHALLENGE_RESULT: &str = "challenge-result/";

/// The key of a challenge record.
pub fn challenge_key(id: &str) -> String {
    format!("{PREFIX}/{CHALLENGE}{id}")
}

fn result_key(id: &str) -> String {
    format!("{PREFIX}/{CHALLENGE_RESULT}{id}")
}

/// What `load_challenge` found.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadedChallenge {
    /// Nothing stored under that ID.
    Empty,
    /// A readable record (boxed: it is much larger than the other variants).
    Found(Box<OrganiserRecord>),
    /// An unreadable value, now copied to `kept_as`.
    Quarantined {
        /// Where the copy is.
        kept_as: String,
        /// Why it could not be read.
        reason: ChallengeDecodeError,
    },
    /// Written by a newer version: open nothing, overwrite nothing.
    Newer(ChallengeDecodeError),
}

/// Stores a challenge record, truth included (the organiser's own browser).
pub fn save_challenge(kit: &Kit, record: &OrganiserRecord) -> Result<(), StorageError> {
    set_raw(&challenge_key(record.challenge.id.as_str()), &chl::encode_record(kit, record, true))
}

/// Reads a challenge record. `now_ms` names the copy of an unreadable one.
pub fn load_challenge(id: &str, now_ms: i64) -> Result<LoadedChallenge, StorageError> {
    let key = challenge_key(id);
    let Some(text) = get_raw(&key)? else { return Ok(LoadedChallenge::Empty) };
    match chl::decode_record(&text) {
        Ok((record, _)) => Ok(LoadedChallenge::Found(Box::new(record))),
        Err(e @ ChallengeDecodeError::Document(DecodeError::NewerSchema { .. })) => {
            Ok(LoadedChallenge::Newer(e))
        }
        Err(reason) => {
            let kept_as = quarantine(&quarantine_base(&format!("challenge-{id}"), now_ms), &text)?;
            Ok(LoadedChallenge::Quarantined { kept_as, reason })
        }
    }
}

/// What `load_trace_draft` found.
#[derive(Debug, Clone, PartialEq)]
pub enum TraceDraft {
    /// Nothing kept.
    Empty,
    /// The draft.
    Found(TraceFile),
    /// An unreadable draft, now copied to `kept_as` and removed; the page starts empty.
    Kept {
        /// The key holding the copy.
        kept_as: String,
        /// Why it could not be read.
        reason: TraceFileError,
    },
    /// Written by a newer version: left untouched; the page must not save over it.
    Newer(TraceFileError),
}

/// The key of the "Trace a job" draft of one side (`site` or `vo`).
pub fn trace_key(side: &str) -> String {
    format!("{PREFIX}/trace/{side}")
}

/// Reads the draft of one side. An unreadable one is copied aside first (never overwritten);
/// `now_ms` names the copy.
pub fn load_trace_draft(cat: &TraceCatalog, side: &str, now_ms: i64) -> Result<TraceDraft, StorageError> {
    let key = trace_key(side);
    let Some(text) = get_raw(&key)? else { return Ok(TraceDraft::Empty) };
    match decode_draft(cat, &text) {
        Ok(file) => Ok(TraceDraft::Found(file)),
        Err(e @ TraceFileError::Document(DecodeError::NewerSchema { .. })) => Ok(TraceDraft::Newer(e)),
        Err(reason) => {
            let kept_as = quarantine(&quarantine_base(&format!("trace-{side}"), now_ms), &text)?;
            raw()?.remove_item(&key).map_err(|e| classify(&e))?;
            Ok(TraceDraft::Kept { kept_as, reason })
        }
    }
}

/// One stored challenge record: its ID, and the record or why it cannot be read.
pub type ListedChallenge = (String, Result<OrganiserRecord, ChallengeDecodeError>);

/// Every stored challenge record, in key order.
pub fn list_challenges() -> Result<Vec<ListedChallenge>, StorageError> {
    let prefix = format!("{PREFIX}/{CHALLENGE}");
    let mut out = Vec::new();
    for key in keys()? {
        let Some(id) = key.strip_prefix(&prefix) else { continue };
        if let Some(text) = get_raw(&key)? {
            out.push((id.to_owned(), chl::decode_record(&text).map(|(r, _)| r)));
        }
    }
    Ok(out)
}

/// Whether a challenge record is stored under this ID.
pub fn challenge_exists(id: &str) -> Result<bool, StorageError> {
    Ok(get_raw(&challenge_key(id))?.is_some())
}

/// Removes a challenge record and returns its text (for undo with `write_raw`).
pub fn delete_challenge(id: &str) -> Result<Option<String>, StorageError> {
    let key = challenge_key(id);
    let text = get_raw(&key)?;
    raw()?.remove_item(&key).map_err(|e| classify(&e))?;
    Ok(text)
}

/// Stores a challenge result imported into an assessment (replacing an earlier copy of it).
pub fn save_result(kit: &Kit, result: &ChallengeResult) -> Result<(), StorageError> {
    set_raw(&result_key(&result.id), &chl::encode_result(kit, result))
}

/// Whether any challenge result is stored (keys only: no value is read, so the page can ask
/// without the challenge decoder, which only the tools module links).
pub fn has_results() -> bool {
    let prefix = format!("{PREFIX}/{CHALLENGE_RESULT}");
    keys().is_ok_and(|k| k.iter().any(|key| key.starts_with(&prefix)))
}

/// Every stored, readable challenge result (an unreadable one is skipped and left as it is).
pub fn list_results() -> Result<Vec<ChallengeResult>, StorageError> {
    let prefix = format!("{PREFIX}/{CHALLENGE_RESULT}");
    let mut out = Vec::new();
    for key in keys()? {
        if key.starts_with(&prefix)
            && let Some(text) = get_raw(&key)?
            && let Ok(r) = chl::decode_result(&text)
        {
            out.push(r);
        }
    }
    Ok(out)
}

/// Writes the draft of one side; no values removes it.
pub fn save_trace_draft(
    cat: &TraceCatalog,
    side: &str,
    values: &Values,
    now: Timestamp,
) -> Result<(), StorageError> {
    if values.iter().next().is_none() {
        return raw()?.remove_item(&trace_key(side)).map_err(|e| classify(&e));
    }
    set_raw(&trace_key(side), &encode_draft(cat, values, now))
}

/// The key of the forensic handbook imported in "Trace a job".
pub fn handbook_key() -> String {
    format!("{PREFIX}/trace/handbook")
}

/// What `load_handbook` found.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredHandbook {
    /// None imported.
    Empty,
    /// The handbook's VOs, and the file's text (for the PDF worker).
    Found(Directory, String),
    /// An unreadable copy, now kept aside under `kept_as` and removed.
    Kept {
        /// The key holding the copy.
        kept_as: String,
        /// Why it could not be read.
        reason: HandbookFileError,
    },
    /// Written by a newer version: left untouched and not used; a new import would replace it.
    Newer(HandbookFileError),
}

/// Reads the imported handbook. An unreadable one is copied aside first (never overwritten);
/// `now_ms` names the copy.
pub fn load_handbook(cat: &TraceCatalog, now_ms: i64) -> Result<StoredHandbook, StorageError> {
    let key = handbook_key();
    let Some(text) = get_raw(&key)? else { return Ok(StoredHandbook::Empty) };
    match decode_handbook(cat, text.as_bytes()) {
        Ok(dir) => Ok(StoredHandbook::Found(dir, text)),
        Err(e @ HandbookFileError::Newer { .. }) => Ok(StoredHandbook::Newer(e)),
        Err(reason) => {
            let kept_as = quarantine(&quarantine_base("trace-handbook", now_ms), &text)?;
            raw()?.remove_item(&key).map_err(|e| classify(&e))?;
            Ok(StoredHandbook::Kept { kept_as, reason })
        }
    }
}

/// Stores an imported handbook, as this build writes it (so it reads back under its schema),
/// and returns the text stored. A newer version's copy is first kept aside, never overwritten.
pub fn save_handbook(cat: &TraceCatalog, dir: &Directory, now_ms: i64) -> Result<String, StorageError> {
    let key = handbook_key();
    if let Some(old) = get_raw(&key)?
        && matches!(decode_handbook(cat, old.as_bytes()), Err(HandbookFileError::Newer { .. }))
    {
        quarantine(&quarantine_base("trace-handbook", now_ms), &old)?;
    }
    let text = encode_handbook(dir);
    set_raw(&key, &text)?;
    Ok(text)
}

/// Removes the imported handbook.
pub fn forget_handbook() -> Result<(), StorageError> {
    raw()?.remove_item(&handbook_key()).map_err(|e| classify(&e))
}

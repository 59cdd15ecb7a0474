//! Which PDF of a challenge is asked for: the organiser's report, the debrief for the VO and the
//! site (sealed, or with the truth revealed), or the first alert.
//!
//! Its own module so that `persist` (which carries the choice to the PDF worker) and `report`
//! (which builds the document) both name it without importing each other.

/// A PDF of a challenge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    /// The organiser's own report, with the sealed truth and the notes: TLP:RED.
    Report,
    /// The debrief for the VO and the site, the truth sealed.
    Debrief,
    /// The debrief with the truth, revealed because the organiser chose to.
    DebriefRevealed,
    /// The first alert, as sent to the VO or the site.
    Alert,
}

impl Document {
    /// Every document.
    pub const ALL: [Document; 4] =
        [Document::Report, Document::Debrief, Document::DebriefRevealed, Document::Alert];

    /// The key in the worker request.
    pub fn key(self) -> &'static str {
        match self {
            Document::Report => "report",
            Document::Debrief => "debrief",
            Document::DebriefRevealed => "debrief-revealed",
            Document::Alert => "alert",
        }
    }

    /// The document with this key.
    pub fn from_key(key: &str) -> Option<Document> {
        Document::ALL.into_iter().find(|d| d.key() == key)
    }
}

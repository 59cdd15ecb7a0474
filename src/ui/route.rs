//! Where the user is, as the address's fragment, so that reload and the Back button work:
//! `#/` home, `#/a/<id>/s/<section>` a section (optionally `/q/<question>` to focus one),
//! `#/a/<id>/results` the results, `#/collect` the working group's collection, `#/compare` compare
//! two assessments, `#/challenges` the organiser's challenges, `#/challenge/<id>` one challenge,
//! `#/trace` "Trace a job" for a site and `#/trace/vo` its VO side.

/// A place in the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The list of assessments.
    Home,
    /// One section of one assessment (`None`: where the user last was).
    Section { id: String, section: Option<String>, focus: Option<String> },
    /// The results of one assessment.
    Results { id: String },
    /// The working group's collection of many reports (`#/collect`).
    Collect,
    /// Compare two assessments (`#/compare`).
    Compare,
    /// The organiser's challenges (`#/challenges`).
    Challenges,
    /// One challenge (`#/challenge/<id>`).
    Challenge { id: String },
    /// "Trace a job", the site's side (`#/trace`); no assessment needed.
    Trace,
    /// "Trace a job", the VO's side (`#/trace/vo`).
    TraceVo,
}

impl Route {
    /// Reads a fragment such as `#/a/a-m3x9/s/logging`.
    pub fn parse(hash: &str) -> Route {
        let parts: Vec<&str> = hash.trim_start_matches('#').trim_start_matches('/').split('/').collect();
        match parts.as_slice() {
            ["collect", ..] => Route::Collect,
            ["compare", ..] => Route::Compare,
            ["challenges", ..] => Route::Challenges,
            ["challenge", id, ..] if !id.is_empty() => Route::Challenge { id: (*id).to_owned() },
            ["trace", "vo", ..] => Route::TraceVo,
            ["trace", ..] => Route::Trace,
            ["a", id, "results", ..] if !id.is_empty() => Route::Results { id: (*id).to_owned() },
            ["a", id, "s", section, "q", question, ..] if !id.is_empty() => Route::Section {
                id: (*id).to_owned(),
                section: Some((*section).to_owned()),
                focus: Some((*question).to_owned()),
            },
            ["a", id, "s", section, ..] if !id.is_empty() => {
                Route::Section { id: (*id).to_owned(), section: Some((*section).to_owned()), focus: None }
            }
            ["a", id, ..] if !id.is_empty() => {
                Route::Section { id: (*id).to_owned(), section: None, focus: None }
            }
            _ => Route::Home,
        }
    }

    /// The fragment for this place.
    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".to_owned(),
            Route::Collect => "#/collect".to_owned(),
            Route::Compare => "#/compare".to_owned(),
            Route::Challenges => "#/challenges".to_owned(),
            Route::Challenge { id } => format!("#/challenge/{id}"),
            Route::Trace => "#/trace".to_owned(),
            Route::TraceVo => "#/trace/vo".to_owned(),
            Route::Results { id } => format!("#/a/{id}/results"),
            Route::Section { id, section: None, .. } => format!("#/a/{id}"),
            Route::Section { id, section: Some(s), focus: None } => format!("#/a/{id}/s/{s}"),
            Route::Section { id, section: Some(s), focus: Some(q) } => format!("#/a/{id}/s/{s}/q/{q}"),
        }
    }

    /// Whether this place is one of the tools (Collect, Compare, the challenge kit, "Trace a
    /// job"), which the page loads as a separate module (`tools_host`).
    pub fn is_tool(&self) -> bool {
        matches!(
            self,
            Route::Collect
                | Route::Compare
                | Route::Challenges
                | Route::Challenge { .. }
                | Route::Trace
                | Route::TraceVo
        )
    }

    /// The assessment this place belongs to.
    pub fn assessment(&self) -> Option<&str> {
        match self {
            Route::Home
            | Route::Collect
            | Route::Compare
            | Route::Challenges
            | Route::Challenge { .. }
            | Route::Trace
            | Route::TraceVo => None,
            Route::Section { id, .. } | Route::Results { id } => Some(id),
        }
    }
}

/// The current route, from the window's location.
pub fn current() -> Route {
    Route::parse(&web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default())
}

/// Goes to a route (adds a history entry, so Back returns).
pub fn go(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.href());
    }
}

/// Replaces the current address by this route, without a new history entry.
pub fn replace(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(&route.href());
    }
}

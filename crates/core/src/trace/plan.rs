//! The steps one side follows for the chosen framework, CE and batch system, in phase order,
//! with every command filled with the values given (derived values included).
//!
//! Invariant: steps come in the catalogue's order, which validation keeps in phase order, so the
//! site's safety steps always come first; a step or command whose `when` does not hold is left
//! out, never shown half-applicable.

use super::derive::with_derived;
use super::model::{Command, Side, Step, TraceCatalog, Values};
use super::template::Filled;

/// A command ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedCommand<'c> {
    /// The command in the catalogue (explanation, basis, sources, note).
    pub command: &'c Command,
    /// It, filled.
    pub filled: Filled,
}

/// A step ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedStep<'c> {
    /// The step in the catalogue.
    pub step: &'c Step,
    /// Its phase heading.
    pub phase_title: &'c str,
    /// Its text, filled (values inserted as they are: it is prose).
    pub text: Filled,
    /// Its commands that apply.
    pub commands: Vec<PlannedCommand<'c>>,
}

/// The steps of one side for these values.
pub fn plan<'c>(cat: &'c TraceCatalog, side: Side, values: &Values) -> Vec<PlannedStep<'c>> {
    let all = with_derived(cat, values);
    let get = |id: &str| all.get(id);
    cat.steps
        .iter()
        .filter(|s| s.side == side && values.holds(&s.when))
        .map(|step| PlannedStep {
            step,
            phase_title: cat
                .phases
                .iter()
                .find(|p| p.side == side && p.id == step.phase)
                .map_or("", |p| p.title.as_str()),
            text: step.text.fill(&get),
            commands: step
                .commands
                .iter()
                .filter(|c| values.holds(&c.when))
                .map(|command| PlannedCommand { command, filled: command.template.fill(&get) })
                .collect(),
        })
        .collect()
}

//! Conditions over answers: the language of gap rules and of "applies when".

/// What a condition looks at: a question of the assessment, or a field of a group's row.
pub type Key = String;

/// A condition, as validated by `catalog` (every key, threshold and option exists).
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// No answer (for a group: no row).
    Missing(Key),
    /// The choice key (`yes`, `partial`, `no`, `unknown`, `na`) or select option equals this.
    Equals(Key, String),
    /// The choice key or select option is one of these.
    OneOf(Key, Vec<String>),
    /// A multi-select answer includes this option.
    Includes(Key, String),
    /// A number is below the threshold.
    Below(Key, String),
    /// A number is at or above the threshold.
    AtLeast(Key, String),
    /// A number is above the threshold.
    Above(Key, String),
    /// A date is more than the threshold's days before the evaluation date.
    OlderThan(Key, String),
    /// An e-mail address looks like one person's address.
    Personal(Key),
    /// Some row of the group question satisfies the condition (whose keys are field IDs).
    Row(Key, Box<Condition>),
    /// Any holds.
    Any(Vec<Condition>),
    /// All hold.
    All(Vec<Condition>),
    /// Does not hold.
    Not(Box<Condition>),
}

use ti_core::wording::labelled;

use crate::support::{site, vo};

#[test]
fn a_label_and_its_answer_read_as_one_phrase_never_with_a_question_mark_and_a_colon() {
    let cases = [
        ("Name of the VO", "ATLAS", "Name of the VO: ATLAS"),
        ("Does the VO have a documented procedure?", "Yes", "Does the VO have a documented procedure? Yes"),
        ("Where to look:", "/var/log", "Where to look: /var/log"),
        ("Ends in a full stop.", "Да", "Ends in a full stop. Да"),
        ("Trailing space? ", "是", "Trailing space? 是"),
        ("Name of the site", "ΙΝΦΝ-Αθήνα", "Name of the site: ΙΝΦΝ-Αθήνα"),
    ];
    for (label, text, want) in cases {
        assert_eq!(labelled(label, text), want);
    }
}

#[test]
fn no_shipped_question_or_field_label_gives_a_question_mark_and_a_colon() {
    for set in [vo(), site()] {
        for q in &set.questions {
            assert!(!labelled(&q.label, "x").contains("?:"), "{}", q.id);
            if let ti_core::model::AnswerKind::Group(fields) = &q.kind {
                for f in fields {
                    assert!(!labelled(&q.label, &f.label).contains("?:"), "{}.{}", q.id, f.id);
                }
            }
        }
    }
}

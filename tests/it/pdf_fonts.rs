//! The PDF prints what the user typed: names, answers and evidence in Cyrillic, Greek, Hebrew,
//! Chinese (simplified and traditional), Japanese, Korean, extended Latin and symbols come back
//! from `pdftotext`; `pdffonts` lists every embedded font embedded, subset and with a Unicode
//! map; the same assessment gives the same bytes whatever else a worker has loaded; a font that
//! cannot be had, or a character no font has, is reported and drawn as U+FFFD, never a silent
//! `?`; streams are compressed and the document says what it is and when it was written.

use std::collections::BTreeSet;

use ti_core::collect::Collection;
use ti_core::collect::diff;
use ti_core::collect::matrix::Filter;
use ti_core::collect::summary;
use ti_core::model::{AnswerKind, AnswerValue, Assessment, Evidence};
use ti_core::report;
use ti_core::time::Timestamp;
use ti_pdf as pdf;

use crate::collect::{json, vo_report};
use crate::pdf::{font_path, fonts, run, temp_file};
use crate::support::{answer_all, today, vo};

/// Per script: an assessment name and an answer in it, and the font that must print them.
const SCRIPTS: &[(&str, &str, &str, &str)] = &[
    (
        "Russian",
        "Объединённый институт ядерных исследований",
        "Журналы заданий хранятся сто восемьдесят дней",
        "NotoSans-Regular",
    ),
    (
        "Greek",
        "Εθνικό Κέντρο Έρευνας «Δημόκριτος»",
        "Η ιχνηλασιμότητα των εργασιών είναι υποχρεωτική",
        "NotoSans-Regular",
    ),
    ("Hebrew", "מכון ויצמן למדע", "צוות האבטחה זמין בכל שעות היממה", "NotoSansHebrew-Regular"),
    ("Chinese, simplified", "中国科学院高能物理研究所", "所有作业日志保存一百八十天。", "DroidSansFallback"),
    ("Chinese, traditional", "國立中央大學網路與計算中心", "作業紀錄保存一百八十天。", "DroidSansFallback"),
    ("Japanese", "高エネルギー加速器研究機構", "ジョブのログは百八十日間保存します。", "DroidSansFallback"),
    ("Korean", "한국과학기술정보연구원", "작업 기록은 백팔십 일 동안 보관합니다", "DroidSansFallback"),
    (
        "Latin beyond the standard fonts",
        "Nguyễn Văn Thắng, Đặng Thị Hương",
        "Ærøskøbing, Łódź, Şırnak, Ğ ğ İ ı, ŉ Ŋ ŋ ſ",
        "NotoSans-Regular",
    ),
    ("Symbols", "Pipeline → archive ✓", "Checked ✓, not applicable ✗, ☐ open", "DejaVuSans"),
];

/// The shipped VO set answered in full, named `name`, with `answer` as the text of the first
/// text question and as the evidence of the first question.
fn assessment(name: &str, answer: &str) -> Assessment {
    let set = vo();
    let mut a = answer_all(set);
    a.name = name.to_owned();
    let now = a.last_change().unwrap();
    let text_q = set.questions.iter().find(|q| q.kind == AnswerKind::Text).unwrap();
    a.set_answer(&text_q.id, Some(AnswerValue::Text(answer.to_owned())), now);
    a.set_evidence(&set.questions[0].id, Evidence { text: answer.to_owned(), url: String::new() });
    a
}

fn render_with(a: &Assessment, book: &pdf::FontBook) -> pdf::Rendered {
    pdf::render(&report::build(vo(), a), book).unwrap()
}

/// `pdftotext` in reading order (a table cell's lines stay together), without the bidi marks
/// poppler puts around right-to-left text, and without any whitespace (a Chinese line break
/// becomes a newline, which is not in the string).
fn text_of(name: &str, bytes: &[u8]) -> String {
    let path = temp_file(name, bytes);
    let (ok, text) = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(ok, "pdftotext failed");
    squash(&text)
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(*c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'))
        .collect()
}

/// `pdffonts`' rows: (name, type, encoding, emb, sub, uni).
fn pdffonts(name: &str, bytes: &[u8]) -> Vec<(String, String, String, bool, bool, bool)> {
    let path = temp_file(name, bytes);
    let (ok, out) = run("pdffonts", &[path.to_str().unwrap()]);
    assert!(ok, "pdffonts failed");
    out.lines()
        .skip(2)
        .filter_map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            // name, type (one or two words), encoding, emb, sub, uni, object, generation
            let n = w.len();
            (n >= 8).then(|| {
                let yes = |s: &str| s == "yes";
                (
                    w[0].to_owned(),
                    w[1..n - 6].join(" "),
                    w[n - 6].to_owned(),
                    yes(w[n - 5]),
                    yes(w[n - 4]),
                    yes(w[n - 3]),
                )
            })
        })
        .collect()
}

/// The embedded fonts' PostScript names (without the subset tag), and a check that each is
/// embedded, subset, with a Unicode map, as a CID TrueType font.
fn embedded(name: &str, bytes: &[u8]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (font, kind, encoding, emb, sub, uni) in pdffonts(name, bytes) {
        if kind == "Type 1" {
            assert!(font.starts_with("Helvetica"), "{name}: unexpected builtin font {font}");
            continue;
        }
        assert_eq!((kind.as_str(), encoding.as_str()), ("CID TrueType", "Identity-H"), "{name}: {font}");
        assert!(
            emb && sub && uni,
            "{name}: {font} is not embedded, subset and mapped (emb {emb} sub {sub} uni {uni})"
        );
        let (tag, ps) = font.split_once('+').expect("a subset tag");
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "{name}: tag of {font}");
        out.insert(ps.to_owned());
    }
    out
}

#[test]
fn every_script_round_trips_through_pdftotext_in_an_embedded_subset() {
    for (script, name, answer, font) in SCRIPTS {
        let a = assessment(name, answer);
        let rendered = render_with(&a, fonts());
        assert!(rendered.missing.is_empty(), "{script}: missing {:?}", rendered.missing);
        assert_eq!(rendered.warning(), None, "{script}");
        let text = text_of(&format!("script-{script}"), &rendered.bytes);
        for s in [name, answer] {
            assert!(text.contains(&squash(s)), "{script}: `{s}` is not in the PDF's text");
        }
        assert!(!text.contains('\u{FFFD}') && !text.contains("??"), "{script}: a stand-in was printed");
        let fonts = embedded(script, &rendered.bytes);
        assert!(fonts.contains(*font), "{script}: {font} not among {fonts:?}");
    }
}

#[test]
fn a_latin_report_embeds_no_font_and_needs_none() {
    let a = assessment("ATLAS, checked by Łukasz, Jürgen and Cécile", "Checked on 2026-11-01: OK ≤ 30 days");
    let r = report::build(vo(), &a);
    assert!(pdf::needed_files(&format!("{r:?}")).is_empty());
    let rendered = pdf::render(&r, &pdf::FontBook::new()).unwrap();
    assert!(rendered.missing.is_empty());
    assert!(embedded("latin", &rendered.bytes).is_empty(), "a Latin-only report embeds nothing");
    assert_eq!(rendered.bytes, render_with(&a, fonts()).bytes, "loaded fonts change nothing");
}

#[test]
fn the_files_a_text_needs_are_named_by_its_scripts() {
    let cases: &[(&str, &[&str])] = &[
        ("plain ASCII and Łódź", &[]),
        ("Дубна", &["NotoSans-Regular.29aaa057.woff2", "NotoSans-Bold.291fdeba.woff2"]),
        ("מכון", &["NotoSansHebrew-Regular.e18b0b78.woff2", "NotoSansHebrew-Bold.6371f921.woff2"]),
        ("a → b", &["DejaVuSans-Symbols.91923e17.woff2"]),
        ("北京 and 서울", &["on-demand/DroidSansFallback.21be9e55.woff2"]),
        // Rust's Debug form escapes a combining mark; it still counts.
        ("e\\u{301}", &["NotoSans-Regular.29aaa057.woff2", "NotoSans-Bold.291fdeba.woff2"]),
    ];
    for (text, files) in cases {
        assert_eq!(pdf::needed_files(text), files.to_vec(), "{text}");
    }
    // More distinct extra letters than the encoding has codes: the rest need Noto Sans.
    let many = "ĀāĂăĄąĆćČčĎďĐđĒēĖėĘęĚěĞğĢģĪīĮįİıĶķĹĺĻļĽľŁłŃń";
    assert_eq!(pdf::needed_files(many).len(), 2);
}

#[test]
fn the_same_assessment_gives_the_same_bytes_whatever_else_is_loaded() {
    let a = assessment("Объединённый институт ядерных исследований", "ОИЯИ: журналы хранятся 180 дней");
    let r = report::build(vo(), &a);
    let mut only_noto = pdf::FontBook::new();
    for path in pdf::needed_files(&format!("{r:?}")) {
        only_noto.add(path, &std::fs::read(font_path(path)).unwrap()).unwrap();
    }
    let first = pdf::render(&r, fonts()).unwrap().bytes;
    assert_eq!(first, pdf::render(&r, fonts()).unwrap().bytes, "two exports in one process");
    assert_eq!(first, pdf::render(&r, &only_noto).unwrap().bytes, "a book with only the fonts it needs");
}

#[test]
fn without_the_cjk_font_cjk_prints_as_a_replacement_and_the_warning_says_what_to_do() {
    let a = assessment("中国科学院高能物理研究所", "Дубна и 北京");
    let r = report::build(vo(), &a);
    let mut book = pdf::FontBook::new();
    for path in pdf::needed_files(&format!("{r:?}")).into_iter().filter(|p| !p.starts_with("on-demand/")) {
        book.add(path, &std::fs::read(font_path(path)).unwrap()).unwrap();
    }
    let rendered = pdf::render(&r, &book).unwrap();
    let cjk = pdf::Face::Cjk.file();
    assert!(!rendered.missing.is_empty());
    assert!(rendered.missing.iter().all(|m| m.needs == Some(cjk)), "{:?}", rendered.missing);
    let warning = rendered.warning().unwrap();
    for part in ["Chinese, Japanese and Korean text", "中 (U+4E2D)", "1113 KB", "Connect to the internet"] {
        assert!(warning.contains(part), "`{part}` not in: {warning}");
    }
    let text = text_of("no-cjk", &rendered.bytes);
    assert!(text.contains('\u{FFFD}'), "the stand-in is U+FFFD");
    assert!(!text.contains("????"), "never a silent `?`");
    assert!(text.contains("Дубнаи"), "the Cyrillic still prints");
}

#[test]
fn without_any_font_nothing_is_lost_silently() {
    let a = assessment("Дубна", "Дубна");
    let rendered = render_with(&a, &pdf::FontBook::new());
    assert!(rendered.missing.iter().any(|m| m.character == 'Д'));
    assert!(rendered.warning().unwrap().contains("Connect to the internet"));
}

#[test]
fn a_character_no_font_has_is_reported_with_what_to_do() {
    let a = assessment("مركز الحوسبة", "Grid site 🙂 ready");
    let rendered = render_with(&a, fonts());
    let missing: Vec<char> = rendered.missing.iter().map(|m| m.character).collect();
    for c in ['م', 'ر', '🙂'] {
        assert!(missing.contains(&c), "{c} not reported: {missing:?}");
    }
    assert!(rendered.missing.iter().all(|m| m.needs.is_none()));
    let warning = rendered.warning().unwrap();
    assert!(warning.contains("No font of ti-assess has") && warning.contains("🙂 (U+1F642)"), "{warning}");
    assert!(warning.contains("transliteration"), "{warning}");
    let text = text_of("no-font", &rendered.bytes);
    assert!(text.contains('\u{FFFD}') && text.contains("Gridsite"));
}

#[test]
fn every_stream_is_compressed_and_the_document_says_what_it_is() {
    let mut a = assessment("Объединённый институт ядерных исследований", "ОИЯИ");
    let first = Timestamp::parse("2026-03-02T08:15:00Z").unwrap();
    let q = vo().questions[1].id.clone();
    a.set_answer(&q, Some(AnswerValue::Text("first".into())), first);
    let bytes = render_with(&a, fonts()).bytes;
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let mut streams = 0;
    for (id, object) in &doc.objects {
        if let lopdf::Object::Stream(s) = object {
            streams += 1;
            assert!(s.dict.get(b"Filter").is_ok(), "stream {id:?} is not compressed");
        }
    }
    assert!(streams > 5, "{streams} streams");
    let lang = doc.catalog().unwrap().get(b"Lang").unwrap().as_str().unwrap().to_vec();
    assert_eq!(lang, b"en");

    let path = temp_file("info.pdf", &bytes);
    let (ok, info) = run("pdfinfo", &["-isodates", path.to_str().unwrap()]);
    assert!(ok);
    let field = |k: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{k}:")).map(|v| v.trim().to_owned()))
            .unwrap_or_default()
    };
    assert_eq!(field("Title"), vo().title);
    assert_eq!(field("Author"), "Объединённый институт ядерных исследований");
    assert!(field("Subject").starts_with("VO self-assessment"), "{}", field("Subject"));
    assert!(field("Producer").starts_with("ti-assess"), "{}", field("Producer"));
    assert!(field("CreationDate").starts_with("2026-03-02T08:15:00"), "{}", field("CreationDate"));
    let last = a.last_change().unwrap().to_string();
    assert!(field("ModDate").starts_with(&last[..19]), "{} vs {last}", field("ModDate"));
    assert!(!info.contains("1970"), "{info}");
    assert!(!info.contains("PDF/X"), "printpdf's PDF/X claim is gone: {info}");
}

#[test]
fn an_assessment_without_answers_has_no_dates_rather_than_1970() {
    let mut a = Assessment::new(ti_core::model::QuestionSetRef {
        id: vo().id.clone(),
        version: vo().version.clone(),
    });
    a.name = "Empty".into();
    let bytes = render_with(&a, fonts()).bytes;
    let path = temp_file("empty-info.pdf", &bytes);
    let (_, info) = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(!info.contains("1970") && !info.contains("CreationDate"), "{info}");
}

#[test]
fn chinese_wraps_between_characters_within_the_margin_never_before_a_closing_mark() {
    let sentence = "所有作业日志在本地保存一百八十天，并且每天复制到中央存储，以便事件调查时可以追溯到具体的用户和工作节点。";
    let a = assessment("中国科学院高能物理研究所", &sentence.repeat(4));
    let bytes = render_with(&a, fonts()).bytes;
    let path = temp_file("cjk-wrap.pdf", &bytes);
    let (ok, html) = run("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    assert!(ok);
    let mut lines = 0;
    for chunk in html.split("<word ").skip(1) {
        let attr = |k: &str| -> f64 {
            chunk.split(&format!("{k}=\"")).nth(1).and_then(|s| s.split('"').next()).unwrap().parse().unwrap()
        };
        let word = chunk.split('>').nth(1).and_then(|s| s.split('<').next()).unwrap_or("");
        assert!(attr("xMax") <= 595.28 - 62.0 + 0.5, "`{word}` runs past the margin");
        if word.chars().any(ti_core::script::is_cjk) {
            lines += 1;
            let first = word.chars().next().unwrap();
            assert!(!"，。、）」".contains(first), "a line starts with `{first}`: {word}");
        }
    }
    assert!(lines > 8, "{lines} CJK lines");
    assert!(text_of("cjk-wrap-text", &bytes).contains(&sentence.repeat(4)));
}

#[test]
fn hebrew_is_drawn_right_to_left_and_extracts_in_reading_order() {
    let name = "מכון ויצמן למדע";
    let rendered = render_with(&assessment(name, "צוות האבטחה זמין"), fonts());
    // Drawn in visual order: the last letter of the name comes first in the content stream.
    let doc = lopdf::Document::load_mem(&rendered.bytes).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let content = doc.get_page_content(page);
    let ops = lopdf::content::Content::decode(&content).unwrap().operations;
    let hebrew_runs =
        ops.iter().filter(|o| o.operator == "Tf" && o.operands[0].as_name().unwrap() == b"TIHR").count();
    assert!(hebrew_runs >= 1, "the cover sets Hebrew in Noto Sans Hebrew");
    let text = text_of("hebrew", &rendered.bytes);
    assert!(text.contains(&squash(name)), "reading order");
    assert!(!text.contains(&squash(&name.chars().rev().collect::<String>())), "not reversed");
}

#[test]
fn the_working_group_pdfs_print_names_in_every_script() {
    let mut c = Collection::new(today());
    let names = [
        "中国科学院高能物理研究所",
        "Объединённый институт",
        "מכון ויצמן",
        "한국과학기술정보연구원",
        "高エネルギー加速器研究機構",
    ];
    for (i, name) in names.iter().enumerate() {
        c.add_file(
            &format!("{i}.json"),
            &json(&vo_report(&format!("r{i}"), name, "2026-10-01T09:00:00Z", &[])),
        );
    }
    let f = Filter::default();
    let r = summary::build(&c, &f, summary::since_previous(&c, &f));
    let rendered = pdf::render_aggregate(&r, fonts()).unwrap();
    assert!(rendered.missing.is_empty(), "{:?}", rendered.missing);
    let text = text_of("aggregate-scripts", &rendered.bytes);
    for n in names {
        assert!(text.contains(&squash(n)), "`{n}` is not in the summary");
    }
    let used = embedded("aggregate-scripts", &rendered.bytes);
    for f in ["DroidSansFallback", "NotoSans-", "NotoSansHebrew-"] {
        assert!(used.iter().any(|u| u.starts_with(f)), "{f} not in {used:?}");
    }
    assert_eq!(rendered.bytes, pdf::render_aggregate(&r, fonts()).unwrap().bytes);

    let before = vo_report("ihep", names[0], "2025-11-01T09:00:00Z", &[]);
    let after = vo_report("ihep", "中国科学院高能物理研究所 2026", "2026-11-01T09:00:00Z", &[]);
    let d = diff::compare(&before, &after, today()).unwrap();
    let cmp = summary::comparison_report(&before, &after, today(), &d);
    let rendered = pdf::render_comparison(&cmp, fonts()).unwrap();
    assert!(text_of("comparison-scripts", &rendered.bytes).contains(&squash("中国科学院高能物理研究所2026")));
    assert!(embedded("comparison-scripts", &rendered.bytes).contains("DroidSansFallback"));
}

#[test]
fn the_font_files_are_the_pinned_ones_with_their_licences() {
    let dir = font_path("");
    let mut on_disk: Vec<String> = Vec::new();
    for sub in ["", "on-demand/"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".woff2") {
                on_disk.push(format!("{sub}{name}"));
            }
        }
    }
    on_disk.sort();
    let mut listed: Vec<String> = pdf::FILES.iter().map(|f| f.path.to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "every shipped font is pinned in fonts.rs, and only those");
    for f in &pdf::FILES {
        let bytes = std::fs::read(font_path(f.path)).unwrap();
        assert_eq!(bytes.len(), f.bytes, "{}", f.path);
        let sum = ti_core::persist::sha256_hex(&bytes);
        assert_eq!(sum, f.sha256, "{}", f.path);
        assert!(f.path.contains(&format!(".{}.", &sum[..8])), "{}: the name carries its hash", f.path);
        assert!(!f.resource.starts_with('F'), "{}: F1..F14 are the builtin fonts' names", f.resource);
    }
    for licence in ["OFL-1.1.txt", "Apache-2.0.txt", "DejaVu-Bitstream-Vera.txt", "README.txt"] {
        let text = std::fs::read_to_string(dir.join(licence)).unwrap();
        assert!(text.len() > 1000, "{licence} is there in full");
    }
    // A damaged or stale file is refused by name.
    let mut book = pdf::FontBook::new();
    let f = &pdf::FILES[0];
    let mut bytes = std::fs::read(font_path(f.path)).unwrap();
    bytes[100] ^= 1;
    assert_eq!(book.add(f.path, &bytes), Err(pdf::FontError::Checksum(f.path)));
    assert!(matches!(book.add("Other.woff2", &bytes), Err(pdf::FontError::Unknown(_))));
}

/// Not a test: writes `artifacts/pdf-scripts.pdf` (every script on the cover, in the gaps and in
/// the answers) and its pages as PNG, for a look (`cargo test --test it -- --ignored
/// write_script_sample`).
#[test]
#[ignore]
fn write_script_sample() {
    let set = vo();
    let mut a = answer_all(set);
    a.name = SCRIPTS.iter().map(|s| s.1).collect::<Vec<_>>().join(" · ");
    let now = a.last_change().unwrap();
    let texts: Vec<_> = set.questions.iter().filter(|q| q.kind == AnswerKind::Text).collect();
    for (q, (_, name, answer, _)) in texts.iter().zip(SCRIPTS) {
        a.set_answer(&q.id, Some(AnswerValue::Text(format!("{name}: {answer}"))), now);
    }
    for (q, (script, _, answer, _)) in set.questions.iter().zip(SCRIPTS) {
        a.set_evidence(&q.id, Evidence { text: format!("{script}: {answer}"), url: String::new() });
    }
    let bytes = render_with(&a, fonts()).bytes;
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("pdf-scripts.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let (ok, _) = run(
        "pdftoppm",
        &["-png", "-r", "80", path.to_str().unwrap(), dir.join("pdf-scripts").to_str().unwrap()],
    );
    assert!(ok);
    eprintln!("{} bytes, fonts {:?}", bytes.len(), embedded("sample", &bytes));
}

/// The worker sets WinAnsi text with a table of Helvetica's widths instead of linking printpdf's
/// fourteen built-in font programs: the table must be what those programs say.
#[test]
fn the_helvetica_widths_are_printpdfs() {
    let computed = ti_pdf::widths::table_source().expect("printpdf parses its built-in Helvetica");
    assert!(
        computed == ti_pdf::widths::table_in_source(),
        "crates/pdf/src/widths_table.rs is out of date: run \
         `cargo run -p ti-pdf --example helvetica_widths > crates/pdf/src/widths_table.rs`"
    );
}

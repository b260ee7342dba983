//! A wide and deep schema (`schemas/wide.xsd`): its types would be megabytes held by value, so large
//! children are boxed and a document reads and writes on a thread with a 2 MiB stack, the size Rust
//! gives spawned threads by default, in a debug build.

mod common;

use enhanced_presence::roundtrip;
use generator_features::wide_schema::wide::Report;
use generator_features::wide_schema::Document;

/// An element of level `level` with every kind of child filled, down to the leaves.
fn element(name: &str, level: usize) -> String {
    if level == 0 {
        return format!(
            r#"<{name} code="c"><id>1</id><name>n</name><issued>2024-01-02T03:04:05Z</issued><amount>1.5</amount><period>P1D</period><count>3</count></{name}>"#
        );
    }
    let below = level - 1;
    let mut xml = format!("<{name}><label>level {level}</label>");
    for child in ["party", "address", "contact", "item", "price", "tax"] {
        xml += &element(child, below);
    }
    xml += &element("secondary", below);
    xml += &element("from", below);
    xml += &element("to", below);
    xml += &element("line", below);
    xml += &element("line", below);
    xml + &format!("</{name}>")
}

fn document() -> String {
    element("report", 4).replacen("<report>", r#"<report xmlns="urn:example:wide">"#, 1)
}

/// Runs `f` on a thread with a 2 MiB stack.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).expect("a thread").join().expect("no panic");
}

#[test]
fn a_wide_and_deep_document_reads_and_writes_on_a_small_stack() {
    on_small_stack(|| {
        let xml = document();
        let report: Report = enhanced_presence::from_str(&xml).unwrap();
        assert_eq!(report.label.as_deref(), Some("level 4"));
        assert_eq!(report.tax.as_ref().map(|t| t.line.len()), Some(2));
        let out = enhanced_presence::to_string(&report).unwrap();
        // Not `assert_eq`: the document is 300 kB.
        assert!(out == xml, "written differently from the input");
        let check = roundtrip::check_as::<Document>(&xml);
        assert!(check.is_ok(), "{check}");
    });
}

#[test]
fn one_of_many_document_types_reads_on_a_small_stack() {
    on_small_stack(|| {
        let entries: String = (1..=64).map(|i| element(&format!("entry{i}"), 1)).collect();
        let xml = format!(r#"<statement96 xmlns="urn:example:wide">{entries}</statement96>"#);
        let check = roundtrip::check_as::<Document>(&xml);
        assert!(check.is_ok(), "{check}");
        let Document::Statement96(statement) = enhanced_presence::from_str(&xml).unwrap() else {
            panic!("not read as statement96")
        };
        assert_eq!(statement.entry64.as_ref().and_then(|e| e.label.as_deref()), Some("level 1"));
    });
}

#[test]
fn a_document_type_inside_a_wildcard_reads_on_a_small_stack() {
    on_small_stack(|| {
        let inner = r#"<statement1 xmlns="urn:example:wide"><entry1><label>in</label></entry1></statement1>"#;
        let xml = format!(
            r#"<report xmlns="urn:example:wide"><label>outer</label><x:wrapper xmlns:x="urn:example:other">{inner}</x:wrapper></report>"#
        );
        let check = roundtrip::check_as::<Document>(&xml);
        assert!(check.is_ok(), "{check}");
        let report: Report = enhanced_presence::from_str(&xml).unwrap();
        assert_eq!(report.any.len(), 1);
    });
}

#[test]
fn a_duration_whose_seconds_start_at_the_point_found_by_the_features_fuzz_target_reads() {
    // XSD 1.0 makes a duration's seconds "an arbitrary unsigned decimal", so `.66S` (and `8.S`) are
    // valid, as libxml2 holds; the reader refused them until the target asked libxml2 about the
    // documents it refused.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/fuzz-regressions/features-duration-seconds-from-the-point.xml"
    );
    let xml = std::fs::read_to_string(path).unwrap();
    common::validate("wide.xsd", &xml).unwrap();
    let report = enhanced_presence::roundtrip::check_as::<Document>(&xml);
    assert!(report.is_ok(), "{report}");
    let trim = |s: &str| s.trim_end_matches(char::is_whitespace).to_owned();
    assert_eq!(report.output.as_deref().map(trim), Some(trim(&xml)));
}

//! `schemas/particles.xsd`: particles are counted as XSD counts them — a repeated group whatever
//! the reader's split of its elements into repetitions, the elements of an `xs:all`. Each verdict
//! is compared with libxml2's.

mod common;

use generator_features::particles_schema::{particles::Runs, Document};

#[test]
fn a_repeated_group_counts_as_xsd_splits_its_elements() {
    // (body, libxml2's verdict, ours). Two repetitions of `a{1,3}` may be `a a`, one `a` each: the
    // reader reads them as one repetition of two and must not refuse the document. How many
    // repetitions elements of varying length could split into is not searched for, so one `a` is
    // accepted although it cannot be two repetitions (the one verdict that differs); the pairs, of
    // fixed length, are counted exactly.
    const CASES: &[(&str, bool, bool)] = &[
        ("<a>1</a><a>2</a><b>1</b><c>1</c><b>2</b><c>2</c><x>0</x>", true, true),
        ("<a>1</a><a>2</a><a>3</a><b>1</b><c>1</c><b>2</b><c>2</c><b>3</b><c>3</c><x>0</x>", true, true),
        ("<a>1</a><a>2</a><a>3</a><a>4</a><a>5</a><a>6</a><b>1</b><c>1</c><b>2</b><c>2</c><x>0</x>", true, true),
        ("<a>1</a><b>1</b><c>1</c><b>2</b><c>2</c><x>0</x>", false, true),
        ("<a>1</a><a>2</a><b>1</b><c>1</c><x>0</x>", false, false),
        ("<a>1</a><a>2</a><b>1</b><c>1</c><b>2</b><c>2</c><b>3</b><c>3</c><b>4</b><c>4</c><x>0</x>", false, false),
        ("<a>1</a><a>2</a><a>3</a><a>4</a><a>5</a><a>6</a><a>7</a><b>1</b><c>1</c><b>2</b><c>2</c><x>0</x>", false, false),
    ];
    for (body, valid, read) in CASES {
        let xml = format!(r#"<runs xmlns="urn:example:particles">{body}</runs>"#);
        assert_eq!(common::validate("particles.xsd", &xml).is_ok(), *valid, "libxml2 on {xml}");
        let runs = enhanced_presence::from_str::<Runs>(&xml);
        assert_eq!(runs.is_ok(), *read, "{xml}: {runs:?}");
        if let Ok(runs) = runs {
            assert_eq!(enhanced_presence::to_string(&runs).unwrap(), xml);
        }
    }
}

#[test]
fn too_few_repetitions_are_reported_as_repetitions() {
    let xml = r#"<runs xmlns="urn:example:particles"><a>1</a><a>2</a><b>1</b><c>1</c><x>0</x></runs>"#;
    let error = enhanced_presence::from_str::<Runs>(xml).unwrap_err();
    assert_eq!(
        error.to_string(),
        "1:1: /runs: expected at least 2 repetitions of the group starting with b, found 1"
    );
}

#[test]
fn the_elements_of_an_all_group_are_counted_whatever_they_are() {
    // (document, libxml2's verdict and ours); `NS` stands for the namespace declaration.
    const CASES: &[(&str, bool)] = &[
        ("<card NS><m1>a</m1></card>", true),
        ("<card NS><x>1</x><m2>b</m2></card>", true),
        ("<card NS><x>1</x></card>", false),
        ("<card NS><m1>a</m1><m2>b</m2></card>", false),
        ("<maybe NS/>", true),
        ("<maybe NS><x>1</x></maybe>", true),
        ("<maybe NS><y>1</y><x>2</x></maybe>", true),
        ("<maybe NS><y>1</y></maybe>", false),
    ];
    for (xml, valid) in CASES {
        let xml = xml.replace("NS", r#"xmlns="urn:example:particles""#);
        assert_eq!(common::validate("particles.xsd", &xml).is_ok(), *valid, "libxml2 on {xml}");
        let read = enhanced_presence::from_str::<Document>(&xml);
        assert_eq!(read.is_ok(), *valid, "{xml}: {read:?}");
        if let Ok(read) = read {
            assert_eq!(enhanced_presence::to_string(&read).unwrap(), xml);
        }
    }
}

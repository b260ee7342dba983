//! Fixed values (`schemas/fixed.xsd`): a value other than the one the declaration fixes is an
//! error naming where it is, and a value equal to it but written otherwise is read. Equal means
//! equal in the declared type's value space, as libxml2 judges (which each case here asks).

mod common;

use enhanced_presence::roundtrip;
use enhanced_presence::xs::Defaulted;
use generator_features::fixed_schema::fixed::Settings;
use generator_features::fixed_schema::Document;

const SCHEMA: &str = "fixed.xsd";

/// A `settings` element with `attributes` (besides the required `version`) and `children`.
fn settings(attributes: &str, children: &str) -> String {
    format!(r#"<settings xmlns="urn:example:fixed" version="1.5" {attributes}>{children}</settings>"#)
}

/// A value equal to the fixed one, written another way: the reader reads it and it writes back with
/// nothing lost; libxml2 holds the document valid, except where an element's text is not the fixed
/// text (below).
#[test]
fn a_value_equal_to_the_fixed_one_is_read_however_it_is_written() {
    let attributes = [
        r#"text="a b""#,
        r#"line="a&#9;b""#,
        r#"token="  a   b ""#,
        r#"version="01.50""#,
        r#"enabled="1""#,
        r#"ratio="1e2""#,
        r#"time="01:00:00+02:00""#,
        r#"period="PT60M""#,
        r#"key="0a0b""#,
        r#"percent="5""#,
        r#"flag="true""#,
        r#"collapsed=" a  b ""#,
        r#"wrapped="a b""#,
    ];
    let children =
        ["<text>a b</text>", "<rate/>", "<rate>1.50</rate>", "<fee/>", r#"<fee currency="EUR">2.50</fee>"#];
    // libxml2 compares an element's text with the fixed text as written, where XSD compares the
    // value (its attributes it compares as values): it refuses these, which this reader reads.
    let libxml2_refuses = [
        "<name> a  b </name>",
        "<rate>1.5</rate>",
        "<at>2010-06-22T21:00:00+02:00</at>",
        "<sizes> 1.0  2.50 </sizes>",
        r#"<fee currency="EUR">2.5</fee>"#,
    ];
    let documents = attributes
        .iter()
        .map(|a| (settings(a, ""), true))
        .chain(children.iter().map(|c| (settings("", c), true)))
        .chain(libxml2_refuses.iter().map(|c| (settings("", c), false)))
        // `version` once: the case that writes it replaces the default one.
        .map(|(xml, judged)| {
            (xml.replacen(r#" version="1.5" version="01.50""#, r#" version="01.50""#, 1), judged)
        });
    let mut wrong = Vec::new();
    for (xml, judged) in documents {
        match common::validate(SCHEMA, &xml) {
            Err(e) if judged => wrong.push(format!("libxml2 refuses {xml}: {e}")),
            Ok(()) if !judged => wrong.push(format!("libxml2 now holds valid {xml}: judge it")),
            _ => {}
        }
        let report = roundtrip::check_as::<Document>(&xml);
        if !report.is_ok() {
            wrong.push(format!("{xml}\n{report}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let s: Settings =
        enhanced_presence::from_str(&settings(r#"period="PT60M""#, "<name> a  b </name><rate/>"))
            .expect("valid");
    // Read as written; the empty element took the fixed value.
    assert_eq!(s.period.map(|p| p.to_string()).as_deref(), Some("PT60M"));
    assert_eq!(s.name.as_ref().map(|n| n.get().as_str()), Some(" a  b "));
    assert!(matches!(s.rate, Some(Defaulted::Default(_))));
}

/// A value other than the fixed one: libxml2 refuses the document, and so does the reader, naming
/// the attribute or element, its line and column, and the fixed value.
#[test]
fn another_value_is_an_error_naming_the_attribute_or_element() {
    let attributes = [
        // `xs:string` keeps every space; `xs:normalizedString` makes tabs spaces but keeps runs.
        (r#"text=" a b""#, "@text", "a b"),
        (r#"line="a  b""#, "@line", "a b"),
        (r#"token="ab""#, "@token", "a b"),
        (r#"ratio="101""#, "@ratio", "100"),
        (r#"enabled="false""#, "@enabled", "true"),
        // Without a timezone a time is no point on UTC's clock: not the fixed `23:00:00Z`.
        (r#"time="23:00:00""#, "@time", "23:00:00Z"),
        (r#"period="P1D""#, "@period", "PT1H"),
        (r#"key="0A0C""#, "@key", "0A0B"),
        (r#"percent="5.1""#, "@percent", "5.0"),
        // The boolean `false`, not the date-or-boolean `1`.
        (r#"flag="0""#, "@flag", "1"),
        (r#"collapsed="ab""#, "@collapsed", "a b"),
        // A line end by reference is one, not a space.
        (r#"wrapped="a&#10;b""#, "@wrapped", "a b"),
    ];
    let children = [
        ("<text> a b</text>", "/settings/text", "a b"),
        ("<name>ab</name>", "/settings/name", "a b"),
        ("<rate>1.51</rate>", "/settings/rate", "1.50"),
        ("<at>2010-06-22T19:00:00</at>", "/settings/at", "2010-06-22T19:00:00Z"),
        ("<sizes>1 2</sizes>", "/settings/sizes", "1 2.5"),
        (r#"<fee currency="EUR">3</fee>"#, "/settings/fee", "2.50"),
    ];
    let cases = attributes
        .iter()
        .map(|(a, name, fixed)| (settings(a, ""), *name, *fixed))
        .chain(children.iter().map(|(c, name, fixed)| (settings("", c), *name, *fixed)))
        .chain([(settings("", "").replace(r#"version="1.5""#, r#"version="1.50001""#), "@version", "1.5")]);
    let mut wrong = Vec::new();
    for (xml, name, fixed) in cases {
        if common::validate(SCHEMA, &xml).is_ok() {
            wrong.push(format!("libxml2 holds valid {xml}"));
        }
        let error = match enhanced_presence::from_str::<Document>(&xml) {
            Ok(_) => {
                wrong.push(format!("read: {xml}"));
                continue;
            }
            Err(error) => error.to_string(),
        };
        // `line:column: path: @attribute: …` or `line:column: path: …`
        let expected = format!("{name}: expected {fixed}, found");
        if !(error.starts_with("1:")
            && error.contains(&expected)
            && error.ends_with("(the schema fixes the value)"))
        {
            wrong.push(format!("{xml}\n{error}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

//! Documents of other formats (the xsd-parser suite beside the checkout), read as unknown content:
//! what the runtime itself must keep whatever the schema, here a MusicXML DOCTYPE and XCCDF's
//! `xml:lang` attributes. Skipped when the suite is not there.

use enhanced_presence::any::AnyElement;
use enhanced_presence::{roundtrip, Error, Start, WithHints, XmlElement, XmlRead, XmlReader, XmlWriter};

/// Any root element, kept whole.
struct AnyRoot(AnyElement);

impl XmlElement for AnyRoot {
    fn matches(_: &[u8], _: &[u8]) -> bool {
        true
    }
    fn expected() -> &'static str {
        "any element"
    }
    fn read_element(r: &mut XmlReader<'_>, start: Start<'_>) -> Result<Self, Error> {
        AnyElement::read_xml(r, start).map(AnyRoot)
    }
    fn write_element(&self, w: &mut XmlWriter) {
        self.0.write(w)
    }
}

fn example(path: &str) -> Option<String> {
    let path = format!("{}/../shared/xsd-parser-suite/schema/{path}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            eprintln!("skipped: {path}: {e}");
            None
        }
    }
}

#[test]
fn musicxml_keeps_its_doctype() {
    let Some(xml) = example("musicxml/examples/default.xml") else { return };
    let report = roundtrip::check_as::<WithHints<AnyRoot>>(&xml);
    assert!(report.is_ok(), "{report}");
    let output = report.output.unwrap();
    assert!(
        output.starts_with(
            "<!DOCTYPE score-partwise PUBLIC \"-//Recordare//DTD MusicXML 4.0 Partwise//EN\" \
             \"http://www.musicxml.org/dtds/partwise.dtd\"><score-partwise version=\"4.0\">"
        ),
        "{:.300}",
        output
    );
}

#[test]
fn xccdf_keeps_xml_lang_without_declaring_its_namespace() {
    let Some(xml) = example("xccdf_1_2/examples/benchmark.xml") else { return };
    let report = roundtrip::check_as::<WithHints<AnyRoot>>(&xml);
    assert!(report.is_ok(), "{report}");
    let output = report.output.unwrap();
    assert_eq!(output.matches(" xml:lang=").count(), xml.matches(" xml:lang=").count());
    assert!(!output.contains("XML/1998/namespace"));
}

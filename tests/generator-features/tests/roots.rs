//! `Config::root`: generating only what documents of the chosen roots can contain reads those
//! documents into the same types as generating everything, and keeps other content whole.

use enhanced_presence::{categories::Categories, roundtrip};
use generator_features::selected;

/// The payload namespaces the selection was generated for (with the envelope's and the types' own).
const SELECTED: &[&str] = &["categories", "commontypes", "state", "note", "contactcard"];

fn instances() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/categories/valid");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .map(|p| {
            (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// Whether every namespace the document declares as a default is one the selection covers.
fn only_selected_payloads(xml: &str) -> bool {
    xml.split("xmlns=\"").skip(1).filter_map(|rest| rest.split('"').next()).all(|ns| {
        ns.strip_prefix("http://schemas.microsoft.com/2006/09/sip/").is_some_and(|n| SELECTED.contains(&n))
    })
}

#[test]
fn documents_of_a_root_read_the_same_with_and_without_the_selection() {
    let mut compared = 0;
    for (name, xml) in instances() {
        let Ok(full) = enhanced_presence::from_str::<Categories>(&xml) else { continue };
        let selected: selected::categories::Categories =
            enhanced_presence::from_str(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Nothing is lost either way.
        let check = roundtrip::check_as::<selected::Document>(&xml);
        assert!(check.is_ok(), "{name}: {check}");
        let written =
            (enhanced_presence::to_string(&full).unwrap(), enhanced_presence::to_string(&selected).unwrap());
        let (full, selected) = (format!("{full:?}"), format!("{selected:?}"));
        if only_selected_payloads(&xml) {
            // Same types, same names, same values: the Debug output shows every type read.
            assert_eq!(selected, full, "{name}");
            assert_eq!(written.1, written.0, "{name}");
            compared += 1;
        } else {
            // Payloads of namespaces the selection left out are kept whole as unknown elements.
            assert_ne!(selected, full, "{name}");
            assert!(selected.matches("Unknown(").count() > full.matches("Unknown(").count(), "{name}");
        }
    }
    assert!(compared >= 4, "only {compared} documents compared");
}

#[test]
fn what_no_root_reaches_is_not_generated() {
    let text = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/selected.rs")).unwrap();
    for kept in ["pub mod state", "pub mod note", "pub mod contact_card", "pub mod common"] {
        assert!(text.contains(kept), "{kept} missing");
    }
    // Publication manifests, provisioning and options are reached by none of the roots.
    for dropped in ["pub mod publication_grammar", "pub mod provisioninggrouplist", "pub mod options_alerts"]
    {
        assert!(!text.contains(dropped), "{dropped} generated");
    }
}

#[test]
fn documents_are_the_roots_and_wildcards_type_only_their_namespaces() {
    use enhanced_presence::XmlElement;
    let expected = <selected::Document as XmlElement>::expected();
    assert_eq!(expected.matches('{').count(), 4, "{expected}");
    for root in ["}categories", "}state", "}note", "}contactCard"] {
        assert!(expected.contains(root), "{expected}");
    }
    // The category payload enum holds the elements of the roots' namespaces, not commontypes'.
    let text = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/selected.rs")).unwrap();
    let known = &text[text.find("pub enum CategoryValue").expect("CategoryValue")..];
    let known = &known[..known.find("\n}").unwrap()];
    assert!(known.contains("State(") && known.contains("Note(") && known.contains("ContactCard("), "{known}");
    assert!(!known.contains("in `http://schemas.microsoft.com/2006/09/sip/commontypes`"), "{known}");
}

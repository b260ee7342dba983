//! Elements and types named `Ok`, `Err`, `Some` and `None` (`schemas/prelude-names.xsd`): their
//! newtypes must not shadow the prelude's values in the generated module, which writes `Ok(…)` and
//! `None` bare. Before they were renamed, this module did not compile. Likewise elements named
//! `Custom` and `Unknown`, the element enum's own variants.

use enhanced_presence::roundtrip;
use generator_features::prelude_name_types::prelude_names::*;

const NS: &str = r#"xmlns="urn:example:prelude""#;

#[test]
fn elements_named_as_prelude_values_read_and_write() {
    let xml = format!(
        r#"<results {NS} count="3"><Ok id="a"><detail>done</detail></Ok><Err id="b"><code>4</code><code>7</code></Err><None/><Some>x</Some></results>"#
    );
    let report = roundtrip::check_as::<Results>(&xml);
    assert!(report.is_ok(), "{report}");
    let results: Results = enhanced_presence::from_str(&xml).unwrap();
    assert_eq!(results.count, Some(3));
    let ok = results.ok.as_ref().expect("<Ok>");
    assert_eq!(ok.id.as_deref(), Some("a"));
    assert_eq!(ok.detail.as_ref().map(|d| d.0.as_str()), Some("done"));
    let codes: Vec<i32> = results.err[0].code.iter().map(|c| c.0).collect();
    assert_eq!(codes, [4, 7]);
    assert!(results.none.is_some());
    assert_eq!(results.some.as_ref().map(|s| s.0.as_str()), Some("x"));
}

#[test]
fn the_renamed_wrappers_are_roots_of_their_own() {
    let ok: OkElement = enhanced_presence::from_str(&format!(r#"<Ok {NS} id="1"/>"#)).unwrap();
    assert_eq!(ok.id.as_deref(), Some("1"));
    let none: NoneElement = enhanced_presence::from_str(&format!("<None {NS}/>")).unwrap();
    assert_eq!(none.0, Outcome::default());
    let some: SomeElement = enhanced_presence::from_str(&format!("<Some {NS}>abc</Some>")).unwrap();
    assert_eq!(some.0, SomeType::new("abc".to_owned()).unwrap());
    // The facet of the renamed simple type still holds.
    let err = enhanced_presence::from_str::<SomeElement>(&format!("<Some {NS}>too long a value</Some>"));
    assert!(err.is_err(), "{err:?}");
    let error: ErrElement = enhanced_presence::from_str(&format!("<Err {NS}><code>0</code></Err>")).unwrap();
    assert_eq!(error.code, [ErrType::new(0).unwrap()]);
}

/// `<Custom>` and `<Unknown>` under a lax wildcard read as their types, in variants of other names;
/// the enum's own `Custom` and `Unknown` keep their meaning.
#[test]
fn elements_named_as_the_element_enums_own_variants_read_typed() {
    use generator_features::prelude_name_types::KnownElement;

    let xml = format!(
        r#"<envelope {NS}><Custom id="c"/><Unknown id="u"><code>1</code></Unknown><other xmlns="urn:x"/></envelope>"#
    );
    let report = roundtrip::check_as::<Envelope>(&xml);
    assert!(report.is_ok(), "{report}");
    let envelope: Envelope = enhanced_presence::from_str(&xml).unwrap();
    let [KnownElement::PreludeNamesCustom(custom), KnownElement::PreludeNamesUnknown(unknown), KnownElement::Unknown(other)] =
        envelope.any.as_slice()
    else {
        panic!("{:?}", envelope.any)
    };
    assert_eq!(custom.id.as_deref(), Some("c"));
    assert_eq!(unknown.code, [ErrType::new(1).unwrap()]);
    assert_eq!(other.name.local, "other");
}

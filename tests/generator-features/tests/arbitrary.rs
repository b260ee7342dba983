//! Property test over every construct: arbitrary values (`Config::arbitrary`, respecting the schema)
//! of every root of every schema set here are written, checked by libxml2 against their schema, read
//! back and compared. The crate's own schemas have the same test (`tests/properties.rs` at the root);
//! these schemas hold what they do not use: unions and lists, type families under `xsi:type`,
//! substitution groups, `xs:all`, nested repeated groups, nillable elements, defaults and fixed values.

use enhanced_presence::arbitrary_support::{seeded_bytes, Result, Unstructured};
use enhanced_presence::XmlElement;
use generator_features as features;
use std::fmt::Debug;
use std::path::Path;

/// Values per root (`PROPERTY_CASES` for a longer run).
const CASES: usize = 300;
/// The first values of each root that libxml2 also checks.
const VALIDATED: usize = 100;

/// The generated `Document` enums' inherent `ROOTS` and `arbitrary_root`, as a trait.
trait Roots: Sized {
    const ROOTS: usize;
    fn arbitrary_root(index: usize, u: &mut Unstructured<'_>) -> Result<Self>;
}

macro_rules! roots {
    ($($document:ty),* $(,)?) => {$(
        impl Roots for $document {
            const ROOTS: usize = <$document>::ROOTS;
            fn arbitrary_root(index: usize, u: &mut Unstructured<'_>) -> Result<Self> {
                <$document>::arbitrary_root(index, u)
            }
        }
    )*};
}

roots!(
    features::Document,
    features::anonymous_types::Document,
    features::simple_content_types::Document,
    features::wide_schema::Document,
    features::values_schema::Document,
    features::fixed_schema::Document,
    features::typed_schema::Document,
    features::drawing_types::Document,
    features::string_types::Document,
    features::prelude_name_types::Document,
    features::entity_schema::Document,
    features::white_space_schema::Document,
    features::pattern_types::Document,
);

/// libxml2's verdict on `xml` against `schemas/{file}`, through a temporary file (its API reads files).
fn validate(schema: &xsd_validator::Schema, xml: &str, file: &str) -> std::result::Result<(), String> {
    let path = std::env::temp_dir().join(format!("arbitrary-{}-{file}.xml", std::process::id()));
    std::fs::write(&path, xml).map_err(|e| e.to_string())?;
    let verdict = schema.validate_file(&path).map_err(|d| format!("{d:?}"));
    let _ = std::fs::remove_file(&path);
    verdict
}

/// The property for `D` against `schemas/{file}`; the first `validated` values of each root also go
/// to libxml2. Runs on a thread with a `stack_mib` MiB stack.
fn property<D>(file: &'static str, validated: usize, stack_mib: usize)
where
    D: Roots + XmlElement + PartialEq + Debug + 'static,
{
    let run = move || {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas").join(file);
        let schema = xsd_validator::Schema::from_file(&path).unwrap_or_else(|d| panic!("{file}: {d:?}"));
        let cases = std::env::var("PROPERTY_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(CASES);
        let mut short = Vec::new();
        for root in 0..D::ROOTS {
            let (mut ok, mut seed) = (0, 0u64);
            while ok < cases && seed < (cases as u64) * 20 {
                let data = seeded_bytes(seed ^ ((root as u64) << 40), 16 + (seed % 600) as usize);
                seed += 1;
                let Ok(value) = D::arbitrary_root(root, &mut Unstructured::new(&data)) else { continue };
                let xml = enhanced_presence::to_string(&value).unwrap();
                let at = format!("{file}: root {root}, seed {}", seed - 1);
                if ok < validated {
                    if let Err(e) = validate(&schema, &xml, file) {
                        panic!("{at}: libxml2 rejects the output: {e}\n{xml}");
                    }
                }
                let back: D =
                    enhanced_presence::from_str(&xml).unwrap_or_else(|e| panic!("{at}: {e}\n{xml}"));
                assert_eq!(back, value, "{at}: {xml}");
                ok += 1;
            }
            if ok < cases {
                short.push((root, ok));
            }
        }
        assert!(short.is_empty(), "{file}: roots with fewer than {cases} values: {short:?}");
    };
    let thread = std::thread::Builder::new().stack_size(stack_mib << 20).spawn(run).expect("a thread");
    thread.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
}

#[test]
fn features() {
    property::<features::Document>("features.xsd", VALIDATED, 2);
}

#[test]
fn anonymous_types() {
    property::<features::anonymous_types::Document>("anonymous.xsd", VALIDATED, 2);
}

/// Not validated: a simple-content restriction by facets alone is its base's type (README, "XSD →
/// Rust"), so its facets (`shortIDType`'s `maxLength`) bind neither the reader nor `arbitrary`.
#[test]
fn simple_content() {
    property::<features::simple_content_types::Document>("simple-content.xsd", 0, 2);
}

/// On a 2 MiB stack, as reading and writing (`tests/wide.rs`): its 97 roots of 8 KiB once put
/// 800 KiB in each frame of `arbitrary_root`, nested under wildcards, and overflowed it.
#[test]
fn wide() {
    property::<features::wide_schema::Document>("wide.xsd", VALIDATED, 2);
}

/// Patterned values are made from their pattern: libxml2 judges each text the translation of XSD's
/// expression leads to.
#[test]
fn patterns() {
    property::<features::pattern_types::Document>("patterns.xsd", VALIDATED, 2);
}

#[test]
fn values() {
    property::<features::values_schema::Document>("values.xsd", VALIDATED, 2);
}

/// Fixed values: `arbitrary` makes only the declared one, which must read back as itself.
#[test]
fn fixed_values() {
    property::<features::fixed_schema::Document>("fixed.xsd", VALIDATED, 2);
}

#[test]
fn xsi_typed() {
    property::<features::typed_schema::Document>("xsi-typed.xsd", VALIDATED, 2);
}

#[test]
fn prelude_names() {
    property::<features::prelude_name_types::Document>("prelude-names.xsd", VALIDATED, 2);
}

/// Not validated: the output is right (an unprefixed `xsi:type` under `xmlns=""` names a type in no
/// namespace), but libxml2 resolves it in the namespace "" and finds no `circleType` there.
#[test]
fn namespaced_shapes() {
    property::<features::drawing_types::Document>("namespaced-shapes.xsd", 0, 2);
}

/// A group around a choice whose chosen alternative writes nothing is absent (or one occurrence
/// fewer), not a failed value: before, half of all attempts failed, and HL7 CDA, where such groups
/// nest, gave no value at all.
#[test]
fn groups_around_an_emptiable_choice_make_values() {
    use enhanced_presence::arbitrary_support::XmlArbitrary;
    let made = (0..1000u64)
        .filter(|&seed| {
            let data = seeded_bytes(seed, 64 + (seed % 300) as usize);
            features::features::Sparse::xml_arbitrary(&mut Unstructured::new(&data)).is_ok()
        })
        .count();
    assert!(made >= 950, "{made} values of 1,000 attempts");
}

/// Enumerations and unions whose values have white space their types keep or collapse. Not
/// validated: `arbitrary` makes any text for an `xs:ID` and for a pattern, which it does not check.
#[test]
fn entities_and_enumerations_with_white_space() {
    property::<features::entity_schema::Document>("entities.xsd", 0, 2);
}

/// Length facets on types that collapse white space.
#[test]
fn white_space_and_lengths() {
    property::<features::white_space_schema::Document>("white-space.xsd", VALIDATED, 2);
}

#[test]
fn narrower_strings_lists_and_fixed_attributes() {
    property::<features::string_types::Document>("strings.xsd", VALIDATED, 2);
}

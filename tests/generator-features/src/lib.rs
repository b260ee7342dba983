//! Types generated from `schemas/*.xsd` at build time; the tests exercise each XSD construct.

/// The runtime as the generated code names it (`Config::runtime_path`).
pub use enhanced_presence as runtime;

include!(concat!(env!("OUT_DIR"), "/features.rs"));

/// Calls `$m!(document type, schema file, arbitrary)` for each schema set whose `Document` reads
/// documents (every one but `selected`, which tests `Config::root`), in one order for the tests,
/// examples and fuzz target that go through them all; `arbitrary` is `arbitrary` where the set is
/// generated with `XmlArbitrary` impls and `no_arbitrary` where it is not.
#[macro_export]
macro_rules! for_each_schema_set {
    ($m:ident) => {
        $m!($crate::Document, "features.xsd", arbitrary);
        $m!($crate::anonymous_types::Document, "anonymous.xsd", arbitrary);
        $m!($crate::simple_content_types::Document, "simple-content.xsd", arbitrary);
        $m!($crate::wide_schema::Document, "wide.xsd", arbitrary);
        $m!($crate::values_schema::Document, "values.xsd", arbitrary);
        $m!($crate::fixed_schema::Document, "fixed.xsd", arbitrary);
        $m!($crate::typed_schema::Document, "xsi-typed.xsd", arbitrary);
        $m!($crate::drawing_types::Document, "namespaced-shapes.xsd", arbitrary);
        $m!($crate::string_types::Document, "strings.xsd", arbitrary);
        $m!($crate::entity_schema::Document, "entities.xsd", arbitrary);
        $m!($crate::white_space_schema::Document, "white-space.xsd", arbitrary);
        $m!($crate::particles_schema::Document, "particles.xsd", no_arbitrary);
        $m!($crate::pattern_types::Document, "patterns.xsd", arbitrary);
        $m!($crate::qname_schema::Document, "qnames.xsd", arbitrary);
        $m!($crate::prelude_name_types::Document, "prelude-names.xsd", arbitrary);
    };
}

/// Anonymous types that share names (`schemas/anonymous.xsd`).
pub mod anonymous_types {
    include!(concat!(env!("OUT_DIR"), "/anonymous.rs"));
}

/// Simple content and simple types as real schemas use them (`schemas/simple-content.xsd`).
pub mod simple_content_types {
    include!(concat!(env!("OUT_DIR"), "/simple_content.rs"));
}

/// Types generated from `schemas/wide.xsd`: four levels of many optional complex children.
pub mod wide_schema {
    include!(concat!(env!("OUT_DIR"), "/wide.rs"));
}

/// A schema that declares entities in its DOCTYPE and uses them (`schemas/entities.xsd`).
pub mod entity_schema {
    include!(concat!(env!("OUT_DIR"), "/entities.rs"));
}

/// Length facets on types that collapse white space (`schemas/white-space.xsd`).
pub mod white_space_schema {
    include!(concat!(env!("OUT_DIR"), "/white_space.rs"));
}

/// Repeated groups whose repetitions vary in length (`schemas/particles.xsd`).
pub mod particles_schema {
    include!(concat!(env!("OUT_DIR"), "/particles.rs"));
}

/// Pattern facets on types whose values have more than one text (`schemas/patterns.xsd`).
pub mod pattern_types {
    include!(concat!(env!("OUT_DIR"), "/patterns.rs"));
}

/// QName values in content (`schemas/qnames.xsd`).
pub mod qname_schema {
    include!(concat!(env!("OUT_DIR"), "/qnames.rs"));
}

/// Elements and types named as the prelude's values (`schemas/prelude-names.xsd`).
pub mod prelude_name_types {
    include!(concat!(env!("OUT_DIR"), "/prelude_names.rs"));
}

/// Types generated from `schemas/values.xsd`: element default and fixed values.
pub mod values_schema {
    include!(concat!(env!("OUT_DIR"), "/values.rs"));
}

/// Fixed values of attributes and elements (`schemas/fixed.xsd`).
pub mod fixed_schema {
    include!(concat!(env!("OUT_DIR"), "/fixed.rs"));
}

/// Types generated from `schemas/xsi-typed.xsd` with `keep_xsi_type`: values keep their `xsi:type`.
pub mod typed_schema {
    include!(concat!(env!("OUT_DIR"), "/typed.rs"));
}

/// Built-in string and name types narrower than any text, and fixed attribute values
/// (`schemas/strings.xsd`).
pub mod string_types {
    include!(concat!(env!("OUT_DIR"), "/strings.rs"));
}

/// Namespaced elements of a no-namespace type family (`schemas/namespaced-shapes.xsd`).
pub mod drawing_types {
    include!(concat!(env!("OUT_DIR"), "/drawing.rs"));
}

/// The crate's own schemas generated with `Config::root` for NOTIFY bodies (`categories`) of state,
/// note and contact card only.
pub mod selected {
    include!(concat!(env!("OUT_DIR"), "/selected.rs"));
}

/// Whether a difference the round-trip check found is only the form of a binary float: both texts
/// read as the same `xs:float` or `xs:double` (`-327729401` written `-327729400`; `677e-121`, zero
/// as a float, written `0.0` by a union whose boolean member would take `0`). The schema-unaware
/// check accepts another form only with fraction digits and at double precision, since an integer
/// form could be an integer's loss; these schemas have binary floats, so the `features` fuzz target
/// and the seeds' test accept such a difference where the value read back is equal. Likewise the
/// letter case of an `xs:hexBinary` whose letters mix cases (`0A0b`, written back `0A0B`: a value
/// keeps one case for all its letters), which the schema-unaware check cannot tell from text.
pub fn is_same_value_form(d: &enhanced_presence::roundtrip::infoset::Difference) -> bool {
    use enhanced_presence::roundtrip::infoset::DifferenceKind;
    use enhanced_presence::XmlValue;
    fn same<T: XmlValue + PartialEq>(expected: &str, found: &str) -> bool {
        matches!((T::parse_xml(expected), T::parse_xml(found)), (Ok(e), Ok(f)) if e == f)
    }
    let (expected, found) = match &d.kind {
        DifferenceKind::Text { expected: Some(e), found: Some(f) } => (e, f),
        DifferenceKind::AttributeValue { expected, found } => (expected, found),
        _ => return false,
    };
    let same_octets = matches!(
        (enhanced_presence::xs::HexBinary::parse_xml(expected), enhanced_presence::xs::HexBinary::parse_xml(found)),
        (Ok(e), Ok(f)) if e.0 == f.0
    );
    same::<f32>(expected, found) || same::<f64>(expected, found) || same_octets
}

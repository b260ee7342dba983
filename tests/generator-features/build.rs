use enhanced_presence_codegen::Config;

/// A `Config` for one schema of `schemas/`, generated into one file of `OUT_DIR`, with serde's
/// derives (plain ones: this crate always depends on serde), so that every construct is also
/// checked through JSON, and `XmlArbitrary` impls behind the `arbitrary` feature (documents of
/// every root for the fuzz seed corpus, `examples/feature-documents.rs`).
fn config(schema: &str, file: &str) -> Config {
    let mut config = Config::new();
    config.schema(format!("schemas/{schema}")).single_file(file).serde(true).arbitrary(true);
    config
}

fn compile(config: &mut Config) {
    config.compile().unwrap_or_else(|e| panic!("{e}"));
}

fn main() {
    compile(
        config("features.xsd", "features.rs")
            // Through a re-export rather than the default `::enhanced_presence`, so that the path is
            // exercised where the generated modules import it.
            .runtime_path("crate::runtime")
            .type_attribute("features::MeasureType", "#[derive(Eq, Hash)]")
            .field_attribute("NodeType.name", "#[doc = \"The node's name.\"]"),
    );
    // Anonymous types whose names repeat.
    compile(&mut config("anonymous.xsd", "anonymous.rs"));
    // Simple content as real schemas write it.
    compile(&mut config("simple-content.xsd", "simple_content.rs"));
    // Wide and deep: large types are boxed, so readers and writers fit a small stack.
    compile(&mut config("wide.xsd", "wide.rs"));
    // Element values: defaults and fixed values.
    compile(&mut config("values.xsd", "values.rs"));
    // Fixed values of attributes and elements, compared as values of their types.
    compile(&mut config("fixed.xsd", "fixed.rs"));
    // Elements whose types have no derived types keep their `xsi:type`.
    compile(config("xsi-typed.xsd", "typed.rs").keep_xsi_type(true));
    // Built-in string types narrower than any text, and fixed attribute values.
    compile(&mut config("strings.xsd", "strings.rs"));
    // A type family in no namespace under elements in a namespace.
    compile(&mut config("namespaced-shapes.xsd", "drawing.rs"));
    // Entities the schema's DOCTYPE declares; an enumeration value with white space its type drops.
    compile(&mut config("entities.xsd", "entities.rs"));
    // Length facets on types that collapse white space.
    compile(&mut config("white-space.xsd", "white_space.rs"));
    // Repeated groups whose repetitions vary in length (no `arbitrary`: see the schema).
    compile(config("particles.xsd", "particles.rs").arbitrary(false));
    // Pattern facets on numbers, booleans and dates: values keep the text they were read from.
    compile(&mut config("patterns.xsd", "patterns.rs"));
    // QName values in content.
    compile(&mut config("qnames.xsd", "qnames.rs"));
    // Elements and types named `Ok`, `Err`, `Some` and `None`.
    compile(&mut config("prelude-names.xsd", "prelude_names.rs"));
    // The crate's own schemas, only what NOTIFY bodies of state, note and contact card use.
    let mut selected = Config::enhanced_presence_schemas("../../schemas".as_ref()).expect("schemas/");
    let sip = |local: &str, ns: &str| format!("{{http://schemas.microsoft.com/2006/09/sip/{ns}}}{local}");
    compile(
        selected
            .root(&sip("categories", "categories"))
            .root(&sip("state", "state"))
            .root(&sip("note", "note"))
            .root(&sip("contactCard", "contactcard"))
            .arbitrary(false)
            .serde(true)
            .single_file("selected.rs"),
    );
}

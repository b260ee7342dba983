fn main() {
    enhanced_presence_codegen::Config::new()
        .schema("schemas/features.xsd")
        .single_file("features.rs")
        // Through a re-export rather than the default `::enhanced_presence`, so that the path is
        // exercised where the generated modules import it.
        .runtime_path("crate::runtime")
        .type_attribute("features::MeasureType", "#[derive(Eq, Hash)]")
        .field_attribute("NodeType.name", "#[doc = \"The node's name.\"]")
        .compile()
        .unwrap_or_else(|e| panic!("{e}"));
    enhanced_presence_codegen::Config::new()
        .schema("schemas/anonymous.xsd")
        .single_file("anonymous.rs")
        .compile()
        .unwrap_or_else(|e| panic!("{e}"));
    enhanced_presence_codegen::Config::new()
        .schema("schemas/simple-content.xsd")
        .single_file("simple_content.rs")
        .compile()
        .unwrap_or_else(|e| panic!("{e}"));
    // Wide and deep: large types are boxed, so readers and writers fit a small stack.
    enhanced_presence_codegen::Config::new()
        .schema("schemas/wide.xsd")
        .single_file("wide.rs")
        .compile()
        .unwrap_or_else(|e| panic!("{e}"));
    // Element values: defaults and fixed values.
    enhanced_presence_codegen::Config::new()
        .schema("schemas/values.xsd")
        .single_file("values.rs")
        .compile()
        .unwrap_or_else(|e| panic!("{e}"));
    // Elements whose types have no derived types keep their `xsi:type`.
    enhanced_presence_codegen::Config::new()
        .schema("schemas/xsi-typed.xsd")
        .single_file("typed.rs")
        .keep_xsi_type(true)
        .compile()
        .unwrap_or_else(|e| panic!("{e}"));
    enhanced_presence_codegen::Config::new()
        .schema("schemas/namespaced-shapes.xsd")
        .single_file("drawing.rs")
        .compile()
        .unwrap_or_else(|e| panic!("{e}"));
}

fn main() {
    enhanced_presence_codegen::Config::new()
        .schema("schemas/features.xsd")
        .single_file("features.rs")
        .type_attribute("features::MeasureType", "#[derive(Eq, Hash)]")
        .field_attribute("NodeType.name", "#[doc = \"The node's name.\"]")
        .compile()
        .unwrap_or_else(|e| panic!("{e}"));
}

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
    // Wide and deep: large types are boxed, so readers and writers fit a small stack. A directory of
    // its own, since each compile removes the files it did not generate.
    let out_dir = std::path::Path::new(&std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("wide");
    enhanced_presence_codegen::Config::new()
        .schema("schemas/wide.xsd")
        .single_file("wide.rs")
        .out_dir(&out_dir)
        .compile()
        .unwrap_or_else(|e| panic!("{e}"));
    // Element values: defaults and fixed values, `xsi:type` on simple-typed elements.
    enhanced_presence_codegen::Config::new()
        .schema("schemas/values.xsd")
        .single_file("values.rs")
        .out_dir(out_dir.with_file_name("values"))
        .compile()
        .unwrap_or_else(|e| panic!("{e}"));
}

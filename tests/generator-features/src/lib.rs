//! Types generated from `schemas/*.xsd` at build time; the tests exercise each XSD construct.

/// The runtime as the generated code names it (`Config::runtime_path`).
pub use enhanced_presence as runtime;

include!(concat!(env!("OUT_DIR"), "/features.rs"));

/// Types generated from `schemas/wide.xsd`: four levels of many optional complex children.
pub mod wide_schema {
    include!(concat!(env!("OUT_DIR"), "/wide/wide.rs"));
}

/// Types generated from `schemas/values.xsd`: element default and fixed values.
pub mod values_schema {
    include!(concat!(env!("OUT_DIR"), "/values/values.rs"));
}

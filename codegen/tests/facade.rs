//! The public API is the facade the crate documentation lists. This test uses each item the way a
//! `build.rs` or a tool does, so a re-export that goes missing fails here, not in a user's build.

use std::error::Error as _;
use std::path::PathBuf;

use enhanced_presence_codegen::{
    differences, write_all, Config, Diagnostic, Error, Generated, GeneratedFile, Location,
};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ep-facade-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const SCHEMA: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:facade"
    elementFormDefault="qualified">
  <xs:element name="greeting" type="xs:string"/>
</xs:schema>"#;

#[test]
fn generate_write_and_compare_through_the_facade() {
    let dir = scratch("write");
    let schema = dir.join("facade.xsd");
    std::fs::write(&schema, SCHEMA).unwrap();
    let out = dir.join("out");

    let generated: Generated = Config::new().schema(&schema).generate().expect("the schema generates");
    let names: Vec<&str> = generated.files.iter().map(|f: &GeneratedFile| f.name.as_str()).collect();
    assert_eq!(names, ["mod.rs", "facade.rs"]);
    assert!(generated.inputs.contains(&schema));

    // First write: every file; second: none (unchanged files are not touched, so cargo does not rebuild).
    assert_eq!(write_all(&out, &generated.files, true).unwrap().len(), 2);
    assert!(write_all(&out, &generated.files, true).unwrap().is_empty());
    assert!(differences(&out, &generated.files).is_empty());

    std::fs::write(out.join("facade.rs"), "// @generated, then edited by hand\n").unwrap();
    assert_eq!(differences(&out, &generated.files), ["facade.rs"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn errors_carry_diagnostics_with_locations_and_their_io_source() {
    let dir = scratch("errors");
    let missing = dir.join("missing.xsd");
    let error = Config::new().schema(&missing).generate().expect_err("no such file");
    // `Error` is non-exhaustive: users match the variants they handle and keep a catch-all arm.
    let diagnostics: Vec<Diagnostic> = match error {
        Error::Schema(diagnostics) => diagnostics,
        other => panic!("expected schema diagnostics, got {other}"),
    };
    let Location { file, .. } = &diagnostics[0].location;
    assert_eq!(file, &missing, "{diagnostics:?}");

    // Writing where a file stands in for the output directory: an I/O error, exposed as the source.
    let schema = dir.join("facade.xsd");
    std::fs::write(&schema, SCHEMA).unwrap();
    let blocker = dir.join("not-a-directory");
    std::fs::write(&blocker, "").unwrap();
    let error = Config::new().schema(&schema).out_dir(&blocker).compile().expect_err("cannot write");
    assert!(matches!(error, Error::Io(_)), "{error:?}");
    assert!(error.source().is_some_and(|e| e.is::<std::io::Error>()), "{error:?}");
    assert!(Error::Schema(diagnostics).source().is_none(), "diagnostics have no inner error");
    std::fs::remove_dir_all(&dir).ok();
}

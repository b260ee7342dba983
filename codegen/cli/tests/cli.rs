//! `epgen` as users run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn epgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_epgen")).args(args).current_dir(root()).output().expect("run epgen")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn note_files(kind: &str) -> Vec<String> {
    let dir = root().join("tests/data/note").join(kind);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .map(|p| p.strip_prefix(root()).unwrap_or(&p).to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn check_passes_on_the_checked_in_code() {
    let out = epgen(&["check"]);
    assert!(out.status.success(), "{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).starts_with("generated/ is up to date"));
}

#[test]
fn roundtrip_passes_on_every_valid_note() {
    let files = note_files("valid");
    let mut args = vec!["roundtrip"];
    args.extend(files.iter().map(String::as_str));
    let out = epgen(&args);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert_eq!(text.lines().filter(|l| l.contains(": ok")).count(), files.len(), "{text}");
    assert!(text.ends_with(&format!("{} passed, 0 failed\n", files.len())), "{text}");
    // Content no type read is kept, and the line says where.
    assert!(
        text.contains(
            "acceptance.xml: ok; kept untyped (no generated or registered type): /note/mood, /note/ct:extension/foo"
        ),
        "{text}"
    );
}

#[test]
fn roundtrip_fails_clearly_on_malformed_and_unknown_documents() {
    let dir = std::env::temp_dir().join(format!("epgen-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let unknown = dir.join("unknown.xml");
    std::fs::write(&unknown, "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"/>").unwrap();
    let malformed = root().join("tests/data/note/invalid/malformed-unclosed-tag.xml");
    let out = epgen(&["roundtrip", malformed.to_str().unwrap(), unknown.to_str().unwrap()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("malformed-unclosed-tag.xml: FAIL does not parse: 4:1: /note/body: malformed XML: expected `</body>`, found `</note>`"), "{text}");
    assert!(text.contains("unknown.xml: FAIL does not parse: 1:1: /presence: unexpected root element {urn:ietf:params:xml:ns:pidf}presence, expected one of"), "{text}");
    assert!(text.ends_with("0 passed, 2 failed\n"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn fmt_prints_unknown_content_intact() {
    let out = epgen(&["fmt", "tests/data/note/valid/acceptance.xml"]);
    let text = stdout(&out);
    assert!(out.status.success());
    assert!(text.contains(r#"xmlns:x="urn:example:x" x:y="z""#), "{text}");
    assert!(text.contains("<mood>calm</mood>"), "{text}");
    assert!(text.contains(r#"<foo xmlns="urn:x" a="1">t</foo>"#), "{text}");

    let pretty = stdout(&epgen(&["fmt", "--pretty", "tests/data/note/valid/acceptance.xml"]));
    assert!(pretty.contains("\n  <body type=\"personal\" uri=\"\">Ship it</body>\n"), "{pretty}");
}

#[test]
fn generate_works_on_any_schema_into_any_directory() {
    let out_dir = std::env::temp_dir().join(format!("epgen-gen-{}", std::process::id()));
    let out = epgen(&["generate", "--schema", "schemas/note.xsd", "--out", out_dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for file in ["mod.rs", "note.rs", "commontypes.rs"] {
        assert!(out_dir.join(file).is_file(), "{file} missing");
    }
    std::fs::remove_dir_all(&out_dir).ok();
}

#[test]
fn generate_serde_derives_plainly_or_behind_a_feature() {
    let generate = |flags: &[&str], name: &str| -> String {
        let out_dir = std::env::temp_dir().join(format!("epgen-serde-{name}-{}", std::process::id()));
        let mut args = vec!["generate", "--schema", "schemas/note.xsd", "--out", out_dir.to_str().unwrap()];
        args.extend(flags);
        let out = epgen(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let note = std::fs::read_to_string(out_dir.join("note.rs")).unwrap();
        std::fs::remove_dir_all(&out_dir).ok();
        note
    };
    let plain = generate(&["--serde"], "plain");
    assert!(
        plain.contains("#[derive(::serde::Serialize, ::serde::Deserialize)]\npub struct BodyType"),
        "{plain}"
    );
    assert!(plain.contains("\n_rt::serde_text!(NoteTypeEnumEx);"), "{plain}");
    let gated = generate(&["--serde-feature", "json"], "gated");
    assert!(
        gated.contains("#[cfg_attr(feature = \"json\", derive(::serde::Serialize, ::serde::Deserialize))]"),
        "{gated}"
    );
    assert!(gated.contains("#[cfg(feature = \"json\")]\n_rt::serde_text!(NoteTypeEnumEx);"), "{gated}");
    assert!(!generate(&[], "off").contains("serde"));
}

#[test]
fn generate_selects_roots_and_names_the_document_enum() {
    let out_dir = std::env::temp_dir().join(format!("epgen-root-{}", std::process::id()));
    let note = "{http://schemas.microsoft.com/2006/09/sip/note}note";
    let args =
        ["--schema", "schemas/categories.xsd", "--out", out_dir.to_str().unwrap(), "--single-file", "g.rs"];
    let extra = ["--root", note, "--document-name", "NoteDocument"];
    let out = epgen(&[&["generate"][..], &args, &extra].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let code = std::fs::read_to_string(out_dir.join("g.rs")).unwrap();
    assert!(code.contains("pub enum NoteDocument {") && !code.contains("pub enum Document {"));
    assert!(code.contains("pub mod note") && !code.contains("pub mod state"));
    assert!(!code.contains("pub fn register()"), "registration is opt-in");
    let out = epgen(&[&["generate"][..], &args, &extra, &["--registration"]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let code = std::fs::read_to_string(out_dir.join("g.rs")).unwrap();
    assert!(code.contains("pub fn register()") && code.contains("for _rt::CategoryValue"));
    // A root the schemas do not declare is an error naming it.
    let out = epgen(&[&["generate"][..], &args, &["--root", "note"]].concat());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("root `note` is not a global element") && err.contains(note), "{err}");
    std::fs::remove_dir_all(&out_dir).ok();
}

#[test]
fn generate_reports_schema_errors_with_positions() {
    let dir = std::env::temp_dir().join(format!("epgen-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xsd = dir.join("bad.xsd");
    std::fs::write(
        &xsd,
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:t\" xmlns=\"urn:t\">\n  <xs:element name=\"a\" type=\"bodyTyp\"/>\n</xs:schema>\n",
    )
    .unwrap();
    let out =
        epgen(&["generate", "--schema", xsd.to_str().unwrap(), "--out", dir.join("out").to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("bad.xsd:2:3: unknown type `bodyTyp` (referenced as the type of element `a`)"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn type_reads_an_element_cut_out_of_its_document() {
    let dir = std::env::temp_dir().join(format!("epgen-cli-type-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let service = dir.join("service.xml");
    std::fs::write(
        &service,
        "<service xmlns=\"http://schemas.microsoft.com/2006/09/sip/service\" uri=\"sip:a@b\">\n  \
         <capabilities><text render=\"true\"/></capabilities>\n</service>\n",
    )
    .unwrap();
    let file = service.to_str().unwrap();
    let written = "<service xmlns=\"http://schemas.microsoft.com/2006/09/sip/service\" uri=\"sip:a@b\">\
                   <capabilities><text render=\"true\"/></capabilities></service>\n";
    // By Rust path and by XSD name.
    for name in ["service::ServiceType", "{http://schemas.microsoft.com/2006/09/sip/service}serviceType"] {
        let out = epgen(&["fmt", "--type", name, file]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(stdout(&out), written);
        let out = epgen(&["roundtrip", "--type", name, file]);
        assert!(stdout(&out).contains("service.xml: ok"), "{}", stdout(&out));
    }
    // Without `--type` a local element is no document.
    let out = epgen(&["roundtrip", file]);
    assert!(stdout(&out).contains("unexpected root element"), "{}", stdout(&out));
    // A name that is no type, and one that is no type of this element.
    let out = epgen(&["fmt", "--type", "service::ServceType", file]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.starts_with("epgen: --type: no generated type is named \"service::ServceType\"; similar: "),
        "{err}"
    );
    let out = epgen(&["fmt", "--type", "note::NoteType", file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("service.xml:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

//! The generator on arbitrary bytes as a schema file, as a user's `build.rs` meets schemas nobody
//! here wrote: it returns generated code or diagnostics, never panics, hangs or overflows its
//! stack; every diagnostic says something, on one line; and the same schema generates the same code
//! twice (a generator whose output depends on more than its input churns users' checked-in code).
//!
//! The input is written to `schema.xsd` in a directory of its own under the temporary directory
//! (`TMPDIR`; `smoke.sh` points it into its scratch space), since the generator reads files: what the
//! schema includes or imports is looked up beside it, in the shipped schemas and in catalogs.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use enhanced_presence_codegen::{Config, Error, Generated};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = schema_path();
    std::fs::write(path, data).expect("the scratch directory is writable");
    let mut config = Config::new();
    config.schema(path).single_file("gen.rs");
    match config.generate() {
        Ok(first) => {
            let second = config.generate().unwrap_or_else(|e| {
                panic!("the same schema generated once, then failed: {e}\nschema: {:?}", text(data))
            });
            assert!(
                texts(&first) == texts(&second),
                "the same schema generated different code twice\nschema: {:?}",
                text(data)
            );
        }
        Err(Error::Schema(diagnostics)) => {
            assert!(!diagnostics.is_empty(), "a schema error without a diagnostic\nschema: {:?}", text(data));
            for d in &diagnostics {
                assert!(
                    !d.message.chars().all(char::is_whitespace),
                    "an empty diagnostic at {}\nschema: {:?}",
                    d.location,
                    text(data)
                );
                // One diagnostic, one line: what a broken file holds is quoted short and escaped.
                assert!(
                    !d.message.contains(['\n', '\r']),
                    "a diagnostic over several lines at {}: {:?}\nschema: {:?}",
                    d.location,
                    d.message,
                    text(data)
                );
            }
        }
        Err(e) => panic!("generating in memory failed with {e}\nschema: {:?}", text(data)),
    }
});

/// `schema.xsd` in this process's scratch directory, made on first use.
fn schema_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("ep-fuzz-generate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("the temporary directory is writable");
        dir.join("schema.xsd")
    })
}

fn texts(generated: &Generated) -> Vec<(&str, &str)> {
    generated.files.iter().map(|f| (f.name.as_str(), f.text.as_str())).collect()
}

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

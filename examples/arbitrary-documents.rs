//! Writes schema-respecting documents of every root element, made by the `arbitrary` feature: test
//! data for a parser under test, and the structured part of the fuzz seed corpus (every root type
//! is in it from the first execution, so fuzzing starts from the whole schema rather than from the
//! few roots real documents happen to show).
//!
//! ```sh
//! cargo run --release --features arbitrary --example arbitrary-documents -- DIR [PER_ROOT]
//! ```
//!
//! Writes `DIR/<root>-<n>.xml`, `PER_ROOT` (default 20) per root element, and each document that
//! is a category payload also inside a NOTIFY body (`DIR/<root>-<n>-categories.xml`) and a publish
//! request (`DIR/<root>-<n>-publish.xml`), where most real traffic carries it; the same arguments
//! give the same files.

use enhanced_presence::arbitrary_support::{seeded_bytes, Unstructured};
use enhanced_presence::categories::Categories;
use enhanced_presence::rich_presence::Publish;
use enhanced_presence::{CategoryValue, Document};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: arbitrary-documents DIR [PER_ROOT]");
        return ExitCode::from(2);
    };
    let per_root: u64 = match args.next().map(|n| n.parse()) {
        None => 20,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("PER_ROOT: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let mut written = 0;
    for root in 0..Document::ROOTS {
        // Seeds that run out of bytes before the value is complete give no document: try more.
        let (mut made, mut seed) = (0, 0u64);
        while made < per_root && seed < per_root * 20 {
            // Lengths from 16 to 2 KiB bytes, so both sparse and filled-in documents come out.
            let data = seeded_bytes(seed ^ ((root as u64) << 40), 16 + (seed as usize * 97) % 2032);
            seed += 1;
            let Ok(value) = Document::arbitrary_root(root, &mut Unstructured::new(&data)) else { continue };
            let xml = enhanced_presence::to_string(&value).expect("an arbitrary value is writable");
            let mut files = vec![(format!("{root}-{made}.xml"), xml.clone())];
            files.extend(
                as_payload(&xml).into_iter().map(|(kind, body)| (format!("{root}-{made}-{kind}.xml"), body)),
            );
            for (name, text) in files {
                let path = dir.join(name);
                if let Err(e) = std::fs::write(&path, text) {
                    eprintln!("{}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
                written += 1;
            }
            made += 1;
        }
    }
    eprintln!(
        "arbitrary-documents: {written} documents from {} root elements in {}",
        Document::ROOTS,
        dir.display()
    );
    ExitCode::SUCCESS
}

/// `xml` as the payload of a `<category>` in a NOTIFY body and of a `<publication>` in a publish
/// request, each kept when it reads back with the payload typed (not a root the envelopes' wildcard
/// excludes, such as `<categories>` itself).
fn as_payload(xml: &str) -> Vec<(&'static str, String)> {
    let name = xml[1..].split([' ', '>', '/']).next().unwrap_or_default();
    let local = name.rsplit(':').next().unwrap_or(name);
    let notify = format!(
        r#"<categories xmlns="http://schemas.microsoft.com/2006/09/sip/categories" uri="sip:alice@contoso.com"><category name="{local}" instance="0" publishTime="2026-12-04T08:00:00Z">{xml}</category></categories>"#
    );
    let publish = format!(
        r#"<publish xmlns="http://schemas.microsoft.com/2006/09/sip/rich-presence"><publications uri="sip:alice@contoso.com"><publication categoryName="{local}" instance="0" container="2" version="1" expireType="static">{xml}</publication></publications></publish>"#
    );
    let typed = |value: &Option<CategoryValue>| !matches!(value, None | Some(CategoryValue::Unknown(_)));
    let mut out = Vec::new();
    if enhanced_presence::from_str::<Categories>(&notify)
        .is_ok_and(|c| c.category.iter().all(|c| typed(&c.value)))
    {
        out.push(("categories", notify));
    }
    if enhanced_presence::from_str::<Publish>(&publish)
        .is_ok_and(|p| p.0.publications.publication.iter().all(|p| typed(&p.value)))
    {
        out.push(("publish", publish));
    }
    out
}

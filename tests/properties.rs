//! Property test: arbitrary values of every root element (respecting the schema: see
//! `arbitrary_support`) written and read back are equal, as XML and (one in four) as JSON. 1,000
//! values per root by default; set `PROPERTY_CASES` for a longer run.

use enhanced_presence::arbitrary_support::{seeded_bytes, Unstructured};
use enhanced_presence::Document;

#[test]
fn arbitrary_values_of_every_root_round_trip() {
    let cases: usize = std::env::var("PROPERTY_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let mut report = Vec::new();
    for root in 0..Document::ROOTS {
        let (mut ok, mut seed) = (0, 0u64);
        while ok < cases && seed < (cases as u64) * 20 {
            let data = seeded_bytes(seed ^ ((root as u64) << 40), 32 + (seed % 480) as usize);
            seed += 1;
            let Ok(value) = Document::arbitrary_root(root, &mut Unstructured::new(&data)) else { continue };
            let xml = enhanced_presence::to_string(&value).unwrap();
            // Namespace-well-formed, as an independent parser reads it.
            if let Err(e) = enhanced_presence::roundtrip::infoset::parse(&xml) {
                panic!("root {root}, seed {}: output not namespace-well-formed: {e}\n{xml}", seed - 1);
            }
            let back: Document = enhanced_presence::from_str(&xml)
                .unwrap_or_else(|e| panic!("root {root}, seed {}: {e}\n{xml}", seed - 1));
            assert_eq!(back, value, "root {root}, seed {}: {xml}", seed - 1);
            // Every fourth also through JSON (feature `serde`), which gives the same value.
            if ok % 4 == 0 {
                let json = serde_json::to_string(&value).unwrap();
                let from_json: Document = serde_json::from_str(&json)
                    .unwrap_or_else(|e| panic!("root {root}, seed {}: {e}\n{json}", seed - 1));
                assert_eq!(from_json, value, "root {root}, seed {}: {json}", seed - 1);
            }
            ok += 1;
        }
        report.push((root, ok));
    }
    let short: Vec<_> = report.iter().filter(|(_, ok)| *ok < cases).collect();
    assert!(short.is_empty(), "roots with fewer than {cases} values: {short:?}");
}

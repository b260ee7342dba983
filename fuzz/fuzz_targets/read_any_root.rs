//! Arbitrary bytes read as every root document this crate knows, and as a NOTIFY `<categories>` body:
//! the reader must return `Ok` or `Err`, never panic, overflow the stack or hang; what it read must
//! write as namespace-well-formed XML.
#![no_main]

mod oracle;

use enhanced_presence::categories::Categories;
use enhanced_presence::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let document = enhanced_presence::from_slice::<Document>(data);
    let categories = enhanced_presence::from_slice::<Categories>(data);
    let input = String::from_utf8_lossy(data);
    if let Ok(document) = &document {
        oracle::well_formed(&oracle::written(enhanced_presence::to_string(document), &input), &input);
    }
    if let Ok(categories) = &categories {
        oracle::well_formed(&oracle::written(enhanced_presence::to_string(categories), &input), &input);
    }
    if let Err(e) = &document {
        // Building the message walks the input again (line, column, element path): it must not panic.
        let _ = e.to_string();
    }
    if let Err(e) = &categories {
        let _ = e.to_string();
    }
});

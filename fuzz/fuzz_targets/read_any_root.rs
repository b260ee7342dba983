//! Arbitrary bytes read as every root document this crate knows, and as a NOTIFY `<categories>` body:
//! the reader must return `Ok` or `Err`, never panic, overflow the stack or hang.
#![no_main]

use enhanced_presence::categories::Categories;
use enhanced_presence::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let document = enhanced_presence::from_slice::<Document>(data);
    let categories = enhanced_presence::from_slice::<Categories>(data);
    if let Err(e) = &document {
        // Building the message walks the input again (line, column, element path): it must not panic.
        let _ = e.to_string();
    }
    if let Err(e) = &categories {
        let _ = e.to_string();
    }
});

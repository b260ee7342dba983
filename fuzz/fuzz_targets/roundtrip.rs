//! read → write → read on whatever parses as a `Document`: the two parsed values are equal, and
//! writing the second gives the same bytes as writing the first; the output is namespace-well-formed.
#![no_main]

mod known;
mod oracle;

use enhanced_presence::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(first) = enhanced_presence::from_slice::<Document>(data) else {
        return;
    };
    let input = enhanced_presence::decode(data).expect("from_slice accepted it");
    if known::skip(&input) {
        return;
    }
    let written = oracle::written(enhanced_presence::to_string(&first), &input);
    oracle::well_formed(&written, &input);
    let second = match enhanced_presence::from_str::<Document>(&written) {
        Ok(v) => v,
        Err(e) => panic!("output does not parse again: {e}\ninput:  {input:?}\noutput: {written:?}"),
    };
    assert_eq!(
        first, second,
        "read → write → read changed the value\ninput:  {input:?}\noutput: {written:?}"
    );
    let rewritten = oracle::written(enhanced_presence::to_string(&second), &input);
    assert_eq!(written, rewritten, "writing is not idempotent\ninput:  {input:?}");
});

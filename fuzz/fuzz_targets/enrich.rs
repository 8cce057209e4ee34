//! Any text (its first three bytes pick the item's date) through normalize and
//! `Enricher::enrich_dated`: offsets inside the text, indexes in range, no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (date, text) = newswire_fuzz::checks::dated_text(data);
    newswire_fuzz::checks::check_enrich(&text, date);
});

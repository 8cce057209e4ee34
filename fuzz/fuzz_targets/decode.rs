//! Any record value: decoded (item or the right error), and an item enriched, as the
//! worker does, with every invariant of `checks` held.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| newswire_fuzz::checks::check_record(data));

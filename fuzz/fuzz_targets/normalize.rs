//! Any text through `normalize`: no control characters, tidy lines, no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    newswire_fuzz::checks::check_normalize(&String::from_utf8_lossy(data));
});

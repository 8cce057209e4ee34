//! Support for the fuzz targets. The decoder and its error codes are the worker's own
//! source files, included by path: depending on the `newswire` crate would bring
//! librdkafka (a C build) into every sanitizer build for two small, pure modules.

#[path = "../../src/error.rs"]
#[allow(dead_code)]
pub mod error;

#[path = "../../src/decode.rs"]
pub mod decode;

pub mod checks;

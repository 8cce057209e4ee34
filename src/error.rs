//! Stable error codes for items that cannot become events.
//!
//! A code is a contract with operators: it is the `__connect.errors.exception.class.name`
//! header on the dead-letter record and the `reason` label of
//! `newswire_dead_letters_total`. Add codes freely; never rename one.

use std::fmt;

/// Why an item went to the dead-letter topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    InvalidUtf8,
    InvalidJson,
    MissingBody,
    EmptyText,
    TooLarge,
    EnrichFailed,
    EncodeFailed,
    PublishFailed,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 8] = [
        ErrorCode::InvalidUtf8,
        ErrorCode::InvalidJson,
        ErrorCode::MissingBody,
        ErrorCode::EmptyText,
        ErrorCode::TooLarge,
        ErrorCode::EnrichFailed,
        ErrorCode::EncodeFailed,
        ErrorCode::PublishFailed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidUtf8 => "invalid_utf8",
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::MissingBody => "missing_body",
            ErrorCode::EmptyText => "empty_text",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::EnrichFailed => "enrich_failed",
            ErrorCode::EncodeFailed => "encode_failed",
            ErrorCode::PublishFailed => "publish_failed",
        }
    }

    /// The pipeline stage that failed, for the `__connect.errors.stage` header.
    pub fn stage(self) -> Stage {
        match self {
            ErrorCode::InvalidUtf8
            | ErrorCode::InvalidJson
            | ErrorCode::MissingBody
            | ErrorCode::TooLarge => Stage::Decode,
            ErrorCode::EmptyText => Stage::Normalize,
            ErrorCode::EnrichFailed => Stage::Enrich,
            ErrorCode::EncodeFailed => Stage::Encode,
            ErrorCode::PublishFailed => Stage::Publish,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in the path of a record something failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Decode,
    Normalize,
    Enrich,
    Encode,
    Publish,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Decode => "decode",
            Stage::Normalize => "normalize",
            Stage::Enrich => "enrich",
            Stage::Encode => "encode",
            Stage::Publish => "publish",
        }
    }
}

/// An item-level failure: a stable code plus a message for people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ItemError {
    pub code: ErrorCode,
    pub message: String,
}

impl ItemError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ItemError {
            code,
            message: message.into(),
        }
    }
}

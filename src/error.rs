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
    /// The message is capped at [`MAX_ERROR_MESSAGE_BYTES`]: it becomes a log line and a
    /// dead-letter header, and text quoted from a hostile input (a 200 KB `id`) must not
    /// turn into a 200 KB log line or push the dead-letter record over the size limit.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ItemError {
            code,
            message: cap_text(message.into(), MAX_ERROR_MESSAGE_BYTES),
        }
    }
}

/// Upper bound, in bytes, of an error message (log field, dead-letter header value).
pub const MAX_ERROR_MESSAGE_BYTES: usize = 1024;

/// Cuts `text` to at most `max` bytes at a char boundary, ending it with a marker that
/// says how long it was, so that a reader knows the message is incomplete.
pub fn cap_text(text: String, max: usize) -> String {
    if text.len() <= max {
        return text;
    }
    let marker = format!(" ... [cut, {} bytes in all]", text.len());
    let mut end = max.saturating_sub(marker.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = String::with_capacity(end + marker.len());
    out.push_str(&text[..end]);
    out.push_str(&marker);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_cut_at_a_char_boundary_with_a_marker() {
        let short = ItemError::new(ErrorCode::InvalidJson, "bad");
        assert_eq!(short.message, "bad");
        // 3-byte chars, so that the cut lands inside one unless it looks for a boundary.
        let long = ItemError::new(ErrorCode::InvalidJson, "\u{20ac}".repeat(100_000));
        assert!(
            long.message.len() <= MAX_ERROR_MESSAGE_BYTES,
            "{}",
            long.message.len()
        );
        assert!(long.message.starts_with('\u{20ac}'));
        assert!(
            long.message.ends_with("[cut, 300000 bytes in all]"),
            "{}",
            long.message
        );
    }
}

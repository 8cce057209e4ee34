//! Person-name spans live in [`crate::officials::names`]; re-exported here for the passes
//! that only ask whether a token can be part of a name.

pub use crate::officials::names::name_word;

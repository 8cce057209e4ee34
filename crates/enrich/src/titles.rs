//! The role-phrase parser lives in [`crate::officials::titles`]; re-exported here for the
//! passes that read bodies' names with it.

pub use crate::officials::titles::{private_body, span_country};

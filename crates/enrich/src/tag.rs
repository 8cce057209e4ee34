//! The tag stage, whole: tokens, dictionary matches, sentences and headlines
//! ([`Doc::new`]), the bodies' spans ([`crate::bodies`]) and the countries the text names
//! unambiguously ([`item_countries`]). Every later pass reads its result and none changes
//! it.

use crate::bodies::body_spans;
use crate::claims::Claims;
use crate::lexicon::Lexicon;
use crate::scan::{item_countries, Doc};

/// Tags `text` with the lexicon; `lower` is the buffer for the tokens' lowercase forms.
pub fn tag<'a, 'l>(text: &'a str, lower: &'a mut String, lex: &'l Lexicon) -> Doc<'a, 'l> {
    let mut doc = Doc::new(text, lower, lex);
    let bodies = body_spans(&doc);
    doc.set_org_chunks(bodies);
    // Before any construction, nothing is claimed: no token is known to be a name yet.
    doc.named_countries = item_countries(&doc, &Claims::new(doc.len()));
    doc
}

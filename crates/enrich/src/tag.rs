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
    tag_unclaimed(text, lower, lex).0
}

/// [`tag`], with the claims of a document whose tokens nobody has taken yet: the mask the
/// tag stage reads is handed on to the passes, not allocated and cleared a second time.
pub fn tag_unclaimed<'a, 'l>(
    text: &'a str,
    lower: &'a mut String,
    lex: &'l Lexicon,
) -> (Doc<'a, 'l>, Claims) {
    let mut doc = Doc::new(text, lower, lex);
    let bodies = body_spans(&doc);
    doc.set_org_chunks(bodies);
    // Before any construction, nothing is claimed: no token is known to be a name yet.
    let claims = Claims::new(doc.len());
    doc.named_countries = item_countries(&doc, &claims);
    (doc, claims)
}

#[cfg(test)]
mod tests {
    use crate::Enricher;

    #[test]
    fn the_claims_handed_on_cover_every_token_and_take_none() {
        let e = Enricher::new().expect("bundled data loads");
        let mut lower = String::new();
        let text = "Defense Minister Yoav Gallant met officials in Egypt on Monday.";
        let (doc, claims) = super::tag_unclaimed(text, &mut lower, &e.lex);
        assert!(doc.len() > 5);
        assert!(claims.free(0, doc.len()));
        assert!(!claims.free(0, doc.len() + 1));
        assert!(!doc.named_countries.is_empty());
    }
}

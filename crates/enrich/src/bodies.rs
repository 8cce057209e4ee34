//! Tag stage: capitalized runs that name a body ("Ministry of Foreign Affairs", "Bank of
//! England", "Turkish American National Steering Committee"), found by an organization
//! word inside them.
//!
//! They shield the place names inside them from the location pass and give the
//! organizations pass its spans. This module must never decide what a body is.

use crate::lexicon::tc;
use crate::scan::{ok, Doc};
use crate::tokens::Kind;

fn connector(doc: &Doc<'_, '_>, k: usize) -> bool {
    matches!(
        doc.t.lower(k),
        "of" | "for"
            | "and"
            | "the"
            | "on"
            | "de"
            | "du"
            | "des"
            | "al"
            | "el"
            | "&"
            | "del"
            | "los"
            | "las"
            | "la"
            | "le"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "di"
    )
}

fn role_head(doc: &Doc<'_, '_>, k: usize) -> bool {
    doc.seg_with(k, ok::TITLE)
        .is_some_and(|s| doc.entry(&s).title & (tc::HEAD | tc::RANK) != 0)
        && doc.seg_with(k, ok::ORG_HEAD | ok::ORG).is_none()
}

/// Finds capitalized runs that contain an organization word.
pub fn body_spans(doc: &Doc<'_, '_>) -> Vec<(usize, usize)> {
    let n = doc.len();
    let mut out = Vec::new();
    // Complement words ("of", "for", "on") before each token, so that "is there one since
    // the run began?" is one subtraction, not a scan back over a long run.
    let mut complements_before = Vec::with_capacity(n + 1);
    complements_before.push(0u32);
    for x in 0..n {
        let c = u32::from(matches!(doc.t.lower(x), "of" | "for" | "on"));
        complements_before.push(complements_before[x] + c);
    }
    let mut i = 0;
    while i < n {
        if !doc.is_cap_word(i) || role_head(doc, i) {
            i += 1;
            continue;
        }
        let a = i;
        let mut k = i;
        let mut end = i;
        let mut has_head = false;
        while k < n {
            if k > a && doc.t.toks[k].newline_before {
                break;
            }
            if doc.is_cap_word(k) || (doc.t.toks[k].kind == Kind::Num && k > a) {
                if role_head(doc, k) {
                    break;
                }
                if let Some(s) = doc.seg[k] {
                    // An organization word ("Bank", even if some town is called that), or a
                    // multi-word dictionary body that is not also a place ("White House").
                    if s.ok & ok::ORG_HEAD != 0
                        || (s.ok & ok::ORG != 0 && s.ok & ok::PLACE == 0 && s.b > s.a + 1)
                    {
                        has_head = true;
                    }
                    // Keep multi-token dictionary phrases whole.
                    if s.b > k + 1
                        && doc.t.toks[s.a..s.b]
                            .iter()
                            .all(|t| t.kind != Kind::Word || t.cap || s.ok & ok::ORG != 0)
                    {
                        // "Foreign Ministry" is also a role modifier phrase: its last word
                        // still makes the run a body.
                        if s.ok & ok::PLACE == 0
                            && (s.a..s.b).any(|x| doc.word(x).is_some_and(|e| e.org_head))
                        {
                            has_head = true;
                        }
                        k = s.b;
                        end = k;
                        continue;
                    }
                }
                k += 1;
                end = k;
            } else if (connector(doc, k)
                && k + 1 < n
                // "of the Interior", "de los Andes": connectors may chain.
                && !crate::tokens::is_date_word(doc.t.lower(k + 1))
                && (doc.is_cap_word(k + 1) || (connector(doc, k + 1) && !doc.t.toks[k + 1].cap && (doc.is_cap_word(k + 2) || (connector(doc, k + 2) && doc.is_cap_word(k + 3)))))
                && !doc.t.toks[k].cap
                && (has_head || !doc.t.is_word(k, "and"))
                // "and" lists the fields of a complement ("Ministry of Culture and Tourism");
                // after a complete name it starts another body ("Acme Holdings and the
                // University of Nairobi").
                && (!doc.t.is_word(k, "and")
                    || complements_before[k] > complements_before[a])
                // "European Union and China": "and" before a place or another body ends it.
                && !(doc.t.is_word(k, "and") && doc.seg_with(k + 1, ok::PLACE | ok::ORG).is_some()))
                || (doc.t.is_punct(k, "-")
                    && !doc.t.toks[k].space_before
                    && k + 1 < n
                    && !doc.t.toks[k + 1].space_before
                    && doc.is_cap_word(k + 1))
            {
                k += 1;
            } else {
                break;
            }
        }
        // The name ends at its last organization word unless a connector continues it
        // ("Ministry of Foreign Affairs"); what follows is not the body ("Council Abdel ...").
        if has_head {
            let last_head = (a..end)
                .rev()
                .find(|&x| doc.seg[x].is_some_and(|s| s.ok & ok::ORG_HEAD != 0));
            if let Some(h) = last_head {
                let h_end = doc.seg[h].map_or(h + 1, |s| s.b);
                if h_end < end && !connector(doc, h_end) {
                    end = h_end;
                }
            }
        }
        // A lone organization word ("Army", "Ministry") is not a name by itself.
        let lone = end - a == 1 && doc.seg_with(a, ok::ORG).is_none();
        if has_head && end > a && !lone {
            // Leading function words capitalized by position ("At the Air Force") are not
            // part of the name. When the first organization word comes after a connector,
            // what precedes the connector is something else ("María Ruiz of the
            // Universidad de los Andes").
            let first_head = (a..end).find(|&x| {
                doc.seg[x].is_some_and(|s| {
                    s.ok & ok::ORG_HEAD != 0 || (s.ok & ok::ORG != 0 && s.b > s.a + 1)
                })
            });
            let a = match first_head {
                Some(h) => (a..h)
                    .rev()
                    .find(|&x| matches!(doc.t.lower(x), "of" | "for" | "at") && !doc.t.toks[x].cap)
                    .map_or(a, |x| x + 1),
                None => a,
            };
            let mut a2 = a;
            while a2 < end
                && matches!(
                    doc.t.lower(a2),
                    "the"
                        | "at"
                        | "of"
                        | "in"
                        | "on"
                        | "for"
                        | "from"
                        | "by"
                        | "with"
                        | "to"
                        | "and"
                        | "a"
                        | "an"
                        | "as"
                )
            {
                a2 += 1;
            }
            // A run that is only the org word ("Ministry said") is still a chunk.
            out.push((a2, end));
        }
        i = end.max(i + 1);
    }
    out
}

//! Tag stage: capitalized runs that name a body ("Ministry of Foreign Affairs", "Bank of
//! England", "Turkish American National Steering Committee"), found by an organization
//! word inside them.
//!
//! They shield the place names inside them from the location pass and give the
//! organizations pass its spans. This module must never decide what a body is.

use crate::lexicon::tc;
use crate::scan::{ok, Doc};
use crate::tokens::Kind;

/// Lowercase words that join the parts of a body's name: "of", "and", "&", and their
/// equivalents in the Romance and Arabic names news text quotes ("de los", "al").
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

/// A role word ("President", "General") that is not also an organization word: it
/// starts a person's role phrase, so it ends a body's run and never starts one.
fn role_head(doc: &Doc<'_, '_>, k: usize) -> bool {
    doc.seg_with(k, ok::TITLE)
        .is_some_and(|s| doc.entry(&s).title & (tc::HEAD | tc::RANK) != 0)
        && doc.seg_with(k, ok::ORG_HEAD | ok::ORG).is_none()
}

/// Function words a run may start with only because the sentence capitalized them ("At
/// the Air Force"): never the start of a body's name.
fn is_leading_function_word(w: &str) -> bool {
    matches!(
        w,
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
}

/// Complement words ("of", "for", "on") that make a name's field list: "Ministry of
/// Culture and Tourism".
fn is_complement(w: &str) -> bool {
    matches!(w, "of" | "for" | "on")
}

/// Finds capitalized runs that contain an organization word.
///
/// Each run is scanned ([`scan_run`]), cut after its last organization word
/// ([`cut_at_last_head`]) and trimmed of what precedes the name ([`trim_body_start`]); a
/// run without an organization word, or that is one bare organization word, is no body.
pub fn body_spans(doc: &Doc<'_, '_>) -> Vec<(usize, usize)> {
    let n = doc.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !doc.is_cap_word(i) || role_head(doc, i) {
            i += 1;
            continue;
        }
        let a = i;
        let (mut end, has_head) = scan_run(doc, a);
        if has_head {
            end = cut_at_last_head(doc, a, end);
        }
        // A lone organization word ("Army", "Ministry") is not a name by itself.
        let lone = end - a == 1 && doc.seg_with(a, ok::ORG).is_none();
        if has_head && end > a && !lone {
            // A run that is only the org word ("Ministry said") is still a chunk.
            out.push((trim_body_start(doc, a, end), end));
        }
        i = end.max(i + 1);
    }
    out
}

/// Scans the capitalized run starting at `a` (a capitalized word, not a role head) to the
/// end of its name words: capitalized words and numbers, joined by connectors and
/// hyphens, within one line, up to a role head. Returns the end of the last name word and
/// whether the run holds an organization word.
fn scan_run(doc: &Doc<'_, '_>, a: usize) -> (usize, bool) {
    let n = doc.len();
    let mut k = a;
    let mut end = a;
    let mut has_head = false;
    // A complement word ("of", "for", "on") among the tokens passed since `a`.
    let mut complement = false;
    while k < n {
        if k > a && doc.t.toks[k].newline_before {
            break;
        }
        if doc.is_cap_word(k) || (doc.t.toks[k].kind == Kind::Num && k > a) {
            if role_head(doc, k) {
                break;
            }
            let next = name_word_end(doc, k, &mut has_head);
            complement |= (k..next).any(|x| is_complement(doc.t.lower(x)));
            k = next;
            end = k;
        } else if connector_continues(doc, k, has_head, complement) || hyphen_joins(doc, k) {
            complement |= is_complement(doc.t.lower(k));
            k += 1;
        } else {
            break;
        }
    }
    (end, has_head)
}

/// End of the name word at `k`: past a whole multi-token dictionary phrase when its words
/// are capitalized (or it is a dictionary body), else `k + 1`. Sets `has_head` when the
/// word or phrase is an organization word.
fn name_word_end(doc: &Doc<'_, '_>, k: usize, has_head: &mut bool) -> usize {
    let Some(s) = doc.seg[k] else {
        return k + 1;
    };
    // An organization word ("Bank", even if some town is called that), or a multi-word
    // dictionary body that is not also a place ("White House").
    if s.ok & ok::ORG_HEAD != 0 || (s.ok & ok::ORG != 0 && s.ok & ok::PLACE == 0 && s.b > s.a + 1) {
        *has_head = true;
    }
    // Keep multi-token dictionary phrases whole.
    if s.b > k + 1
        && doc.t.toks[s.a..s.b]
            .iter()
            .all(|t| t.kind != Kind::Word || t.cap || s.ok & ok::ORG != 0)
    {
        // "Foreign Ministry" is also a role modifier phrase: its last word still makes
        // the run a body.
        if s.ok & ok::PLACE == 0 && (s.a..s.b).any(|x| doc.word(x).is_some_and(|e| e.org_head)) {
            *has_head = true;
        }
        return s.b;
    }
    k + 1
}

/// Does the lowercase connector at `k` continue the run? It must lead to a capitalized
/// word, directly or through more connectors ("of the Interior", "de los Andes"), and not
/// to a date ("of March"). `has_head`: the run so far has an organization word;
/// `complement`: it has a complement word ([`and_continues`]).
fn connector_continues(doc: &Doc<'_, '_>, k: usize, has_head: bool, complement: bool) -> bool {
    let n = doc.len();
    connector(doc, k)
        && k + 1 < n
        && !crate::tokens::is_date_word(doc.t.lower(k + 1))
        && (doc.is_cap_word(k + 1)
            || (connector(doc, k + 1)
                && !doc.t.toks[k + 1].cap
                && (doc.is_cap_word(k + 2) || (connector(doc, k + 2) && doc.is_cap_word(k + 3)))))
        && !doc.t.toks[k].cap
        && and_continues(doc, k, has_head, complement)
}

/// "and" (at `k`) lists the fields of a complement ("Ministry of Culture and Tourism");
/// after a complete name it starts another body ("Acme Holdings and the University of
/// Nairobi"), and before a place or another body it ends the run ("European Union and
/// China"). `complement`: the run so far has a complement word. True for any other
/// connector.
fn and_continues(doc: &Doc<'_, '_>, k: usize, has_head: bool, complement: bool) -> bool {
    if !doc.t.is_word(k, "and") {
        return true;
    }
    has_head && complement && doc.seg_with(k + 1, ok::PLACE | ok::ORG).is_none()
}

/// A hyphen inside a compound name, no space on either side, before a capitalized word
/// ("Arab-Israeli").
fn hyphen_joins(doc: &Doc<'_, '_>, k: usize) -> bool {
    doc.t.is_punct(k, "-")
        && !doc.t.toks[k].space_before
        && k + 1 < doc.len()
        && !doc.t.toks[k + 1].space_before
        && doc.is_cap_word(k + 1)
}

/// The name ends at its last organization word unless a connector continues it ("Ministry
/// of Foreign Affairs"); what follows is not the body ("Council Abdel ...").
fn cut_at_last_head(doc: &Doc<'_, '_>, a: usize, end: usize) -> usize {
    let last_head = (a..end)
        .rev()
        .find(|&x| doc.seg[x].is_some_and(|s| s.ok & ok::ORG_HEAD != 0));
    if let Some(h) = last_head {
        let h_end = doc.seg[h].map_or(h + 1, |s| s.b);
        if h_end < end && !connector(doc, h_end) {
            return h_end;
        }
    }
    end
}

/// Where the body's name starts in the run `a..end`. When the first organization word
/// comes after "of"/"for"/"at", what precedes is something else ("María Ruiz of the
/// Universidad de los Andes"); leading function words capitalized by position ("At the Air
/// Force") are not part of the name either.
fn trim_body_start(doc: &Doc<'_, '_>, a: usize, end: usize) -> usize {
    let first_head = (a..end).find(|&x| {
        doc.seg[x]
            .is_some_and(|s| s.ok & ok::ORG_HEAD != 0 || (s.ok & ok::ORG != 0 && s.b > s.a + 1))
    });
    let mut a = match first_head {
        Some(h) => (a..h)
            .rev()
            .find(|&x| matches!(doc.t.lower(x), "of" | "for" | "at") && !doc.t.toks[x].cap)
            .map_or(a, |x| x + 1),
        None => a,
    };
    while a < end && is_leading_function_word(doc.t.lower(a)) {
        a += 1;
    }
    a
}

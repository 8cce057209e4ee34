//! Mentions grouped into [`Location`]s: one per gazetteer entry, one per kind-word or
//! unlisted name (case-insensitively), in first-mention order; each named by its fullest
//! form, with the trace of the rule that produced its first mention.

use rustc_hash::FxHashMap as HashMap;

use crate::claims::{claim, Claims};
use crate::explain::Trace;
use crate::model::{CountryCode, Location, LocationKind, Mention};
use crate::scan::Doc;

use super::words;

/// A span to emit as a location (its trace is kept apart, in [`Emits`]).
pub struct Emit {
    pub a: usize,
    /// End of the mention.
    pub b: usize,
    /// The gazetteer entry giving country and coordinates.
    pub place: u32,
    /// Set when the span is no gazetteer entry of its own (a kind-word or unlisted place).
    pub kind: Option<LocationKind>,
    /// End of the name inside the mention ("Kasimpar" of "Kasimpar village").
    pub name_end: usize,
}

/// The spans to emit, in the order found, each with the trace of how it was found (index
/// for index) when the traces will be read (`explain`). The traces are kept apart: a trace
/// is large, and one stays where it is built until it moves, once, into the location of
/// its first mention. Without `explain` none is built, moved or dropped (a span's trace
/// is built by the closure [`Emits::push`] takes).
pub struct Emits {
    pub spans: Vec<Emit>,
    /// Empty unless `explain`.
    pub traces: Vec<Trace>,
    pub explain: bool,
}

impl Emits {
    /// Room for `n` spans (and as many traces when `explain`), and the traces already
    /// built for the first spans.
    pub fn with_capacity(n: usize, explain: bool, mut traces: Vec<Trace>) -> Self {
        if explain {
            traces.reserve(n.saturating_sub(traces.len()));
        }
        Self {
            spans: Vec::with_capacity(n),
            traces,
            explain,
        }
    }

    /// Adds `span`, with the trace `trace` builds when the traces will be read.
    pub fn push(&mut self, span: Emit, trace: impl FnOnce() -> Trace) {
        self.spans.push(span);
        if self.explain {
            self.traces.push(trace());
        }
    }

    /// Room for `n` more spans (each step knows how many it may add: no regrowth that
    /// moves every trace).
    pub fn reserve(&mut self, n: usize) {
        self.spans.reserve(n);
        if self.explain {
            self.traces.reserve(n);
        }
    }

    /// (start, end, place) of every span so far, in order.
    pub fn placed(&self) -> impl Iterator<Item = (usize, usize, u32)> + '_ {
        self.spans.iter().map(|x| (x.a, x.b, x.place))
    }
}

/// How one location being assembled is named: the fullest name its mentions write so far
/// (slices of the text: no copies, no list of them).
struct Naming<'t> {
    /// The gazetteer entry (None for kind-word and unlisted places).
    key: Option<u32>,
    /// The longest bare name without a leading article (the last of equal length).
    longest: &'t str,
    longest_chars: usize,
    /// A mention writes the entry's canonical name ("KINGSTON" of a dateline).
    canon_written: bool,
}

impl<'t> Naming<'t> {
    /// Counts a mention whose bare name is tokens `a..end` toward the location's name.
    fn named(&mut self, doc: &Doc<'t, '_>, a: usize, end: usize) {
        let bare = doc.t.span_text(a, end);
        let stripped = strip_article(bare);
        // Its length in chars, from the tokens' char offsets (an article stripped is as
        // many ASCII chars as bytes).
        let span_chars = doc.t.toks[end - 1].cend - doc.t.toks[a].cstart;
        let chars = span_chars as usize - (bare.len() - stripped.len());
        if chars >= self.longest_chars {
            self.longest = stripped;
            self.longest_chars = chars;
        }
        if let (Some(pid), false) = (self.key, self.canon_written) {
            self.canon_written = writes(stripped, doc.lex.places[pid as usize].name);
        }
    }

    /// The fullest form used: the canonical name if written ("KINGSTON" of a dateline is
    /// Kingston), else the longest surface without a leading article.
    fn name(&self, doc: &Doc<'_, '_>) -> String {
        match self.key {
            Some(pid) if self.canon_written => doc.lex.places[pid as usize].name.to_string(),
            _ => self.longest.to_string(),
        }
    }
}

/// A mention's text as a key that ignores ASCII case ("Kasimpar Village" and "Kasimpar
/// village" are one place): compared and hashed in place, no lowercase copy.
#[derive(Clone, Copy)]
struct Folded<'t>(&'t str);

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Folded<'_> {}

impl std::hash::Hash for Folded<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
    }
}

/// Claims every emitted span as a place and groups the mentions into locations, in order
/// of first mention: `all` is read in text order (by start, then end, then as given).
/// Returns the locations and, index for index, their traces (two lists, so that neither
/// is moved again to be split from the other) when the emits have traces (`explain`);
/// without them, the second list is empty.
pub fn group(doc: &Doc<'_, '_>, claims: &mut Claims, emits: Emits) -> (Vec<Location>, Vec<Trace>) {
    let (all, mut traces, explain) = (emits.spans, emits.traces, emits.explain);
    // The order is sorted, not the spans.
    let mut order: Vec<(usize, usize, usize)> = (all.iter().enumerate())
        .map(|(x, e)| (e.a, e.b, x))
        .collect();
    order.sort_unstable();
    // At most one location per mention: sized once.
    let mut out: Vec<Location> = Vec::with_capacity(all.len());
    let mut out_traces: Vec<Trace> = Vec::with_capacity(if explain { all.len() } else { 0 });
    let mut naming: Vec<Naming<'_>> = Vec::with_capacity(all.len());
    // Gazetteer entry -> its location; a kind-word or unlisted mention's text (ASCII case
    // folded) -> its location.
    // Each sized once for its mentions.
    let with_kind = all.iter().filter(|e| e.kind.is_some()).count();
    let mut by_place: HashMap<u32, usize> =
        HashMap::with_capacity_and_hasher(all.len() - with_kind, Default::default());
    let mut by_text: HashMap<Folded<'_>, usize> =
        HashMap::with_capacity_and_hasher(with_kind, Default::default());
    for (a, b, x) in order {
        let e = &all[x];
        claims.claim(a, b, claim::PLACE);
        let text = doc.t.span_text(a, b);
        let m = Mention {
            start: doc.t.toks[a].cstart as usize,
            end: doc.t.toks[b - 1].cend as usize,
            text: text.to_string(),
        };
        let bare_end = bare_name_end(doc, e);
        // Named-with-kind places are their own entities, keyed by their text.
        let folded = e.kind.map(|_| Folded(text));
        let found = match folded {
            None => by_place.get(&e.place).copied(),
            Some(t) => by_text.get(&t).copied(),
        };
        if let Some(g) = found {
            if explain {
                let evidence = traces[x].evidence.iter().copied();
                out_traces[g].evidence.extend(evidence);
            }
            out[g].mentions.push(m);
            naming[g].named(doc, a, bare_end);
            continue;
        }
        match folded {
            None => by_place.insert(e.place, out.len()),
            Some(t) => by_text.insert(t, out.len()),
        };
        let mut n = Naming {
            key: e.kind.is_none().then_some(e.place),
            longest: "",
            longest_chars: 0,
            canon_written: false,
        };
        n.named(doc, a, bare_end);
        out.push(first_mention(doc, e, m));
        if explain {
            out_traces.push(std::mem::take(&mut traces[x]));
        }
        naming.push(n);
    }
    for (location, n) in out.iter_mut().zip(&naming) {
        location.name = n.name(doc);
    }
    (out, out_traces)
}

/// A new location of its first mention `m` (of span `e`), named later.
fn first_mention(doc: &Doc<'_, '_>, e: &Emit, m: Mention) -> Location {
    let p = &doc.lex.places[e.place as usize];
    // Room for the first few mentions (a place named again is common): no regrowth.
    let mut mentions = Vec::with_capacity(4);
    mentions.push(m);
    Location {
        name: String::new(),
        kind: e.kind.unwrap_or(p.kind),
        country: CountryCode::new(p.cc),
        lat: coordinate(p.lat),
        lon: coordinate(p.lon),
        approximate: e.kind.is_some(),
        mentions,
    }
}

/// End of the bare name in the mention of `e`: without a lowercase kind word after it
/// ("Borno" of "Borno state").
fn bare_name_end(doc: &Doc<'_, '_>, e: &Emit) -> usize {
    let (a, b) = (e.a, e.b);
    if e.name_end == b && b - a > 1 && !doc.t.toks[b - 1].cap {
        let last = doc.t.lower(b - 1);
        if crate::gazetteer::region_kind(last).is_some() || words::name_tail_word(last) {
            b - 1
        } else {
            b
        }
    } else {
        e.name_end.clamp(a + 1, b)
    }
}

/// A name without its leading article ("the Gambia" -> "Gambia").
fn strip_article(s: &str) -> &str {
    s.strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s)
}

/// Does the bare name `m` (article stripped) write the canonical name `canon`, case aside?
/// (Two ASCII names are compared in place, not char by char.)
fn writes(m: &str, canon: &str) -> bool {
    if m == canon {
        return true;
    }
    if m.is_ascii() && canon.is_ascii() {
        return m.eq_ignore_ascii_case(canon);
    }
    m.chars()
        .flat_map(char::to_lowercase)
        .eq(canon.chars().flat_map(char::to_lowercase))
}

/// Gazetteer coordinates are stored as `f32` (half the memory); widened naively they
/// print as `38.89509963989258`. Five decimals (about a metre) is all the data holds.
fn coordinate(stored: f32) -> f64 {
    (f64::from(stored) * 1e5).round() / 1e5
}

#[cfg(test)]
mod tests {
    use super::{writes, Emit, Emits, Trace};

    fn span(a: usize) -> Emit {
        Emit {
            a,
            b: a + 1,
            place: 0,
            kind: None,
            name_end: a + 1,
        }
    }

    #[test]
    fn emits_build_traces_only_for_explain() {
        let first = vec![Trace::rule("first")];
        let mut plain = Emits::with_capacity(3, false, Vec::new());
        plain.push(span(0), || {
            unreachable!("no trace is built without explain")
        });
        plain.reserve(1);
        assert_eq!(plain.spans.len(), 1);
        assert!(plain.traces.is_empty());

        let mut explained = Emits::with_capacity(3, true, first);
        assert!(explained.traces.capacity() >= 3);
        explained.push(span(4), || Trace::rule("second").read(4, 5));
        assert_eq!(explained.spans.len(), 1);
        let rules: Vec<&str> = explained.traces.iter().map(|t| t.rule).collect();
        assert_eq!(rules, ["first", "second"]);
        assert_eq!(explained.traces[1].evidence.as_slice(), [(4, 5)]);
    }

    #[test]
    fn a_name_writes_the_canonical_one_whatever_its_case() {
        assert!(writes("Kingston", "Kingston"));
        assert!(writes("KINGSTON", "Kingston"));
        assert!(!writes("Kingstown", "Kingston"));
        assert!(!writes("Kingsto", "Kingston"));
        // Beyond ASCII, char by char.
        assert!(writes("ÉVORA", "Évora"));
        assert!(!writes("EVORA", "Évora"));
        assert!(writes("İZMIR", "i\u{307}zmir"));
    }
}

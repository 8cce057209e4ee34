//! The constructions that give a person a public role, each a named rule. A rule reads
//! the text around one position and proposes a candidate [`Person`] with its
//! [`crate::explain::Trace`] (the rule's name, the role phrase and the name it read).
//!
//! Three sweeps, in this order (each claims the tokens the next must not reread):
//! 1. role first ([`role_first`]): [`TITLE_BEFORE_NAME`], [`ROLE_APPOSITION`],
//!    [`PLURAL_TITLE_LIST`];
//! 2. name first ([`name_first`]): [`NAME_APPOSITION`], [`NAME_AS_ROLE`] (with
//!    [`SUCCESSOR_AS_ROLE`]),
//!    [`NAME_IS_ROLE`], [`RELATIVE_CLAUSE`];
//! 3. line by line ([`roll_call`]): [`ROLL_CALL_LINE`], [`PORTFOLIO_LINE`].

use rustc_hash::FxHashSet as HashSet;

use super::names::{self, BodyCaps, Span};
use super::titles::{self, OrgRef, TitlePhrase};
use super::words;
use super::Person;
use crate::claims::{claim, Claims};
use crate::gazetteer::{Cc, NO_CC};
use crate::lexicon::tc;
use crate::model::LocationKind;
use crate::scan::{ok, Doc};
use crate::tokens::HashFilter;
use crate::tokens::Kind;

/// "Title Name": "Defense Minister Yoav Gallant", "Secretary of Labor pick Jane Doe",
/// "Chief of Defence Staff Gen. Christopher Musa", "President Macron of France".
pub const TITLE_BEFORE_NAME: &str = "title-before-name";
/// "the Title of Country, Name": apposition after the role ("the President of France,
/// Emmanuel Macron", "chief negotiator for the Istanbul talks, Jane Doe").
pub const ROLE_APPOSITION: &str = "role-apposition";
/// Plural title + name list: "Senators Chris Murphy and Richard Blumenthal", "his US and
/// Japanese counterparts, Lloyd Austin and Nobuo Kishi".
pub const PLURAL_TITLE_LIST: &str = "plural-title-list";
/// "Name, the Title of Body": apposition after the name ("Antony Blinken, the US Secretary
/// of State", "X, the country's foreign minister", "X, Biden's top adviser").
pub const NAME_APPOSITION: &str = "name-apposition";
/// "Name ... as Title": "X was sworn in on Friday as president", "X to the post of ROLE";
/// the passive of an appointment with no "as": "X was elected President of Colombia".
pub const NAME_AS_ROLE: &str = "name-as-role";
/// "Name is the Title": a copula and a definite role ("X is the new minister for Energy",
/// "X will be the Minister for Education", "X became the first woman president"), as
/// cabinet announcements write who takes which post.
pub const NAME_IS_ROLE: &str = "name-is-role";
/// Successor: "X will replace Y as Trade Minister", "X succeeds Y as governor", "X will
/// take over from Y as head of ...": the successor takes the role the sentence gives the
/// holder replaced (who keeps it too, by [`NAME_AS_ROLE`]).
pub const SUCCESSOR_AS_ROLE: &str = "successor-as-role";
/// Relative clause: "X, who heads the ministry", "X, who is the foreign minister".
pub const RELATIVE_CLAUSE: &str = "relative-clause";

/// Roll-call line: a list printed one official per line, role and name on either side
/// of a colon or a spaced dash ("Minister of Transport: Jane Roe", "- Jane Roe: Minister
/// of Transport", "Minister of Transport - Jane Roe"), or a name then its role and
/// nothing else ("Jane Roe Minister of Transport"). Cabinet announcements and
/// swearing-in reports print their members so.
pub const ROLL_CALL_LINE: &str = "roll-call-line";
/// Portfolio line: under a line that ends in a colon and names a plural role ("by
/// dismissing five ministers, including:"), one member per bulleted line with the
/// portfolio in brackets ("- Jane Roe (Women Affairs)"): each holds the singular role of
/// that portfolio ("Minister of Women Affairs").
pub const PORTFOLIO_LINE: &str = "portfolio-line";

/// The candidates found so far.
#[derive(Default)]
struct Found<'a> {
    cands: Vec<Person<'a>>,
    /// Name spans of candidates whose title is a grade only: a post apposed later may
    /// still be theirs ("Commodore Jay Doe, the coast guard's spokesperson").
    graded: HashSet<Span>,
    body_caps: BodyCaps,
    /// The last name slot read and the name found there: a role phrase that finds no name
    /// after it is often parsed again from its next word, to end at the same slot.
    last_holder: Option<(NameSlot, Option<Span>)>,
}

impl<'a> Found<'a> {
    fn push(&mut self, p: Person<'a>) {
        if p.rank_only {
            self.graded.extend(p.mentions.iter().copied());
        }
        self.cands.push(p);
    }

    /// [`holder_name`] at `slot`, read once for consecutive phrases ending there.
    fn holder(&mut self, doc: &Doc<'_, '_>, slot: NameSlot) -> Option<Span> {
        if let Some((_, name)) = self.last_holder.filter(|&(s, _)| s == slot) {
            return name;
        }
        let name = holder_name(doc, slot, &mut self.body_caps);
        self.last_holder = Some((slot, name));
        name
    }
}

/// Every candidate, in the order the sweeps found them. Claims the names and roles read.
pub fn find<'a>(doc: &Doc<'a, '_>, claims: &mut Claims) -> Vec<Person<'a>> {
    let mut found = Found {
        // Room for the candidates most items have: each regrowth moves every candidate.
        cands: Vec::with_capacity(8),
        ..Found::default()
    };
    role_first(doc, claims, &mut found);
    name_first(doc, claims, &mut found);
    roll_call(doc, claims, &mut found);
    found.cands
}

// ---------------------------------------------------------------------------------------
// Role first
// ---------------------------------------------------------------------------------------

/// The sweep for constructions that begin with the role: at each free token that can open
/// a role phrase, the phrase, then the name(s) after it. Only tokens with a role head
/// ahead are visited, as [`titles::parse`] requires one: most tokens have none.
fn role_first<'a>(doc: &Doc<'a, '_>, claims: &mut Claims, found: &mut Found<'a>) {
    let n = doc.len();
    let mut heads = titles::HeadCursor::default();
    let mut i = heads.next_reaching(doc, 0);
    while i < n {
        let next = role_first_at(doc, claims, i, found).unwrap_or(i + 1);
        i = heads.next_reaching(doc, next);
    }
}

/// The role-first constructions at `i`, which has a role head ahead; the token to read on
/// from when one matched.
fn role_first_at<'a>(
    doc: &Doc<'a, '_>,
    claims: &mut Claims,
    i: usize,
    found: &mut Found<'a>,
) -> Option<usize> {
    if !starts_title(doc, i) || claims[i] != 0 {
        return None;
    }
    // (A token that may start a title may open a phrase, and a head lies ahead of it.)
    let tp = titles::parse_opened(doc, i)?;
    if is_plural_head(doc, &tp) && !tp.not_official {
        if let Some(end) = plural_title_list(doc, claims, &tp, found) {
            return Some(end);
        }
    }
    title_then_name(doc, claims, &tp, found)
}

/// Can a role phrase start at `i`: a role word, demonym, place or body, or an acronym
/// the lexicon lacks right before a role word ("the DA leader").
fn starts_title(doc: &Doc<'_, '_>, i: usize) -> bool {
    doc.seg[i].is_some_and(|s| s.ok & (ok::TITLE | ok::DEMONYM | ok::PLACE | ok::ORG) != 0)
        || doc.org_chunk_at(i).is_some_and(|(a, _)| a == i)
        || (titles::unknown_acronym(doc, i) && doc.seg_with(i + 1, ok::TITLE).is_some())
}

/// [`PLURAL_TITLE_LIST`]: "U.S. Senators Chris Murphy (D-Conn.) and Richard Blumenthal": a
/// plural role followed by a list of names gives each the singular role. "his US and
/// Japanese counterparts, Lloyd Austin and Nobuo Kishi": as many countries as names pair
/// up in order; otherwise a list says nothing per name. The end of the list, if any.
fn plural_title_list<'a>(
    doc: &Doc<'a, '_>,
    claims: &mut Claims,
    tp: &TitlePhrase,
    found: &mut Found<'a>,
) -> Option<usize> {
    let mut list = names::name_list(doc, claims, tp.b);
    let &(_, last_b) = list.last()?;
    // "the ministers, including Jane Roe as Finance Minister, ...": a member given her own
    // role with "as" is left to [`NAME_AS_ROLE`].
    list.retain(|&(_, b)| !doc.t.is_word(b, "as"));
    if list.is_empty() {
        return None;
    }
    let title = singular(&tp.text(doc));
    let respective = tp.countries.len() == list.len() && list.len() > 1;
    for (idx, &(a, b)) in list.iter().enumerate() {
        let mut p = Person::with_role(doc, (a, b), tp, PLURAL_TITLE_LIST);
        if respective {
            p.country = Some(tp.countries[idx]);
        } else if tp.countries.len() > 1 {
            p.country = None;
            p.country_explicit = false;
        }
        p.title = Some(title.clone());
        claims.claim(a, b, claim::PERSON);
        found.push(p);
    }
    let (ta, tb) = tp.claimed();
    claims.claim(ta, tb, claim::TITLE);
    Some(last_b)
}

/// The role's head is a plural noun ("Senators", "ministers", "MPs"); an abbreviation in
/// capitals ending in S ("CS", Kenya's cabinet secretary) is not.
fn is_plural_head(doc: &Doc<'_, '_>, tp: &TitlePhrase) -> bool {
    let surface = doc.t.span_text(tp.head.0, tp.head.1);
    if surface.len() <= 3 && surface.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    // Compared without case rather than lowercased: no char but ASCII lowercases to 's',
    // 'm', 'e' or 'n', and this runs for every role phrase.
    let ends = |suffix: &[u8]| {
        let h = surface.as_bytes();
        h.len() >= suffix.len() && h[h.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    (ends(b"s") && !ends(b"ss")) || ends(b"men")
}

/// "Senators" -> "Senator", "spokesmen" -> "spokesman" (last word only).
fn singular(title: &str) -> String {
    let (head, last) = title.rsplit_once(' ').map_or(("", title), |(h, l)| (h, l));
    let one = if let Some(stem) = last.strip_suffix("men") {
        format!("{stem}man")
    } else if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        last.strip_suffix('s').unwrap_or(last).to_string()
    };
    if head.is_empty() {
        one
    } else {
        format!("{head} {one}")
    }
}

/// [`TITLE_BEFORE_NAME`] and [`ROLE_APPOSITION`]: the holder's name after the role phrase
/// `tp`, and a country named right after it. The token after what was read, if a person.
fn title_then_name<'a>(
    doc: &Doc<'a, '_>,
    claims: &mut Claims,
    tp: &TitlePhrase,
    found: &mut Found<'a>,
) -> Option<usize> {
    let slot = name_slot(doc, tp);
    // "X will replace Y as Trade CS, Jane Roe will ...": a role after "as" is said of the
    // name before it; the comma then closes the clause, not an apposition.
    if slot.apposition && predicate_after_as(doc, tp.a) {
        return None;
    }
    let (a, b) = found.holder(doc, slot)?;
    if !acceptable(doc, tp) || !claims.free(a, b) {
        return None;
    }
    let rule = if slot.apposition {
        ROLE_APPOSITION
    } else {
        TITLE_BEFORE_NAME
    };
    let mut p = Person::with_role(doc, (a, b), tp, rule);
    let mut end = b;
    if p.country.is_none() {
        if let Some(c) = trailing_country(doc, b, tp) {
            p.country = Some(c.country);
            p.country_explicit = true;
            p.trace.read(b, c.end);
            end = c.end;
        }
    }
    let (ta, tb) = tp.claimed();
    claims.claim(ta, tb, claim::TITLE);
    claims.claim(a, b, claim::PERSON);
    if end > b {
        claims.claim(b, end, claim::TITLE);
    }
    found.push(p);
    Some(end)
}

/// Does the role phrase at `a`, with the role words joined to it before ("as Finance
/// Minister" seen from "Minister", "as Attorney General and Minister of Justice" seen
/// from the second "Minister") and an article ("as the Minister of Finance"), follow
/// "as"?
fn predicate_after_as(doc: &Doc<'_, '_>, a: usize) -> bool {
    let mut k = a;
    while k > 0
        && a - k < 8
        && !doc.sent_start[k]
        && (role_vocabulary(doc, k - 1)
            || doc.is_cap_word(k - 1)
            || doc.t.is_word(k - 1, "and")
            || doc.t.is_word(k - 1, "of"))
    {
        k -= 1;
    }
    // "took oath as the Minister of Finance, Jane Roe as ...".
    if k > 1 && !doc.sent_start[k] && doc.t.is_word(k - 1, "the") {
        k -= 1;
    }
    // "as well as the Resident Representative, X" joins a list; it predicates nothing.
    let as_well_as = k >= 3 && doc.t.is_word(k - 2, "well") && doc.t.is_word(k - 3, "as");
    k > 0 && !doc.sent_start[k] && doc.t.is_word(k - 1, "as") && !as_well_as
}

/// Where the holder's name may start after a role phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NameSlot {
    start: usize,
    /// A comma separates role and name ("the President of France, Emmanuel Macron").
    apposition: bool,
}

/// The start of the holder's name after the role phrase `tp`: past a nominee word, a
/// named qualifier, the body's acronym, the apposition comma, honorifics and a grade.
fn name_slot(doc: &Doc<'_, '_>, tp: &TitlePhrase) -> NameSlot {
    let mut j = tp.b;
    // "Secretary of Labor pick Jane Doe": a nominee is named after the role.
    if words::nominee_word(doc.t.lower(j)) {
        j += 1;
    }
    j = past_qualifier(doc, tp, j);
    // "the leader of the Rapid Support Forces (RSF), General X": the body's acronym in
    // brackets belongs to the role when a rank follows (in "head of the Council (MAC), Y
    // will ..." Y is the next item of a list).
    if doc.t.is_punct(j, "(")
        && doc.t.is_punct(j + 2, ")")
        && doc.t.is_punct(j + 3, ",")
        && rank_only_at(doc, j + 4).is_some()
    {
        j += 3;
    }
    // "Minister of Home Affairs (Mendagri) Tito Karnavian": the role's own abbreviation
    // in brackets, then the name with no comma.
    if doc.t.is_punct(j, "(")
        && doc.is_cap_word(j + 1)
        && doc.t.is_punct(j + 2, ")")
        && doc.is_cap_word(j + 3)
        && !doc.t.toks[j + 3].newline_before
    {
        j += 3;
    }
    let apposition = doc.t.is_punct(j, ",");
    if apposition {
        j += 1;
    }
    j = names::skip_honorifics(doc, j);
    // "Chief of Defence Staff, Gen. Christopher Musa", "police spokesperson Inspector X":
    // a grade between the post and the name is skipped; the post is the title. (Not the
    // "General" of a split "Secretary-General".)
    let glued = j > 0 && doc.t.is_punct(j - 1, "-");
    if let Some(end) = rank_only_at(doc, j).filter(|_| !glued) {
        j = names::skip_honorifics(doc, end);
    }
    if !apposition {
        j = past_region_qualifier(doc, j);
    }
    NameSlot {
        start: j,
        apposition,
    }
}

/// "Chief Secretary Punjab Zahid Akhtar Zaman", "IG Sindh Jane Roe": a province or country
/// (of the country the item names most) right after the role with no "of", as South Asian copy
/// writes it, qualifies the role when a name of two words or more follows on the same line ("Defense Minister
/// Israel Katz" has one word after the place: that is the name). The name's start.
fn past_region_qualifier(doc: &Doc<'_, '_>, j: usize) -> usize {
    let Some(s) = doc.seg_with(j, ok::PLACE).filter(|s| s.a == j) else {
        return j;
    };
    // Of the country the item names most: "Defense Minister Vladimir Padrino López" in a
    // story about Venezuela is no minister of Vladimir Oblast.
    let main = doc
        .named_countries
        .iter()
        .fold(None, |best: Option<(Cc, f32)>, c| match best {
            Some(b) if b.1 >= c.1 => Some(b),
            _ => Some(c),
        })
        .map(|c| c.0);
    let region = titles::place_country(doc, s.entry).is_some_and(|(cc, kind)| {
        matches!(kind, LocationKind::Admin | LocationKind::Country) && Some(cc) == main
    });
    let after = s.b < doc.len() && !doc.t.toks[s.b].newline_before;
    // "Mayor Van R. Johnson": a place word before an initial is a given name.
    let initial = doc.t.surface(s.b).chars().count() <= 2;
    let name_after = after
        && !initial
        && doc.seg_with(s.b, ok::PLACE).is_none()
        && names::forward(doc, s.b).is_some_and(|(a, b)| a == s.b && b - a >= 2);
    if region && name_after {
        s.b
    } else {
        j
    }
}

/// "chief negotiator for the Istanbul talks, Jane Doe": a short qualifier naming
/// something (a capitalized word) between the role and the comma. ("for the Geneva" may
/// already be in the role as a complement; "the head of the Houthi ruling council, X"
/// ends in lowercase words; "commander of the armed forces, Admiral X": a body in
/// lowercase qualifies.) The comma closing it, or `j`.
fn past_qualifier(doc: &Doc<'_, '_>, tp: &TitlePhrase, j: usize) -> usize {
    let n = doc.len();
    let place_tail = j > tp.head.1
        && j < n
        && doc.is_cap_word(j - 1)
        && !doc.t.toks[j].cap
        && doc.t.toks[j].kind == Kind::Word;
    if place_tail {
        return words_then_comma(doc, j, 4).unwrap_or(j);
    }
    if !words::qualifier_preposition(doc.t.lower(j)) {
        return j;
    }
    let Some(close) = words_then_comma(doc, j + 1, 7) else {
        return j;
    };
    let named = (j + 1..close).any(|k| doc.is_cap_word(k))
        || words::public_body_word(doc.t.lower(close - 1));
    if named {
        close
    } else {
        j
    }
}

/// The name at `slot`, on the same line; in a headline, cut to what the body confirms;
/// plausible as a name; after an apposition comma, two words or more closed by
/// punctuation or a lowercase word.
fn holder_name(doc: &Doc<'_, '_>, slot: NameSlot, body_caps: &mut BodyCaps) -> Option<Span> {
    let (n, j) = (doc.len(), slot.start);
    if j >= n || doc.t.toks[j].newline_before {
        return None;
    }
    let (a, b) = names::forward(doc, j)?;
    let (a, b) = if doc.headline[a] {
        body_caps.confirmed(doc, a, b)?
    } else {
        (a, b)
    };
    let closed = b >= n || words::closes_apposed_name(doc.t.lower(b)) || !doc.t.toks[b].cap;
    let fits = !slot.apposition || (b - a >= 2 && closed);
    (names::plausible(doc, a, b) && fits).then_some((a, b))
}

/// Is a title phrase a real public role for the person it names?
fn acceptable(doc: &Doc<'_, '_>, tp: &TitlePhrase) -> bool {
    if tp.not_official {
        return false;
    }
    // A lone generic head in lowercase ("head", "chief", "official", "leader") needs a body
    // or country to qualify it, otherwise "team leader John" would count.
    let (ha, hb) = tp.head;
    let mut buf = [0u8; 64];
    // A head of one ASCII word (most) is its token's lowercase form, ready made.
    let head = if hb == ha + 1 && doc.t.surface(ha).is_ascii() {
        std::borrow::Cow::Borrowed(doc.t.lower(ha))
    } else {
        words::lowercase_in(doc.t.span_text(ha, hb), &mut buf)
    };
    // Plural heads ("ministers", "officials") never introduce one name.
    if is_plural_head(doc, tp) && !head.ends_with("men") {
        return false;
    }
    let always_generic = words::always_generic_head(&head);
    let lower_generic = words::lowercase_generic_head(&head);
    let bare = tp.pieces.len() <= 1 && tp.org.is_none() && tp.country.is_none();
    // "head of an elected parliament": a public body named in lowercase qualifies too.
    let public_body = doc.t.is_word(hb, "of")
        && (hb + 1..(hb + 6).min(doc.len())).any(|k| {
            // "leader of the far-right National Rally": a named body qualifies too.
            if doc.seg_with(k, ok::ORG).is_some() || doc.org_chunk_at(k).is_some() {
                return true;
            }
            words::public_body_word(doc.t.lower(k))
        });
    !(bare && !public_body && (always_generic || (lower_generic && !doc.t.toks[ha].cap)))
}

/// A country named right after a holder's name.
struct TrailingCountry {
    country: Cc,
    /// The token after the country's name.
    end: usize,
}

/// Country named right after a name: "President Macron of France". "Senator Jon Ossoff
/// of Georgia": legislators and governors are "of" a state or province, so a first-level
/// region reading wins there. Also "General X, of the Republic of Sudan": a comma, "the"
/// and a state's formal style ("Republic of", "Kingdom of") may come between.
fn trailing_country(doc: &Doc<'_, '_>, b: usize, tp: &TitlePhrase) -> Option<TrailingCountry> {
    let n = doc.len();
    let mut k = b;
    if k < n && doc.t.is_punct(k, ",") && doc.t.is_word(k + 1, "of") {
        k += 1;
    }
    if !doc.t.is_word(k, "of") {
        return None;
    }
    k += 1;
    if k < n && doc.t.lower(k) == "the" && doc.seg_with(k, ok::PLACE).is_none() {
        k += 1;
    }
    // "the Republic of Sudan", "the Federal Democratic Republic of Ethiopia".
    if doc.seg_with(k, ok::PLACE).is_none() {
        if let Some((country, end)) = titles::formal_state(doc, k) {
            return Some(TrailingCountry { country, end });
        }
    }
    let s = doc.seg_with(k, ok::PLACE)?;
    let regional = (tp.head.0..tp.head.1).any(|h| words::regional_head(doc.t.lower(h)));
    if regional {
        let admin = doc
            .entry(&s)
            .places
            .iter()
            .map(|&p| &doc.lex.places[p as usize])
            .filter(|p| p.kind == LocationKind::Admin)
            .max_by_key(|p| p.pop);
        if let Some(p) = admin {
            return Some(TrailingCountry {
                country: p.cc,
                end: s.b,
            });
        }
    }
    let (country, kind) = titles::place_country(doc, s.entry)?;
    matches!(kind, LocationKind::Country | LocationKind::Territory)
        .then_some(TrailingCountry { country, end: s.b })
}

/// The comma closing a run of at most `max` words starting at `from`, if one does.
fn words_then_comma(doc: &Doc<'_, '_>, from: usize, max: usize) -> Option<usize> {
    let n = doc.len();
    (from..(from + max).min(n))
        .take_while(|&k| doc.t.toks[k].kind == Kind::Word)
        .last()
        .map(|k| k + 1)
        .filter(|&c| doc.t.is_punct(c, ","))
}

/// The end of a title at `i` made of ranks only ("Gen.", "Vice Admiral"), if there is one.
fn rank_only_at(doc: &Doc<'_, '_>, i: usize) -> Option<usize> {
    let r = titles::parse(doc, i)?;
    r.pieces
        .iter()
        .all(|&(a, b)| doc.seg[a].is_some_and(|s| s.b >= b && doc.entry(&s).title & tc::RANK != 0))
        .then_some(r.b)
}

// ---------------------------------------------------------------------------------------
// Name first
// ---------------------------------------------------------------------------------------

/// What separates a name from the role that follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
    /// "X, the ..." (apposition or relative clause).
    Comma,
    /// "X ... as ROLE".
    As,
    /// "X to the post of ROLE" (the "of" is the separator).
    PostOf,
    /// "X is the ROLE", "X will be the ROLE" (the copula is the separator).
    Copula,
    /// "X was elected President of Colombia", "X was named Deputy President": the passive
    /// of a verb of appointment, its role with no "as" (the verb is the separator).
    Appointed,
}

/// The sweep for constructions that begin with the name: at each comma or "as", the name
/// before it and the role after it. Most tokens are no separator: [`SEPARATOR_WORDS`]
/// tells so from the token's hash before its word is read.
fn name_first<'a>(doc: &Doc<'a, '_>, claims: &mut Claims, found: &mut Found<'a>) {
    let separators = &*SEPARATOR_WORDS;
    // (The hash alone is read at most tokens: the headline flag only after the filter
    // passes, from its own index.)
    for (c, t) in doc.t.toks.iter().enumerate() {
        if separators.may_hold(t.hash) && doc.headline.get(c) == Some(&false) {
            name_first_at(doc, claims, c, found);
        }
    }
}

/// The words [`separator`] reads (a [`HashFilter`] of their hashes, 256 values): ",", "of",
/// "as", the copulas and the participles of appointment.
static SEPARATOR_WORDS: std::sync::LazyLock<HashFilter<256>> = std::sync::LazyLock::new(|| {
    let words = [",", "of", "as"].into_iter();
    let words = words
        .chain(words::COPULAS)
        .chain(words::APPOINTMENT_PARTICIPLES);
    HashFilter::of_hashes(words.map(crate::tokens::hash_str))
});

/// The separator at `c`, if any. The word is read once and only the construction its
/// spelling names is tested further: this runs at every token, and the separators' words
/// ("of", "as", the copulas, the participles, ",") are all distinct.
fn separator(doc: &Doc<'_, '_>, c: usize) -> Option<Separator> {
    let w = doc.t.lower(c);
    match w {
        "of" => (c >= 3
            && words::post_noun(doc.t.lower(c - 1))
            && doc.t.is_word(c - 2, "the")
            && doc.t.is_word(c - 3, "to"))
        .then_some(Separator::PostOf),
        "as" => (!doc.t.toks[c].cap).then_some(Separator::As),
        _ if words::copula(w) => doc.t.is_word(c + 1, "the").then_some(Separator::Copula),
        _ if words::appointment_participle(w) => {
            (c >= 1 && words::passive_auxiliary(doc.t.lower(c - 1)) && doc.is_cap_word(c + 1))
                .then_some(Separator::Appointed)
        }
        _ => doc.t.is_punct(c, ",").then_some(Separator::Comma),
    }
}

/// The name-first constructions at separator `c`: [`NAME_APPOSITION`], [`NAME_AS_ROLE`],
/// [`RELATIVE_CLAUSE`]. (Kept out of [`name_first`]'s loop: inlined, its state made the
/// loop over every token carry and spill pointers it does not need.)
#[inline(never)]
fn name_first_at<'a>(doc: &Doc<'a, '_>, claims: &mut Claims, c: usize, found: &mut Found<'a>) {
    let Some(sep) = separator(doc, c) else {
        return;
    };
    let Some((a, b)) = names::backward(doc, name_end(doc, c, sep)) else {
        return;
    };
    if !name_before_separator(doc, claims, (a, b), found) {
        return;
    }
    let Some(start) = role_start(doc, c, sep) else {
        return;
    };
    let mut k = start.k;
    if sep == Separator::Comma && doc.t.is_word(k, "who") {
        match relative_clause(doc, claims, (a, b), k, found) {
            Some(role_at) => k = role_at,
            None => return,
        }
    }
    let rule = match sep {
        Separator::Comma if k > start.k => RELATIVE_CLAUSE,
        Separator::Comma => NAME_APPOSITION,
        Separator::Copula => NAME_IS_ROLE,
        _ => NAME_AS_ROLE,
    };
    let k = past_descriptors(doc, claims, k);
    let Some(tp) = titles::parse(doc, k).or_else(|| field_minister(doc, k)) else {
        return;
    };
    if !acceptable(doc, &tp) {
        return;
    }
    // The role phrase must not run on into another name ("X, Minister Y").
    let (e, n) = (tp.b, doc.len());
    if e < n && doc.is_cap_word(e) && doc.seg[e].is_none() && !doc.t.toks[e].newline_before {
        return;
    }
    let mut p = Person::with_role(doc, (a, b), &tp, rule);
    if p.country.is_none() && start.principal.is_some() {
        p.country = start.principal;
        p.country_explicit = true;
    }
    claims.claim(a, b, claim::PERSON);
    let (ta, tb) = tp.claimed();
    claims.claim(ta, tb, claim::TITLE);
    let successor = (rule == NAME_AS_ROLE)
        .then(|| successor_before(doc, claims, a))
        .flatten();
    if let Some(s) = successor {
        let mut q = Person::with_role(doc, s, &tp, SUCCESSOR_AS_ROLE);
        q.country = p.country;
        q.country_explicit = p.country_explicit;
        claims.claim(s.0, s.1, claim::PERSON);
        found.push(q);
    }
    found.push(p);
}

/// [`SUCCESSOR_AS_ROLE`]: the successor named before a verb of succession that ends right
/// before token `a` ("Jane Roe will replace ..."), if free and plausible.
fn successor_before(doc: &Doc<'_, '_>, claims: &Claims, a: usize) -> Option<Span> {
    let mut v = a;
    if v >= 3 && words::take_over_from([doc.t.lower(v - 1), doc.t.lower(v - 2), doc.t.lower(v - 3)])
    {
        v -= 3;
    } else if v >= 1 && crate::words::succession_verb(doc.t.lower(v - 1)) {
        v -= 1;
    } else {
        return None;
    }
    // "will", "is set to", "would".
    while v > 0 && a - v < 7 && words::auxiliary_or_set(doc.t.lower(v - 1)) {
        v -= 1;
    }
    let (sa, sb) = names::backward(doc, v).filter(|&(_, sb)| sb == v)?;
    (claims.free(sa, sb) && names::plausible(doc, sa, sb) && sb - sa >= 1 && !doc.sent_start[v])
        .then_some((sa, sb))
}

/// Where the name before separator `c` ends: "Yen Teh-fa will take over as head of ...":
/// past a short verb group before "as"; "X was sworn in for a third six-year term on
/// Friday as president": past a term of office too, when a name precedes it.
fn name_end(doc: &Doc<'_, '_>, c: usize, sep: Separator) -> usize {
    match sep {
        Separator::PostOf => return c - 3,
        Separator::Comma => return c,
        // "X will be the": the auxiliary belongs to the verb, not the name.
        Separator::Copula if c >= 1 && words::auxiliary(doc.t.lower(c - 1)) => return c - 1,
        Separator::Copula => return c,
        // "X was elected", "X has been named": the auxiliaries belong to the verb.
        Separator::Appointed => {
            let mut k = c;
            while k > 0 && c - k < 3 && words::passive_auxiliary(doc.t.lower(k - 1)) {
                k -= 1;
            }
            return k;
        }
        Separator::As => {}
    }
    let mut nb = c;
    while nb > 0 && c - nb < 4 && words::role_verb(doc.t.lower(nb - 1)) {
        nb -= 1;
    }
    // Verbs and term words in any order ("was officially sworn in yesterday as").
    let mut mb = nb;
    while mb > 0
        && c - mb < 14
        && (is_term_word(doc, mb - 1) || words::role_verb(doc.t.lower(mb - 1)))
    {
        mb -= 1;
    }
    if mb < nb && names::backward(doc, mb).is_some() {
        nb = mb;
    }
    nb
}

/// Words of a term-of-office phrase between a verb and "as": "for a third six-year term
/// on Friday".
fn is_term_word(doc: &Doc<'_, '_>, k: usize) -> bool {
    let w = doc.t.lower(k);
    crate::tokens::is_date_word(w) || w.bytes().all(|b| b.is_ascii_digit()) || words::term_word(w)
}

/// Can the name `a..b` before a separator take a role: free (or held with a grade only),
/// plausible, and not a lone word that is a sentence-initial word or a place.
fn name_before_separator(doc: &Doc<'_, '_>, claims: &Claims, (a, b): Span, found: &Found) -> bool {
    let graded = found.graded.contains(&(a, b));
    if !(claims.free(a, b) || graded) || !names::plausible(doc, a, b) {
        return false;
    }
    // A sentence-initial single word before a comma is usually not a name.
    if b - a == 1 && doc.sent_start[a] && doc.seg[a].is_some() {
        return false;
    }
    // "After his visit to Hagen, the Prime Minister ...": a lone place word before the
    // comma is the place.
    !(b - a == 1 && doc.seg_with(a, ok::PLACE).is_some())
}

/// Where the role after a separator begins, with the state a named principal gives.
struct RoleStart {
    k: usize,
    /// "X, Biden's top Middle East adviser": a well-known principal names the state the
    /// staff member serves.
    principal: Option<Cc>,
}

/// The start of the role after separator `c`: past "the fund's" (a body's possessive; a
/// company's means no official: `None`), a principal's possessive, "the new".
fn role_start(doc: &Doc<'_, '_>, c: usize, sep: Separator) -> Option<RoleStart> {
    let mut k = c + 1;
    // "Jane Roe, JP, Minister of ...": honours between the name and the role.
    if sep == Separator::Comma {
        while k + 1 < doc.len()
            && k - c < 8
            && words::postnominal(doc.t.lower(k))
            && doc.t.is_punct(k + 1, ",")
        {
            k += 2;
        }
    }
    // "X, the fund's mission chief": the body before "'s" is the role's, the role follows
    // (a company's staff are not officials).
    if doc.t.is_word(k, "the")
        && doc.t.is_word(k + 2, "'s")
        && !doc.t.toks[k + 1].cap
        && doc.seg_with(k + 3, ok::TITLE).is_some()
    {
        if words::private_possessor(doc.t.lower(k + 1)) {
            return None;
        }
        k += 3;
    }
    let mut principal = None;
    if doc.is_cap_word(k)
        && doc.t.is_word(k + 1, "'s")
        && doc.seg_with(k, ok::PLACE | ok::DEMONYM | ok::ORG).is_none()
        && doc.seg_with(k + 2, ok::TITLE).is_some()
    {
        principal = doc
            .lex
            .known_official(doc.t.surface(k))
            .filter(|&cc| cc != NO_CC);
        k += 2;
    }
    let as_sep = sep != Separator::Comma;
    if as_sep && words::article(doc.t.lower(k)) && doc.t.is_word(k + 1, "new") {
        k += 1;
    }
    if doc.t.is_word(k, "new") {
        k += 1;
    }
    Some(RoleStart { k, principal })
}

/// [`RELATIVE_CLAUSE`] at "who" (token `k`): "X, who heads the Federal Statistics
/// Office" makes X the head of that body (a candidate is pushed, `None` returned);
/// "X, who is the foreign minister" goes on to the role after the copula (its start is
/// returned). `None` for any other clause.
fn relative_clause<'a>(
    doc: &Doc<'a, '_>,
    claims: &mut Claims,
    name: Span,
    mut k: usize,
    found: &mut Found<'a>,
) -> Option<usize> {
    if words::relative_adverb(doc.t.lower(k + 1)) {
        k += 1;
    }
    let verb = doc.t.lower(k + 1);
    if let Some(role) = words::relative_role(verb) {
        let mut m = k + 2;
        if doc.t.is_word(m, "the") {
            m += 1;
        }
        let org = doc
            .org_chunk_at(m)
            .map(|(x, y)| OrgRef::Span(x, y))
            .or_else(|| {
                doc.seg_with(m, ok::ORG)
                    .and_then(|s| doc.entry(&s).org.map(OrgRef::Lex))
            });
        if let Some(org) = org {
            let body_end = match org {
                OrgRef::Span(_, y) => y,
                OrgRef::Lex(_) => doc.seg[m].map_or(m + 1, |s| s.b),
            };
            let mut p = Person::heading(doc, name, role, org, RELATIVE_CLAUSE);
            p.trace.read(name.0, name.1);
            p.trace.read(k, body_end);
            claims.claim(name.0, name.1, claim::PERSON);
            found.push(p);
        }
        return None;
    }
    if !words::relative_copula(verb) {
        return None;
    }
    k += 2;
    if doc.t.is_word(k, "as") {
        k += 1;
    }
    Some(k)
}

/// Past the words between the separator and the role: an article or possessive ("the",
/// "his"), descriptive words ("a four-term lawmaker", "the veteran diplomat", "the
/// Peronist governor"), and a collective's possessive ("the country's").
fn past_descriptors(doc: &Doc<'_, '_>, claims: &Claims, mut k: usize) -> usize {
    let n = doc.len();
    if words::role_determiner(doc.t.lower(k)) {
        k += 1;
    }
    for _ in 0..2 {
        let compound = k + 2 < n
            && doc.t.toks[k].kind == Kind::Word
            && !doc.t.toks[k].cap
            && doc.t.is_punct(k + 1, "-")
            && !doc.t.toks[k + 1].space_before
            && !doc.t.toks[k + 2].space_before
            && !doc.t.toks[k + 2].cap;
        if compound && doc.seg_with(k, ok::TITLE).is_none() {
            k += 3;
        } else if doc.is_cap_word(k)
            && !doc.t.toks[k].upper
            && doc.seg[k].is_none()
            && claims[k] == 0
            && doc.seg_with(k + 1, ok::TITLE).is_some()
        {
            // "the Peronist governor of Buenos Aires province": a party word the lexicon
            // lacks (an acronym is the body instead: "the DA leader").
            k += 1;
        } else if words::role_descriptor(doc.t.lower(k)) {
            k += 1;
        }
    }
    // "X, the country's foreign minister": the country is the item's own.
    if words::collective_possessor(doc.t.lower(k)) && doc.t.is_word(k + 1, "'s") {
        k += 2;
    }
    k
}

/// "the government's institutional relations minister": a ministry's field the lexicon
/// lacks, written in lowercase before "minister" at most three words on.
fn field_minister(doc: &Doc<'_, '_>, k: usize) -> Option<TitlePhrase> {
    let n = doc.len();
    let j = (k + 1..(k + 4).min(n)).find(|&j| doc.t.is_word(j, "minister"))?;
    let plain = (k..j).all(|x| {
        doc.t.toks[x].kind == Kind::Word
            && !doc.t.toks[x].cap
            && doc.word(x).is_none_or(|e| !e.stop)
    });
    if !plain {
        return None;
    }
    let mut tp = titles::parse(doc, j)?;
    tp.a = k;
    tp.pieces.insert(0, (k, j));
    Some(tp)
}

// ---------------------------------------------------------------------------------------
// Line by line
// ---------------------------------------------------------------------------------------

/// Longest line (in tokens) read as a roll-call entry: one name and one role, with a
/// long portfolio ("Minister of State for Housing and Urban Development").
const MAX_ROLL_CALL_TOKENS: usize = 32;

/// The sweep for [`ROLL_CALL_LINE`]: each short line that no earlier construction
/// touched, read whole.
fn roll_call<'a>(doc: &Doc<'a, '_>, claims: &mut Claims, found: &mut Found<'a>) {
    // The plural role of the list header above the current run of bulleted lines.
    let mut header: Option<TitlePhrase> = None;
    for (start, end) in doc.t.lines() {
        // (Such lines are often Title Case, which the headline test flags: their shape,
        // not their casing, makes them entries.)
        if end - start <= MAX_ROLL_CALL_TOKENS
            && roll_call_line(doc, claims, start, end, found).is_none()
        {
            if let Some(h) = &header {
                portfolio_line(doc, claims, h, (start, end), found);
            }
        }
        header = if doc.t.is_punct(end - 1, ":") {
            list_header(doc, start, end)
        } else if past_bullet(doc, start) > start {
            header
        } else {
            None
        };
    }
}

/// The plural role a list header names ("by dismissing five ministers, including:"), if
/// the line `start..end` has one.
fn list_header(doc: &Doc<'_, '_>, start: usize, end: usize) -> Option<TitlePhrase> {
    let mut k = start;
    while k < end {
        match titles::parse(doc, k) {
            Some(tp) if tp.b <= end && is_plural_head(doc, &tp) && !tp.not_official => {
                return Some(tp)
            }
            Some(tp) if tp.b > k => k = tp.b,
            _ => k += 1,
        }
    }
    None
}

/// [`PORTFOLIO_LINE`] on the line `start..end` under the list header `header`: past a
/// bullet, a name of two words or more, then its portfolio in brackets to the line's end.
fn portfolio_line<'a>(
    doc: &Doc<'a, '_>,
    claims: &mut Claims,
    header: &TitlePhrase,
    (start, end): Span,
    found: &mut Found<'a>,
) -> Option<()> {
    let a = past_bullet(doc, start);
    let mut e = end;
    while e > a && words::line_closing_punct(doc.t.surface(e - 1)) && !doc.t.is_punct(e - 1, ")") {
        e -= 1;
    }
    if a == start || e < a + 5 || !doc.t.is_punct(e - 1, ")") || !claims.free(a, e) {
        return None;
    }
    let open = (a + 2..e - 2).find(|&k| doc.t.is_punct(k, "("))?;
    let portfolio = (open + 1, e - 1);
    // "(State for Housing and Urban Development)": fields, joined as portfolios are.
    let field_or_joiner = |k: usize| {
        doc.is_cap_word(k)
            || role_vocabulary(doc, k)
            || doc.t.is_punct(k, ",")
            || doc.t.is_punct(k, "&")
            || matches!(doc.t.lower(k), "and" | "for" | "of" | "the")
    };
    let fields = (portfolio.0..portfolio.1).all(field_or_joiner);
    if !fields || !doc.is_cap_word(portfolio.0) || !doc.is_cap_word(portfolio.1 - 1) {
        return None;
    }
    let j = names::skip_honorifics(doc, a);
    let (na, nb) = names::forward(doc, j).filter(|&(_, b)| b == open)?;
    if !names::plausible(doc, na, nb) || nb - na < 2 {
        return None;
    }
    let mut p = Person::with_role(doc, (na, nb), header, PORTFOLIO_LINE);
    let role = singular(&doc.t.span_text(header.head.0, header.head.1).to_lowercase());
    let mut role = role.chars();
    let capitalized: String = role
        .next()
        .map(|c| c.to_uppercase().chain(role).collect())?;
    let field = doc.t.span_text(portfolio.0, portfolio.1);
    p.title = Some(format!("{capitalized} of {field}"));
    p.trace.read(portfolio.0, portfolio.1);
    claims.claim(portfolio.0, portfolio.1, claim::TITLE);
    claims.claim(na, nb, claim::PERSON);
    found.push(p);
    Some(())
}

/// [`ROLL_CALL_LINE`] on the line `start..end`: past a bullet and before closing
/// punctuation, a role and a name fill the line exactly.
fn roll_call_line<'a>(
    doc: &Doc<'a, '_>,
    claims: &mut Claims,
    start: usize,
    end: usize,
    found: &mut Found<'a>,
) -> Option<()> {
    let a = past_bullet(doc, start);
    let mut e = end;
    while e > a && words::line_closing_punct(doc.t.surface(e - 1)) {
        e -= 1;
    }
    if e <= a || !claims.free(a, e) {
        return None;
    }
    let separator = (a + 1..e).find(|&k| line_separator(doc, k));
    let (name, tp, role) = match separator {
        Some(k) => role_then_name(doc, (a, k), (k + 1, e))
            .or_else(|| role_then_name(doc, (k + 1, e), (a, k)))?,
        None => name_then_role(doc, a, e)?,
    };
    let mut p = Person::with_role(doc, name, &tp, ROLL_CALL_LINE);
    // "Minister of Industry, Trade and Investment": the portfolio runs on past the role
    // phrase's first field; the title is the role side as written.
    if tp.b < role.1 {
        p.title = Some(doc.t.span_text(tp.a, role.1).to_string());
    }
    claims.claim(role.0, role.1, claim::TITLE);
    claims.claim(name.0, name.1, claim::PERSON);
    found.push(p);
    Some(())
}

/// The first token of a line's entry: past a bullet ("-", "*", "•") or a number ("3.",
/// "3)").
fn past_bullet(doc: &Doc<'_, '_>, s: usize) -> usize {
    if words::bullet(doc.t.surface(s)) {
        return s + 1;
    }
    let numbered = doc.t.toks.get(s).is_some_and(|t| t.kind == Kind::Num)
        && (doc.t.is_punct(s + 1, ".") || doc.t.is_punct(s + 1, ")"));
    if numbered {
        s + 2
    } else {
        s
    }
}

/// A colon, or a dash with a space on either side: "Jane Roe - Minister", and as lists
/// are typed in a hurry, "Jane Roe- Minister". A hyphen inside a name ("Ade-John") has
/// none.
fn line_separator(doc: &Doc<'_, '_>, k: usize) -> bool {
    doc.t.is_punct(k, ":")
        || (doc.t.is_punct(k, "-")
            && (doc.t.toks[k].space_before
                || doc.t.toks.get(k + 1).is_some_and(|t| t.space_before)))
}

/// A role phrase that fills `role` (its portfolio may run on in capitalized fields
/// joined by commas and "and") and a name that fills `name`: the name's span, the
/// phrase and the role side's span.
fn role_then_name(doc: &Doc<'_, '_>, role: Span, name: Span) -> Option<(Span, TitlePhrase, Span)> {
    let tp = titles::parse(doc, role.0).filter(|tp| tp.b <= role.1)?;
    if !acceptable(doc, &tp) || !portfolio_run_on(doc, tp.b, role.1) || capitals_label(doc, role) {
        return None;
    }
    let j = names::skip_honorifics(doc, name.0);
    let (a, b) = names::forward(doc, j).filter(|&(_, b)| b == name.1)?;
    (names::plausible(doc, a, b) && b - a >= 2).then_some(((a, b), tp, role))
}

/// "Jane Roe Minister of Transport": a name of two words or more, then a role phrase to
/// the end of the line.
fn name_then_role(doc: &Doc<'_, '_>, a: usize, e: usize) -> Option<(Span, TitlePhrase, Span)> {
    let (na, nb) = names::forward(doc, a).filter(|&(na, nb)| na == a && nb - na >= 2)?;
    let tp = titles::parse(doc, nb).filter(|tp| tp.b <= e)?;
    if !acceptable(doc, &tp) || !portfolio_run_on(doc, tp.b, e) || !names::plausible(doc, na, nb) {
        return None;
    }
    Some(((na, nb), tp, (nb, e)))
}

/// Tokens `from..to` continue a portfolio: capitalized words or role vocabulary in any
/// case ("Agriculture and Livestock resource", "Minister of industry") joined by commas,
/// "and" or "&" ("..., Trade and Investment", "..., and the Environment"), or nothing at
/// all. A verb or any other
/// lowercase word ends the entry: such a line is a sentence, not a list member.
fn portfolio_run_on(doc: &Doc<'_, '_>, from: usize, to: usize) -> bool {
    let field = |k: usize| doc.is_cap_word(k) || role_vocabulary(doc, k);
    // "..., Fisheries, and the Environment": an article before a field.
    let article = |k: usize| doc.t.is_word(k, "the") && k + 1 < to && field(k + 1);
    (from..to).all(|k| {
        field(k)
            || doc.t.is_punct(k, ",")
            || doc.t.is_punct(k, "&")
            || doc.t.is_word(k, "and")
            || article(k)
    }) && (from == to || field(to - 1))
}

/// A word the role lexicon knows (a portfolio, a field, a role word), whatever its case.
fn role_vocabulary(doc: &Doc<'_, '_>, k: usize) -> bool {
    doc.t.toks.get(k).is_some_and(|t| t.kind == Kind::Word)
        && doc.word(k).is_some_and(|e| e.title != 0)
}

/// "PRESS OFFICER: Jane Roe": a role written in capitals before a colon labels a contact
/// block at the foot of a release, not a member of a list.
fn capitals_label(doc: &Doc<'_, '_>, (a, b): Span) -> bool {
    (a..b)
        .filter(|&k| doc.t.toks[k].kind == Kind::Word)
        .all(|k| doc.t.toks[k].upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every token [`separator`] reads as one passes [`SEPARATOR_WORDS`], which turns
    /// most others away, on text with each kind of separator.
    #[test]
    fn separator_words_filter_keeps_every_separator() {
        let e = crate::Enricher::new().expect("bundled data loads");
        let text = "Jane Roe, the minister, was elected President of Colombia. X is the new \
                    minister; Y became the head and will serve as governor. Z was named to the \
                    post of envoy, being appointed as such after she was nominated and \
                    reelected. The talks in Geneva ended on Monday without an agreement.";
        let mut lower = String::new();
        let doc = crate::tag::tag(text, &mut lower, &e.lex);
        let (mut separators, mut turned_away) = (0, 0);
        for c in 0..doc.len() {
            let passes = SEPARATOR_WORDS.may_hold(doc.t.toks[c].hash);
            if separator(&doc, c).is_some() {
                separators += 1;
                assert!(passes, "{:?}", doc.t.surface(c));
            }
            turned_away += usize::from(!passes);
        }
        let len = doc.len();
        assert!(
            separators >= 8 && turned_away * 2 > len,
            "{separators} {turned_away} {len}"
        );
        for w in words::COPULAS
            .into_iter()
            .chain(words::APPOINTMENT_PARTICIPLES)
        {
            assert!(SEPARATOR_WORDS.may_hold(crate::tokens::hash_str(w)), "{w}");
        }
    }
}

//! Role phrases around a person's name: "US Secretary of State", "former Israeli prime
//! minister", "State Department spokesperson", "Minister of Foreign Affairs of Austria",
//! "the EU's foreign policy chief".
//!
//! The parser splits such a phrase into the role text (what `Official.title` reports), the
//! country it names (demonym, country name, "of Ukraine") and the body ("State Department").
//! It must never treat a place or body that only qualifies the role as part of the title,
//! and never decide who holds the role (that is `officials.rs`).

use super::words;
use crate::country::Few;
use crate::gazetteer::{Cc, NO_CC};
use crate::lexicon::{tc, OrgType};
use crate::model::LocationKind;
use crate::scan::{ok, Doc, Seg};
use crate::weak_places;

/// The body a role belongs to: a dictionary organization or a span of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgRef {
    Lex(u32),
    Span(usize, usize),
}

/// A parsed role phrase.
#[derive(Debug, Clone)]
pub struct TitlePhrase {
    /// Token span consumed (modifiers, complements and "of Country" included).
    pub a: usize,
    pub b: usize,
    /// Token ranges whose text forms the title (a few inline: a phrase is parsed at every
    /// role word).
    pub pieces: Few<(usize, usize), 4>,
    pub country: Option<Cc>,
    pub org: Option<OrgRef>,
    /// The body is intergovernmental or a non-state group: no country from it.
    pub igo: bool,
    /// The phrase contains a role that disqualifies (journalist) or belongs to a company.
    pub not_official: bool,
    /// Last head phrase span (for anaphora: "the Secretary").
    pub head: (usize, usize),
    pub has_complement: bool,
    /// Countries listed before a plural role ("his US and Japanese counterparts"), in order
    /// (inline: a phrase is parsed at every demonym and place, most name one country).
    pub countries: Few<Cc, 4>,
    /// The end of a place in the possessive that opens the phrase ("Venezuela's
    /// president"): the state named as an actor, so it stays a place mention.
    pub possessor_end: Option<usize>,
}

impl TitlePhrase {
    /// The tokens the phrase takes from other passes: all of it but a possessive place
    /// that opens it.
    pub fn claimed(&self) -> (usize, usize) {
        (self.possessor_end.map_or(self.a, |e| e.min(self.b)), self.b)
    }

    /// Title text: the pieces joined by single spaces.
    pub fn text(&self, doc: &Doc<'_, '_>) -> String {
        // Adjacent pieces are one run of the text; runs are joined by one space. The runs
        // are measured first so the string is allocated once.
        let runs = || {
            let mut pieces = self.pieces.iter().copied().peekable();
            std::iter::from_fn(move || {
                let (a, mut b) = pieces.next()?;
                while let Some((_, nb)) = pieces.next_if(|&(na, _)| na == b) {
                    b = nb;
                }
                Some(doc.t.span_text(a, b))
            })
        };
        let mut out = String::with_capacity(runs().map(|r| r.len() + 1).sum());
        for run in runs() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(run);
        }
        expand_abbreviations(out)
    }
}

/// Rank and office abbreviations written out, as annotators and readers expect them:
/// "Sen." -> "Senator", "Maj. Gen." -> "Major General".
fn expand_abbreviations(title: String) -> String {
    const FULL: &[(&str, &str)] = &[
        ("Maj. Gen.", "Major General"),
        ("Lt. Gen.", "Lieutenant General"),
        ("Brig. Gen.", "Brigadier General"),
        ("Lt. Col.", "Lieutenant Colonel"),
        ("Vice Adm.", "Vice Admiral"),
        ("Rear Adm.", "Rear Admiral"),
        ("Lt. Gov.", "Lieutenant Governor"),
        ("Gen.", "General"),
        ("Col.", "Colonel"),
        ("Adm.", "Admiral"),
        ("Capt.", "Captain"),
        ("Maj.", "Major"),
        ("Lt.", "Lieutenant"),
        ("Sgt.", "Sergeant"),
        ("Cmdr.", "Commander"),
        ("Cpl.", "Corporal"),
        ("Brig.", "Brigadier"),
        ("Sen.", "Senator"),
        ("Rep.", "Representative"),
        ("Gov.", "Governor"),
        ("Amb.", "Ambassador"),
        ("Pres.", "President"),
    ];
    // Acronym roles: "PM" -> "Prime Minister".
    match title.as_str() {
        "PM" => return "Prime Minister".to_string(),
        "FM" => return "Foreign Minister".to_string(),
        "DPM" => return "Deputy Prime Minister".to_string(),
        _ => {}
    }
    if !title.contains('.') {
        return title;
    }
    let mut out = title;
    for (abbr, full) in FULL {
        // (A title holds one or two of them: the others leave it as it is, unrebuilt.)
        if !out.contains(abbr) {
            continue;
        }
        // Whole words only: "Gen." must not touch "Maj. Gen." once that is replaced.
        let mut res = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(pos) = rest.find(abbr) {
            let before_ok = pos == 0 || rest[..pos].ends_with(' ');
            res.push_str(&rest[..pos]);
            res.push_str(if before_ok { full } else { abbr });
            rest = &rest[pos + abbr.len()..];
        }
        res.push_str(rest);
        out = res;
    }
    out
}

/// Country of a place match when the place is a country or lies in one (for "of Ukraine",
/// "US", "Gaza's"). Returns the best candidate's code by kind then population.
pub fn place_country(doc: &Doc<'_, '_>, entry: u32) -> Option<(Cc, LocationKind)> {
    let e = &doc.lex.entries[entry as usize];
    // A country or territory first (it beats a same-named town), then a place in a country
    // the item names (Kingston, Ontario over Kingston, Jamaica), then kind and population.
    let mut best: Option<(bool, bool, u8, u32, Cc, LocationKind)> = None;
    for &pid in &e.places {
        let p = &doc.lex.places[pid as usize];
        let rank = match p.kind {
            LocationKind::Country => 5,
            LocationKind::Territory => 4,
            LocationKind::Admin => 3,
            LocationKind::City => 2,
            _ => 1,
        };
        let named = doc.named_countries.iter().any(|c| c.0 == p.cc && c.1 > 0.0);
        let state = rank >= 4;
        if best.is_none_or(|b| (state, named, rank, p.pop) > (b.0, b.1, b.2, b.3)) {
            best = Some((state, named, rank, p.pop, p.cc, p.kind));
        }
    }
    best.and_then(|(_, _, _, _, cc, k)| (cc != NO_CC).then_some((cc, k)))
}

/// "Republic of Tajikistan", "United Republic of Tanzania" at `j`: the country and the
/// end of the phrase.
pub fn formal_state(doc: &Doc<'_, '_>, j: usize) -> Option<(Cc, usize)> {
    let n = doc.len();
    // "the Kyrgyz Republic", "the Slovak Republic".
    if let Some(s) = doc.seg_with(j, ok::DEMONYM) {
        if doc.t.is_word(s.b, "republic") || doc.t.is_word(s.b, "kingdom") {
            let cc = doc.entry(&s).demonym.filter(|&c| c != NO_CC)?;
            return Some((cc, s.b + 1));
        }
    }
    let mut k = j;
    while k < n && k < j + 4 && words::formal_style_word(doc.t.lower(k)) {
        k += 1;
    }
    if k == j || !doc.t.is_word(k, "of") {
        return None;
    }
    let s = doc.seg_with(k + 1, ok::PLACE)?;
    match place_country(doc, s.entry)? {
        (cc, LocationKind::Country) => Some((cc, s.b)),
        _ => None,
    }
}

/// The country of the most populous first-level region reading of a place entry.
fn admin_country(doc: &Doc<'_, '_>, entry: u32) -> Option<Cc> {
    doc.lex.entries[entry as usize]
        .places
        .iter()
        .map(|&pid| &doc.lex.places[pid as usize])
        .filter(|p| p.kind == LocationKind::Admin && p.cc != NO_CC)
        .max_by_key(|p| p.pop)
        .map(|p| p.cc)
}

/// The most tokens the role words before the complements may span ("former US Deputy
/// Assistant Secretary" is five). Real roles are far shorter; the bound keeps a hostile
/// run of role words ("Minister Minister Minister ...") from costing its length at every
/// token it covers.
const MAX_ROLE_WORDS: usize = 16;

/// The most roles joined by "and" that one phrase takes ("Deputy Prime Minister and
/// Minister for Defence" is two), for the same reason.
const MAX_CHAINED_ROLES: usize = 4;

/// Parses a role phrase starting at token `i`. `None` unless it contains a role head.
///
/// The steps, in order: the role words ([`Parser::role_words`]: modifiers, heads, the
/// country and body words before the head), the complements after it
/// ([`Parser::complements`]: "of Foreign Affairs", "of Austria", "to the UN"), a second
/// role joined by "and" ([`second_roles`]), and the final checks ([`Parser::finish`]).
pub fn parse(doc: &Doc<'_, '_>, i: usize) -> Option<TitlePhrase> {
    if !may_open(doc, i) || !head_ahead(doc, i) {
        return None;
    }
    parse_opened(doc, i)
}

/// [`parse`] at a token known to pass its first two tests: one that [`may_open`] a phrase
/// with a head ahead of it. The role-first sweep visits only tokens with a head ahead (a
/// [`HeadCursor`] names them) and asks the first test of each: it need not pay twice.
pub fn parse_opened(doc: &Doc<'_, '_>, i: usize) -> Option<TitlePhrase> {
    debug_assert!(may_open(doc, i) && head_ahead(doc, i));
    // The phrase is parsed and checked where it lies, and moved out once (every role
    // phrase is parsed here, and a phrase is large to move).
    let mut first = Parser::new(doc, i);
    if !first.one_role() {
        return None;
    }
    // Most roles stand alone: they need no chain.
    match joined_role(doc, &first.tp).filter(|_| MAX_CHAINED_ROLES > 1) {
        None => {
            first.finish();
            Some(first.tp)
        }
        Some(second) => Some(second_roles(doc, first, second)),
    }
}

/// Can the role-word loop read token `i` as its first word: a role word, a body (curated
/// or a chunk starting there), a demonym or place, a number (a year) or an unknown
/// acronym ([`Parser::role_words`] reads nothing else first). The test costs a few loads
/// where a parse that reads nothing costs a parser's setup, and callers try a parse at
/// every name slot, every role after a comma and every word of a list header.
fn may_open(doc: &Doc<'_, '_>, i: usize) -> bool {
    doc.seg
        .get(i)
        .copied()
        .flatten()
        .is_some_and(|s| s.ok & (ok::TITLE | ok::ORG | ok::DEMONYM | ok::PLACE) != 0)
        || doc.org_chunk_at(i).is_some_and(|(a, _)| a == i)
        || doc
            .t
            .toks
            .get(i)
            .is_some_and(|t| t.kind == crate::tokens::Kind::Num)
        || unknown_acronym(doc, i)
}

/// Is there a role head ([`tc::HEAD`] or [`tc::RANK`]) that the role-word loop could
/// reach from `i`: one starting within [`MAX_ROLE_WORDS`] tokens and before the next line.
/// The loop sets its head only there, so without one the parse finds nothing; most
/// places and demonyms that may open a phrase have no role after them, and this costs a
/// few loads where the loop would resolve their countries first.
fn head_ahead(doc: &Doc<'_, '_>, i: usize) -> bool {
    let end = doc.len().min(i + MAX_ROLE_WORDS);
    (i..end)
        .take_while(|&k| k == i || !doc.t.toks[k].newline_before)
        .any(|k| is_head(doc, k))
}

/// A role head (or grade) starts at `k`: where the role-word loop sets its head.
fn is_head(doc: &Doc<'_, '_>, k: usize) -> bool {
    doc.seg[k]
        .is_some_and(|s| s.ok & ok::TITLE != 0 && doc.entry(&s).title & (tc::HEAD | tc::RANK) != 0)
}

/// [`head_ahead`] for a sweep over ascending tokens: rather than asking at each token, the
/// sweep asks for the next token [`head_ahead`] holds at, and skips the stretches no role
/// phrase can start in (most of a text: roles are few). The next head is a cursor that only
/// moves forward, so each token is read once whatever the sweep asks.
#[derive(Default)]
pub struct HeadCursor {
    /// No head starts from the token last asked about up to this one.
    head: usize,
    /// The head found last, and the first token it is reached from (within
    /// [`MAX_ROLE_WORDS`] before it, on its line).
    reached: Option<(usize, usize)>,
}

impl HeadCursor {
    /// The first token at or after `i` where [`head_ahead`] holds (`doc.len()` if none);
    /// `i` must not be below a token asked about before.
    pub fn next_reaching(&mut self, doc: &Doc<'_, '_>, i: usize) -> usize {
        if let Some((_, from)) = self.reached.filter(|&(h, _)| h >= i) {
            return from.max(i);
        }
        let n = doc.len();
        self.head = self.head.max(i);
        // Only role words can be heads: the others are skipped eight at a time.
        while self.head < n {
            self.head = doc.next_with(self.head, ok::TITLE);
            if self.head >= n || is_head(doc, self.head) {
                break;
            }
            self.head += 1;
        }
        let h = self.head;
        if h >= n {
            return n;
        }
        // The first head is the one to reach: any later one lies past the same breaks.
        let window = (h + 1).saturating_sub(MAX_ROLE_WORDS);
        let from = (window + 1..=h)
            .rev()
            .find(|&k| doc.t.toks[k].newline_before)
            .unwrap_or(window);
        self.reached = Some((h, from));
        from.max(i)
    }
}

/// The role joined to the phrase `last` by "and" ("... and Minister for Defence"), parsed.
fn joined_role<'d, 'a, 'l>(doc: &'d Doc<'a, 'l>, last: &TitlePhrase) -> Option<Parser<'d, 'a, 'l>> {
    let b = last.b;
    let joined =
        doc.t.is_word(b, "and") && b + 1 < doc.len() && doc.seg_with(b + 1, ok::TITLE).is_some();
    if !joined {
        return None;
    }
    let mut next = Parser::new(doc, b + 1);
    next.one_role().then_some(next)
}

/// "Deputy Prime Minister and Minister for Defence Richard Marles": the first role is the
/// title, the span runs to the last. Each role of the chain folds in the ones after it
/// (their span, country, body); walked as a loop so that a long chain of "and"s costs no
/// stack.
fn second_roles<'d, 'a, 'l>(
    doc: &'d Doc<'a, 'l>,
    first: Parser<'d, 'a, 'l>,
    second: Parser<'d, 'a, 'l>,
) -> TitlePhrase {
    let mut chain = vec![first, second];
    while let Some(last) = chain.last().filter(|_| chain.len() < MAX_CHAINED_ROLES) {
        match joined_role(doc, &last.tp) {
            Some(next) => chain.push(next),
            None => break,
        }
    }
    let mut after: Option<TitlePhrase> = None;
    while let Some(mut role) = chain.pop() {
        if let Some(second) = after.take() {
            if second.pieces.iter().all(|&(a, _)| a > role.tp.b) {
                role.tp.b = second.b;
                role.tp.country = role.tp.country.or(second.country);
                role.tp.org = role.tp.org.or(second.org);
                role.tp.igo |= second.igo;
                role.tp.not_official |= second.not_official;
            }
        }
        role.finish();
        after = Some(role.tp);
    }
    // The chain always holds the first role.
    after.unwrap_or_else(|| TitlePhrase::empty(0))
}

/// What one step of the role-word loop decided.
enum Flow {
    /// The step consumed tokens: read on.
    Next,
    /// The phrase ends here.
    Stop,
    /// Not this step's construction: try the next step.
    Pass,
}

impl TitlePhrase {
    fn empty(i: usize) -> Self {
        TitlePhrase {
            a: i,
            b: i,
            pieces: Few::new(),
            country: None,
            org: None,
            igo: false,
            not_official: false,
            head: (i, i),
            has_complement: false,
            countries: Few::new(),
            possessor_end: None,
        }
    }
}

/// The state of one role's parse: the phrase so far and the cursor.
struct Parser<'d, 'a, 'l> {
    doc: &'d Doc<'a, 'l>,
    /// First token of the phrase.
    i: usize,
    /// The cursor.
    k: usize,
    tp: TitlePhrase,
    has_head: bool,
    /// The last role word read was a head (complements attach to a head).
    last_was_head: bool,
    nonoff_role: bool,
}

impl<'d, 'a, 'l> Parser<'d, 'a, 'l> {
    fn new(doc: &'d Doc<'a, 'l>, i: usize) -> Self {
        Parser {
            doc,
            i,
            k: i,
            tp: TitlePhrase::empty(i),
            has_head: false,
            last_was_head: false,
            nonoff_role: false,
        }
    }

    /// Role words, then complements, read into `self.tp`; false without a head.
    fn one_role(&mut self) -> bool {
        self.role_words();
        if !self.has_head {
            return false;
        }
        self.trim_after_head();
        // "Angola's President João Lourenço": before a capitalized title the possessive is
        // the title's modifier, as "Angolan" would be; only "Venezuela's president, X"
        // names the state as the noun phrase's owner.
        if self.doc.t.toks[self.tp.head.0].cap {
            self.tp.possessor_end = None;
        }
        self.complements();
        self.tp.b = self.k.max(self.tp.head.1);
        self.tp.a = self.i;
        true
    }

    /// The checks that need the whole role: staff of private bodies, and the country of
    /// an intergovernmental body's staff.
    fn finish(&mut self) {
        let (doc, tp) = (self.doc, &mut self.tp);
        // "executive director of the National Water Authority": staff of a state or
        // intergovernmental body are officials, whatever their job title.
        if self.nonoff_role && !(tp.igo || public_body(doc, tp.org)) {
            tp.not_official = true;
        }
        if tp.igo {
            let igo_body = matches!(tp.org, Some(OrgRef::Lex(o)) if doc.lex.orgs[o as usize].kind == OrgType::Igo);
            tp.country = tp.country.filter(|_| !igo_body);
        }
    }

    /// The words before and including the head: each step reads one construction at the
    /// cursor or passes, in a fixed order; the first that reads one moves the cursor.
    fn role_words(&mut self) {
        let (doc, n) = (self.doc, self.doc.len());
        while self.k < n && self.k < self.i + MAX_ROLE_WORDS {
            let k = self.k;
            if k > self.i && doc.t.toks[k].newline_before {
                break;
            }
            if self.possessive_role() {
                continue;
            }
            let seg = doc.seg[k];
            // After a head only more role words may follow: "Defense Minister Israel Katz"
            // is a name, not a country.
            if self.has_head && seg.is_none_or(|s| s.ok & ok::TITLE == 0) && !doc.t.is_punct(k, "-")
            {
                break;
            }
            let flow = match self.role_word(seg) {
                Flow::Pass => self.body_before_head(seg),
                other => other,
            };
            match flow {
                Flow::Next => continue,
                Flow::Stop => break,
                Flow::Pass => {}
            }
            let read = self.country_before_head(seg)
                || self.year_in_role()
                || self.acronym_body(seg)
                || self.country_list_joiner()
                || self.hyphen_in_role();
            if !read {
                break;
            }
        }
    }

    /// "the secretary-general's special envoy": the role is the one after "'s".
    fn possessive_role(&mut self) -> bool {
        let (doc, k) = (self.doc, self.k);
        if self.has_head && doc.t.is_word(k, "'s") && doc.seg_with(k + 1, ok::TITLE).is_some() {
            self.tp.pieces.clear();
            self.has_head = false;
            self.last_was_head = false;
            self.k += 1;
            return true;
        }
        false
    }

    /// A role word: private-sector words, grades, heads, modifiers and portfolios.
    fn role_word(&mut self, seg: Option<Seg>) -> Flow {
        let doc = self.doc;
        let Some(s) = seg.filter(|s| s.ok & ok::TITLE != 0) else {
            return Flow::Pass;
        };
        let e = doc.entry(&s);
        if e.title & tc::NONOFF != 0 && e.title & tc::HEAD == 0 {
            self.nonoff_role = true;
            if e.title & tc::MOD != 0 {
                self.tp.pieces.push((s.a, s.b));
            }
            self.k = s.b;
            self.last_was_head = false;
            return Flow::Next;
        }
        // "Police spokesperson Inspector X": a grade after a post opens the holder's name
        // ("Secretary General" stays whole: "general" is also a modifier).
        let grade = e.title & tc::RANK != 0 && e.title & tc::MOD == 0;
        let post_before =
            self.tp.pieces.last().is_some_and(|&(a, _)| {
                doc.seg[a].is_some_and(|p| doc.entry(&p).title & tc::RANK == 0)
            });
        if self.has_head && self.last_was_head && grade && post_before {
            return Flow::Stop;
        }
        if e.title & (tc::HEAD | tc::RANK) != 0 {
            // Lowercase "head"/"general"/"chair" mid-sentence are too often not roles
            // unless something else in the phrase marks a role.
            self.has_head = true;
            self.last_was_head = true;
            self.tp.head = (s.a, s.b);
            self.tp.pieces.push((s.a, s.b));
            self.k = s.b;
            return Flow::Next;
        }
        let before_role = doc
            .seg_with(s.b, ok::TITLE)
            .is_some_and(|n| doc.entry(&n).title & (tc::HEAD | tc::MOD | tc::PORTFOLIO) != 0);
        if e.title & tc::MOD != 0 || (e.title & tc::PORTFOLIO != 0 && before_role) {
            // "the party's floor leader", "the ministry's spokesperson": the body is
            // named by the word before "'s"; the role follows.
            if doc.t.is_word(s.b, "'s") && doc.seg_with(s.b + 1, ok::TITLE).is_some() {
                self.k = s.b + 1;
                self.last_was_head = false;
                return Flow::Next;
            }
            // Don't swallow an org ("Foreign Ministry") as a modifier.
            if doc.org_chunk_at(self.k).is_none() {
                self.tp.pieces.push((s.a, s.b));
                self.k = s.b;
                self.last_was_head = false;
                return Flow::Next;
            }
        }
        if e.title & tc::HON != 0 {
            return Flow::Stop;
        }
        Flow::Pass
    }

    /// A body before the head: a capitalized body's span ("Central Bank"), or a curated
    /// body ("State Department", "EU's").
    fn body_before_head(&mut self, seg: Option<Seg>) -> Flow {
        let (doc, k) = (self.doc, self.k);
        if let Some((a, b)) = doc.org_chunk_at(k).filter(|_| {
            doc.seg_with(k, ok::ORG)
                .is_none_or(|s| s.b < doc.org_chunk_at(k).map_or(0, |c| c.1))
        }) {
            if a == k {
                self.body_span(a, b);
                self.k = b;
                if doc.t.is_word(self.k, "'s") {
                    self.k += 1;
                }
                self.last_was_head = false;
                return Flow::Next;
            }
        }
        let Some(s) = seg.filter(|s| s.ok & ok::ORG != 0) else {
            return Flow::Pass;
        };
        let Some(oid) = doc.entry(&s).org else {
            return Flow::Pass;
        };
        let o = &doc.lex.orgs[oid as usize];
        match o.kind {
            OrgType::Company | OrgType::Media | OrgType::Other => self.tp.not_official = true,
            OrgType::Igo => self.tp.igo = true,
            // A group with no country of its own ("Islamic State"); a party name several
            // countries use ("Democratic Party") just leaves it open.
            OrgType::Armed => {
                if o.cc == NO_CC {
                    self.tp.igo = true;
                }
            }
            OrgType::Party => {}
            OrgType::Gov => {}
        }
        if o.cc != NO_CC && self.tp.country.is_none() {
            self.tp.country = Some(o.cc);
        }
        self.tp.org = Some(OrgRef::Lex(oid));
        self.k = s.b;
        if doc.t.is_word(self.k, "'s") || doc.t.is_punct(self.k, "'") {
            self.k += 1;
        }
        self.last_was_head = false;
        Flow::Next
    }

    /// The body `a..b` named by its span: private or not, and the country its name carries.
    fn body_span(&mut self, a: usize, b: usize) {
        self.tp.org = Some(OrgRef::Span(a, b));
        self.tp.not_official |= private_body(self.doc, a, b);
        if self.tp.country.is_none() {
            self.tp.country = span_country(self.doc, a, b);
        }
    }

    /// A demonym or a place before the head: "Israeli", "US", "Georgia Gov.".
    fn country_before_head(&mut self, seg: Option<Seg>) -> bool {
        let doc = self.doc;
        if let Some(s) = seg.filter(|s| s.ok & ok::DEMONYM != 0) {
            if let Some(cc) = doc.entry(&s).demonym.filter(|&c| c != NO_CC) {
                self.tp.country = Some(cc);
                self.tp.countries.push(cc);
            }
            self.k = s.b;
            self.last_was_head = false;
            return true;
        }
        let Some(s) = seg.filter(|s| s.ok & ok::PLACE != 0) else {
            return false;
        };
        // Construction "a role's place is its jurisdiction": a place before a role's head
        // names the state, region or city the role serves ("Kyiv Mayor", "Georgia Gov.").
        // A word whose only readings are tiny towns ("Climate Change Minister" is no
        // minister of Changé, France), or a common word whose only readings are small
        // places ("Alliance General Secretary"), is too weak to state a role's country on
        // its own; the role's country then comes from the rest of the item (a town's mayor
        // in a local story keeps the story's country).
        if weak_places::tiny_towns_only(doc, s.entry)
            || weak_places::common_word_small_place(doc, s.a, s.b, s.entry)
        {
            return false;
        }
        // "Georgia Gov. Brian Kemp": before a state-level role, a first-level region
        // reading beats a country of the same name.
        let state_role = words::state_level_role_word(doc.t.lower(s.b));
        let region = state_role.then(|| admin_country(doc, s.entry)).flatten();
        let Some((cc, _)) = region
            .map(|cc| (cc, LocationKind::Admin))
            .or_else(|| place_country(doc, s.entry))
        else {
            return false;
        };
        if !self.tp.igo {
            self.tp.country = Some(cc);
            self.tp.countries.push(cc);
        }
        self.k = s.b;
        if doc.t.is_word(self.k, "'s") {
            if s.a == self.i {
                self.tp.possessor_end = Some(s.b);
            }
            self.k += 1;
        }
        self.last_was_head = false;
        true
    }

    /// "the party's 2023 presidential candidate": a year inside the role.
    fn year_in_role(&mut self) -> bool {
        let (doc, k) = (self.doc, self.k);
        let year = !self.has_head
            && k < doc.len()
            && doc.t.toks[k].kind == crate::tokens::Kind::Num
            && doc.t.lower(k).len() == 4
            && doc.t.lower(k).bytes().all(|b| b.is_ascii_digit())
            && doc.seg_with(k + 1, ok::TITLE).is_some();
        if year {
            self.k += 1;
        }
        year
    }

    /// "the DA leader", "ANC spokesperson": an acronym the lexicon lacks, right before a
    /// role word, is the body.
    fn acronym_body(&mut self, seg: Option<Seg>) -> bool {
        let (doc, k) = (self.doc, self.k);
        let acronym = !self.has_head
            && self.tp.org.is_none()
            && seg.is_none()
            && unknown_acronym(doc, k)
            && doc.seg_with(k + 1, ok::TITLE).is_some();
        if acronym {
            self.tp.org = Some(OrgRef::Span(k, k + 1));
            self.k += 1;
        }
        acronym
    }

    /// "US and Japanese counterparts": a list of country modifiers. A comma only inside a
    /// longer list ("US, Japanese and Korean counterparts"): in "In Manila, Philippine
    /// Coast Guard spokesperson" the comma ends a place.
    fn country_list_joiner(&mut self) -> bool {
        let (doc, k) = (self.doc, self.k);
        let listed = doc.seg_with(k + 1, ok::DEMONYM | ok::PLACE);
        let list_goes_on = listed.is_some_and(|s| {
            doc.t.is_word(k, "and") || doc.t.is_word(s.b, "and") || doc.t.is_punct(s.b, ",")
        });
        let joiner = !self.has_head
            && !self.tp.countries.is_empty()
            && (doc.t.is_word(k, "and") || doc.t.is_punct(k, ","))
            && list_goes_on;
        if joiner {
            self.k += 1;
        }
        joiner
    }

    /// "Vice-President" written with a hyphen inside a role.
    fn hyphen_in_role(&mut self) -> bool {
        let (doc, k) = (self.doc, self.k);
        let hyphen = doc.t.is_punct(k, "-")
            && !self.tp.pieces.is_empty()
            && !doc.t.toks[k].space_before
            && k + 1 < doc.len()
            && !doc.t.toks[k + 1].space_before
            && doc.seg_with(k + 1, ok::TITLE).is_some();
        if hyphen {
            self.tp.pieces.push((k, k + 1));
            self.k += 1;
        }
        hyphen
    }

    /// The title ends at its last head ("Foreign Minister", not "Minister Foreign").
    fn trim_after_head(&mut self) {
        while let Some(&(a, _)) = self.tp.pieces.last() {
            if a >= self.tp.head.1 {
                self.tp.pieces.pop();
            } else {
                break;
            }
        }
        if !self.last_was_head {
            self.k = self.k.max(self.tp.head.1);
        }
    }

    /// Complements: "of Foreign Affairs", "for Europe and Foreign Affairs", "of Austria".
    /// Envoys and ambassadors are sent *to* a place: it stays in the title ("envoy for
    /// Yemen") and is not the country they serve. At most three.
    fn complements(&mut self) {
        let (doc, n) = (self.doc, self.doc.len());
        let (ha, hb) = self.tp.head;
        let envoy = (ha..hb).any(|h| words::envoy_head(doc.t.lower(h)));
        let mut guard = 0;
        while self.last_was_head
            && self.k < n
            && (words::complement_connector(doc.t.lower(self.k))
                || (envoy && doc.t.is_word(self.k, "to")))
            && guard < 3
        {
            guard += 1;
            let mut j = self.k + 1;
            if doc.t.is_word(j, "the") {
                j += 1;
            }
            if j >= n || doc.t.toks[j].newline_before {
                break;
            }
            let flow = match self.formal_state_complement(j) {
                Flow::Pass => self.body_complement(j),
                other => other,
            };
            let flow = match flow {
                Flow::Pass => self.place_complement(j, envoy),
                other => other,
            };
            let flow = match flow {
                Flow::Pass => self.curated_body_complement(j, envoy),
                other => other,
            };
            match flow {
                Flow::Next => continue,
                Flow::Stop => break,
                Flow::Pass => {}
            }
            if !self.body_words_complement(j) {
                break;
            }
        }
    }

    /// "Minister of Foreign Affairs of the Republic of Tajikistan": the state's formal
    /// style names the country and ends the role.
    fn formal_state_complement(&mut self, j: usize) -> Flow {
        if !(self.tp.has_complement || self.tp.head.1 == self.k) {
            return Flow::Pass;
        }
        let Some((cc, end)) = formal_state(self.doc, j) else {
            return Flow::Pass;
        };
        if !self.tp.igo {
            self.tp.country = Some(cc);
        }
        self.tp.b = self.tp.b.max(end);
        self.k = end;
        Flow::Stop
    }

    /// A body named in full ("of the Central Bank of Nigeria"): the body, and the country
    /// its name carries.
    fn body_complement(&mut self, j: usize) -> Flow {
        let doc = self.doc;
        if let Some((a, b)) = doc.org_chunk_at(j).filter(|&(a, _)| a == j) {
            if doc.seg_with(j, ok::ORG).is_none_or(|s| s.b < b) {
                self.body_span(a, b);
                self.k = b;
                return Flow::Next;
            }
        }
        Flow::Pass
    }

    /// "of Austria": the country, not part of the title; it stops unless the place begins
    /// a longer capitalized body ("for Europe and Foreign Affairs"). A place reading of a
    /// common word ("of Economy") is not a place. "Minas Gerais": a place word glued to an
    /// unknown capitalized word is part of a longer name the gazetteer lacks. "Chief of
    /// Naval Staff": a role word after the place continues the body too.
    fn place_complement(&mut self, j: usize, envoy: bool) -> Flow {
        let doc = self.doc;
        // "Minister of Forest, Environment and Soil Conservation": a common word whose
        // only readings are small places is a portfolio here, not Forest, Belgium.
        let Some(s) = doc
            .seg_with(j, ok::PLACE)
            .filter(|s| !(s.ok & ok::STOP != 0 && s.b == j + 1))
            .filter(|s| !weak_places::common_word_small_place(doc, s.a, s.b, s.entry))
        else {
            return Flow::Pass;
        };
        // "President of North Macedonia Stevo Pendarovski": a country's name ends the role
        // and the holder's name follows with no comma; only a lesser place glues to the
        // unknown word after it.
        let country = place_country(doc, s.entry)
            .is_some_and(|(_, kind)| matches!(kind, LocationKind::Country));
        let glued = doc.is_cap_word(s.b)
            && (doc.seg[s.b].is_none() || doc.seg_with(s.b, ok::TITLE).is_some())
            && !doc.t.toks[s.b].newline_before
            && !(country && doc.seg[s.b].is_none());
        let continues = glued || (doc.t.is_word(s.b, "and") && doc.is_cap_word(s.b + 1));
        if continues || doc.org_chunk_at(j).is_some() {
            return Flow::Pass;
        }
        let k = self.k;
        if envoy && !doc.t.is_word(k, "of") {
            self.tp.pieces.push((k, s.b));
            self.k = s.b;
            return Flow::Next;
        }
        if let Some((cc, kind)) = place_country(doc, s.entry) {
            if !self.tp.igo
                && (matches!(kind, LocationKind::Country | LocationKind::Territory)
                    || self.tp.country.is_none())
            {
                self.tp.country = Some(cc);
            }
        }
        if doc.t.is_word(s.b, "'s") {
            // "Head of Sudan's ruling Sovereign Council": the body follows.
            let body_start = s.b + 1;
            let (bend, _) = complement_words(doc, body_start);
            if bend > body_start {
                self.tp.pieces.push((k, k + 1));
                self.tp.pieces.push((body_start, bend));
                self.tp.has_complement = true;
                self.k = bend;
            } else {
                self.k = s.b + 1;
            }
            return Flow::Stop;
        }
        self.k = s.b;
        Flow::Next
    }

    /// A curated body after the connector: "US Ambassador to the UN" (sent to the body,
    /// serving the state), "a spokesman for Gazprom" (a company's staff: no official).
    fn curated_body_complement(&mut self, j: usize, envoy: bool) -> Flow {
        let doc = self.doc;
        let Some(s) = doc.seg_with(j, ok::ORG) else {
            return Flow::Pass;
        };
        let Some(oid) = doc.entry(&s).org else {
            return Flow::Pass;
        };
        let o = &doc.lex.orgs[oid as usize];
        if envoy && doc.t.is_word(self.k, "to") {
            self.tp.pieces.push((self.k, s.b));
            self.k = s.b;
            return Flow::Next;
        }
        if o.kind == OrgType::Igo || (o.kind == OrgType::Armed && o.cc == NO_CC) {
            self.tp.igo = true;
        }
        // "director of the Red Cross": a media outlet's or an NGO's staff are not
        // officials either.
        if matches!(o.kind, OrgType::Company | OrgType::Media | OrgType::Other) {
            self.tp.not_official = true;
        }
        if o.cc != NO_CC && self.tp.country.is_none() {
            self.tp.country = Some(o.cc);
        }
        self.tp.org = Some(OrgRef::Lex(oid));
        self.k = s.b;
        Flow::Next
    }

    /// Capitalized or role-word body words: "of Foreign Affairs and Emigrants". False when
    /// there are none (the complement ends).
    fn body_words_complement(&mut self, j: usize) -> bool {
        let (end, _) = complement_words(self.doc, j);
        if end > j {
            self.tp.pieces.push((self.k, end));
            self.tp.has_complement = true;
            self.k = end;
        }
        end > j
    }
}

/// A token written like an acronym ("DA", "NEMA") that the lexicon does not know.
pub fn unknown_acronym(doc: &Doc<'_, '_>, k: usize) -> bool {
    // A word of capitals starts with one: the flag is the cheap test (this runs for every
    // token that might open a role phrase), the surface read after it.
    doc.t.toks.get(k).is_some_and(|t| t.cap) && doc.seg[k].is_none() && {
        let w = doc.t.surface(k);
        (2..=6).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_uppercase())
    }
}

/// A government body: a curated one, or a name ending in a word states use for their
/// bodies ("National Environment Management Authority").
fn public_body(doc: &Doc<'_, '_>, org: Option<OrgRef>) -> bool {
    match org {
        Some(OrgRef::Lex(o)) => {
            matches!(doc.lex.orgs[o as usize].kind, OrgType::Gov | OrgType::Igo)
        }
        Some(OrgRef::Span(a, b)) if b > a => words::public_body_suffix(doc.t.lower(b - 1)),
        _ => false,
    }
}

/// After a comma inside a complement: "Democracy, and Human Rights" / "Culture and Tourism".
fn list_continues(doc: &Doc<'_, '_>, m: usize) -> bool {
    // A comma that ends the text continues nothing ("... the Minister of Health,").
    if m >= doc.len() {
        return false;
    }
    let mut k = m;
    if doc.t.is_word(k, "and") {
        // "..., and Jane Roe as Minister for Education": a name opens the next member.
        return doc.is_cap_word(k + 1) && !name_run_then_comma(doc, k + 1);
    }
    // "Chief of Naval Staff, Vice Admiral X": a rank starts the holder's name, not a body.
    if doc.seg[m].is_some_and(|s| doc.entry(&s).title & tc::RANK != 0) {
        return false;
    }
    // A capitalized word (or phrase) followed by "and", or by "," when its words are role
    // vocabulary or an Oxford "and" follows; never a name ("Gen. Christopher Musa,").
    let mut known = true;
    while k < doc.len() && doc.is_cap_word(k) && k - m < 4 {
        known &= doc.seg[k].is_some_and(|s| s.ok & ok::TITLE != 0);
        k += 1;
    }
    k > m
        && (doc.t.is_word(k, "and")
            || (doc.t.is_punct(k, ",") && (known || doc.t.is_word(k + 1, "and"))))
}

/// "... of the Interior and Rosa Icela Rodríguez, the ...": after "and", two or more
/// unknown capitalized words closed by a comma or the end are a person, not the body.
fn name_run_then_comma(doc: &Doc<'_, '_>, m: usize) -> bool {
    let mut k = m;
    let mut count = 0;
    while k < doc.len() && pure_name_tok(doc, k) && k - m < 6 {
        if doc.is_cap_word(k) {
            count += 1;
        }
        k += 1;
    }
    count >= 2 && (k >= doc.len() || words::closes_name_run(doc.t.lower(k)))
}

/// The country a body's name carries: "Central Bank of Nigeria", "Ukrainian Air Force".
pub fn span_country(doc: &Doc<'_, '_>, a: usize, b: usize) -> Option<Cc> {
    (a..b).find_map(|k| {
        if let Some(s) = doc.seg_with(k, ok::DEMONYM) {
            return doc.entry(&s).demonym.filter(|&c| c != NO_CC);
        }
        let s = doc.seg_with(k, ok::PLACE)?;
        match place_country(doc, s.entry) {
            Some((cc, LocationKind::Country)) => Some(cc),
            _ => None,
        }
    })
}

/// A capitalized body named as a company, outlet or school ("Acme Holdings", "Daily
/// Herald", "Oxford University"): its staff are not officials.
pub fn private_body(doc: &Doc<'_, '_>, a: usize, b: usize) -> bool {
    (a..b).any(|k| words::private_body_word(doc.t.lower(k)))
}

/// Every reading of the place entry is a town or a smaller region (surnames like
/// "Austin", "Sullivan" or "Douglas").
fn only_cities(doc: &Doc<'_, '_>, entry: u32) -> bool {
    doc.lex.entries[entry as usize].places.iter().all(|&p| {
        matches!(
            doc.lex.places[p as usize].kind,
            LocationKind::City | LocationKind::Admin
        ) && doc.lex.places[p as usize].pop < 2_000_000
    })
}

/// A pure name token: capitalized and unknown to the dictionary (or a particle/hyphen piece).
fn pure_name_tok(doc: &Doc<'_, '_>, m: usize) -> bool {
    (doc.is_cap_word(m) && doc.seg[m].is_none() && doc.word(m).is_none())
        || (doc.is_cap_word(m)
            && doc.seg[m]
                .is_some_and(|s| s.ok == ok::PLACE && s.b == m + 1 && only_cities(doc, s.entry)))
        || (doc.t.is_punct(m, "-") && !doc.t.toks[m].space_before)
        || (m > 0
            && doc.t.is_punct(m - 1, "-")
            && !doc.t.toks[m].space_before
            && doc.t.toks[m].kind == crate::tokens::Kind::Word)
        || doc.word(m).is_some_and(|e| e.particle)
}

/// Capitalized or role-word body after "of"/"for": "Foreign Affairs and Emigrants",
/// "the General Staff". Returns the end (exclusive). A trailing run of unknown capitalized
/// words is left out when it reads as the holder's name ("Minister of Economy Sergio Massa").
/// One walk whose branches (place, word, joiner, comma, hyphen) move the same two cursors;
/// a place's is [`past_place_in_complement`].
fn complement_words(doc: &Doc<'_, '_>, j: usize) -> (usize, bool) {
    let n = doc.len();
    let mut m = j;
    let mut end = j;
    while m < n && !doc.t.toks[m].newline_before {
        // Capitalized body words, common ones included ("Republic of Buryatia"), but not
        // demonyms, weekdays or months.
        let capw = doc.is_cap_word(m)
            && doc
                .seg_with(m, ok::DEMONYM)
                .is_none_or(|s| s.ok & ok::TITLE != 0)
            // "May" stays: it is a surname as often as a month inside a body.
            && !(crate::tokens::is_date_word(doc.t.lower(m)) && doc.t.lower(m) != "may");
        let modw = doc
            .seg_with(m, ok::TITLE)
            .is_some_and(|s| doc.entry(&s).title & tc::MOD != 0);
        if let Some(s) = doc
            .seg_with(m, ok::PLACE)
            .filter(|s| !(s.ok & ok::STOP != 0 && s.b == m + 1))
            .filter(|s| !weak_places::common_word_small_place(doc, s.a, s.b, s.entry))
        {
            match past_place_in_complement(doc, j, m, s) {
                Some(next) => {
                    m = next;
                    end = m;
                    continue;
                }
                None => break,
            }
        }
        if capw || modw {
            m = doc.seg[m].map_or(m + 1, |s| s.b.max(m + 1));
            end = m;
        } else if words::body_joiner(doc.t.lower(m))
            && m + 1 < n
            && (doc.is_cap_word(m + 1)
                || doc.seg_with(m + 1, ok::TITLE).is_some()
                // "for International Development and the Pacific"
                || (doc.t.is_word(m, "and") && doc.t.is_word(m + 1, "the") && doc.is_cap_word(m + 2)))
            && !(doc.t.is_word(m, "and") && name_run_then_comma(doc, m + 1))
        {
            // "Minister of Economy Ivan Sokolov and Head of ...": a name before "and" ends
            // the body there.
            if doc.t.is_word(m, "and") {
                if let Some(c) = trailing_name(doc, j, end) {
                    return (c, true);
                }
            }
            m += 1;
        } else if doc.t.is_punct(m, ",") && end > j && list_continues(doc, m + 1) {
            // "President of the Parliament Ruci, Prime Minister Rama": a lone surname
            // before the comma ends the body, which does not run on into the next role.
            if let Some(c) = lone_surname(doc, j, m) {
                return (c, true);
            }
            // "for Civilian Security, Democracy, and Human Rights"
            m += 1;
        } else if doc.t.is_punct(m, "-")
            && !doc.t.toks[m].space_before
            && m + 1 < n
            && !doc.t.toks[m + 1].space_before
        {
            m += 1;
        } else {
            break;
        }
    }
    match trailing_name(doc, j, end) {
        Some(c) => (c, true),
        None => (end, false),
    }
}

/// The place `s` at token `m` inside the complement that starts at `j`: the token the
/// complement goes on from, or `None` when the place ends it. A place stays inside only
/// when more body words follow it (glued, or after "and"); a city-named surname right
/// after an unknown capitalized word continues a name ("Lloyd Austin").
fn past_place_in_complement(doc: &Doc<'_, '_>, j: usize, m: usize, s: Seg) -> Option<usize> {
    let surname = m > j
        && s.b == m + 1
        && only_cities(doc, s.entry)
        && doc.is_cap_word(m - 1)
        && doc.seg[m - 1].is_none();
    if surname {
        return Some(m + 1);
    }
    let glued = doc.is_cap_word(s.b)
        && (doc.seg[s.b].is_none() || doc.seg_with(s.b, ok::TITLE).is_some())
        && !doc.t.toks[s.b].newline_before;
    let more = glued || (doc.t.is_word(s.b, "and") && doc.is_cap_word(s.b + 1));
    more.then_some(s.b)
}

/// Start of a trailing name in the body `j..end`: two or more unknown capitalized words not
/// introduced by a connector ("Minister of Economy Sergio Massa", not "Foreign Affairs and
/// Emigrants"). The first (leftmost) start that qualifies.
///
/// A start needs every token after it to be a pure name token and at most four capitalized
/// words after it, so only a short tail of the body is read, from the right (the body can
/// be long and this runs at each "and" of it).
fn trailing_name(doc: &Doc<'_, '_>, j: usize, end: usize) -> Option<usize> {
    if doc.t.is_word(end, "of") {
        return None;
    }
    let mut found = None;
    let mut caps = 0;
    for c in (j + 1..end).rev() {
        if !pure_name_tok(doc, c) {
            break;
        }
        caps += usize::from(doc.is_cap_word(c));
        if caps > 4 {
            break;
        }
        let after_conn = words::body_connector(doc.t.lower(c - 1));
        // Not inside a known phrase ("Human Rights"): a name starts after it.
        let inside = (c.saturating_sub(4)..c).any(|x| doc.seg[x].is_some_and(|s| s.b > c));
        if after_conn || inside || !doc.is_cap_word(c) {
            continue;
        }
        let before_known =
            doc.seg[c - 1].is_some() || doc.word(c - 1).is_some() || !doc.is_cap_word(c - 1);
        if caps == 2 || ((2..=4).contains(&caps) && before_known) {
            found = Some(c);
        }
    }
    found.or_else(|| lone_surname(doc, j, end))
}

/// "President of the Parliament Xhaferi, Prime Minister Rama": one word after a body or
/// portfolio word, closing the phrase before a comma or a full stop, that neither the lexicon nor
/// the common English words know, is the holder's surname, as lists of office-holders
/// write them.
fn lone_surname(doc: &Doc<'_, '_>, j: usize, end: usize) -> Option<usize> {
    let c = end.checked_sub(1).filter(|&c| c > j)?;
    let closed = doc.t.is_punct(end, ",") || doc.t.is_punct(end, ".");
    // A body or portfolio word: not "North" of "MP for North Tongu".
    let known_before =
        doc.seg[c - 1].is_some_and(|s| s.ok & (ok::TITLE | ok::ORG | ok::ORG_HEAD) != 0);
    let word = doc.is_cap_word(c)
        && doc.seg[c].is_none()
        && doc.word(c).is_none()
        && !doc.lex.common.contains(&doc.t.toks[c].hash)
        && !doc.t.toks[c].upper;
    (closed && known_before && word && doc.is_cap_word(c - 1)).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`head_ahead`] only skips parses that would find nothing: at every token of
    /// sentences with places, demonyms, bodies and roles near and far (and across a line
    /// break), the role-word loop finds no head where the test says none is ahead, and
    /// the test says so somewhere.
    #[test]
    fn head_ahead_skips_only_headless_parses() {
        let e = crate::Enricher::new().expect("bundled data loads");
        let texts = [
            "Israel said on Monday that the Israeli Defense Minister Yoav Gallant would visit.",
            "US and Japanese counterparts, the Kenyan 2023 presidential candidate and the DA leader.",
            "Officials in Gaza and the West Bank met the State Department spokesperson.\nMinister",
            "The EU's foreign policy chief spoke to France, Germany and the United Nations.",
        ];
        let mut skipped = 0;
        for text in texts {
            let mut lower = String::new();
            let doc = crate::tag::tag(text, &mut lower, &e.lex);
            for i in 0..doc.len() {
                if !head_ahead(&doc, i) {
                    skipped += 1;
                    assert!(!Parser::new(&doc, i).one_role(), "{text:?} at {i}");
                }
            }
        }
        assert!(skipped > 0);
    }

    /// A place inside a complement: body words glued after it carry the complement on
    /// past it, a city-named surname after an unknown word carries it one token on, and a
    /// lowercase word after the place ends it.
    #[test]
    fn past_place_in_complement_reads_what_follows_the_place() {
        let e = crate::Enricher::new().expect("bundled data loads");
        // The expected answer from the place's token and the token after the place.
        type Expected = fn(usize, usize) -> Option<usize>;
        let cases: [(&str, &str, Expected); 3] = [
            (
                "the Minister of Lagos State Affairs said",
                "Lagos",
                |_, b| Some(b),
            ),
            (
                "the Minister of Defence Lloyd Austin said",
                "Austin",
                |m, _| Some(m + 1),
            ),
            ("the Governor of Lagos said on Monday", "Lagos", |_, _| None),
        ];
        for (text, place, expected) in cases {
            let mut lower = String::new();
            let doc = crate::tag::tag(text, &mut lower, &e.lex);
            let j = (0..doc.len())
                .find(|&k| doc.t.is_word(k, "of"))
                .expect("of")
                + 1;
            let m = (0..doc.len())
                .find(|&k| doc.t.surface(k) == place)
                .expect("place");
            let s = doc.seg_with(m, ok::PLACE).expect("a place");
            let got = past_place_in_complement(&doc, j, m, s);
            assert_eq!(got, expected(m, s.b), "{text:?}");
        }
    }

    /// The cursor names the next token where [`head_ahead`] holds, asked at every token
    /// and as a sweep that jumps there, on text with heads near, far, and across line
    /// breaks.
    #[test]
    fn head_cursor_agrees_with_head_ahead() {
        let e = crate::Enricher::new().expect("bundled data loads");
        let text = "Israel said the minister would go. In Gaza, a b c d e f g h i j k l m n o p \
                    q r s t President Joe Biden met\nthe Mayor of Kyiv and UN chief.\nUS\n\nminister";
        let mut lower = String::new();
        let doc = crate::tag::tag(text, &mut lower, &e.lex);
        let n = doc.len();
        let expected = |i: usize| (i..n).find(|&j| head_ahead(&doc, j)).unwrap_or(n);
        let mut cursor = HeadCursor::default();
        let mut answers = [0, 0];
        for i in 0..n {
            let next = cursor.next_reaching(&doc, i);
            assert_eq!(next, expected(i), "at {i}");
            answers[usize::from(next == i)] += 1;
        }
        assert!(answers[0] > 0 && answers[1] > 0, "{answers:?}");
        for step in [1, 2, 3] {
            let (mut cursor, mut i, mut visited) = (HeadCursor::default(), 0, 0);
            while i < n {
                i = cursor.next_reaching(&doc, i);
                assert_eq!(i, expected(i), "step {step}");
                visited += 1;
                i += step;
            }
            assert!(visited > 1);
        }
    }
}

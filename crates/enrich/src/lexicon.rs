//! The phrase dictionary: every multi-word surface the extractor knows (place names and
//! aliases, role words, organization names, demonyms, stop words) compiled into one hash map
//! keyed by the phrase hash of its tokens, plus prefix markers so a longest-match scan can
//! stop as soon as no longer phrase can match.
//!
//! It must never hold per-document state, and lookups must never allocate.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::gazetteer::{self, data_lines, fields, parse_cc, Cc, Place, NO_CC};
use crate::model::{DataError, LocationKind};
use crate::phrases::{bits_of, PhraseTable};
use crate::tokens::{phrase_step, token_hashes, Scratch, PHRASE_SEED};

/// Size of the first-token filter in bits.
pub const FIRST_BITS: usize = 1 << 21;

/// Bit index of a token hash in the first-token filter.
#[inline]
pub fn first_bit(h: u64) -> usize {
    (h >> 43) as usize & (FIRST_BITS - 1)
}

/// Keys are already well-mixed 64-bit hashes: hash them by identity.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;
/// A set of token or phrase hashes (already well mixed: no rehashing).
pub type IdSet = std::collections::HashSet<u64, BuildHasherDefault<IdHasher>>;

/// Role-word classes (see data/curated/titles.tsv).
pub mod tc {
    pub const HEAD: u8 = 1;
    pub const MOD: u8 = 2;
    pub const RANK: u8 = 4;
    pub const HON: u8 = 8;
    pub const NONOFF: u8 = 16;
    /// A ministry's field ("investment"): a modifier only right before a role word.
    pub const PORTFOLIO: u8 = 32;
}

/// Organization kinds (data/curated/organizations.tsv).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgType {
    Gov,
    Igo,
    Party,
    Armed,
    Media,
    Company,
    Other,
}

#[derive(Debug, Clone)]
pub struct OrgInfo {
    pub name: Box<str>,
    pub cc: Cc,
    pub kind: OrgType,
}

/// What one phrase means. Several meanings can share a phrase ("White House" is a place and
/// an organization; "chief" is a role head and a modifier).
#[derive(Debug, Default, Clone)]
pub struct Entry {
    /// The phrase is a complete key (not only a prefix of a longer one).
    pub complete: bool,
    /// A longer key starts with this phrase.
    pub prefix: bool,
    pub places: Vec<u32>,
    /// Every place surface registered under this key was an all-capitals acronym ("US"):
    /// the text must then write it in capitals too.
    pub place_acro: bool,
    pub title: u8,
    pub org: Option<u32>,
    pub org_acro: bool,
    pub demonym: Option<Cc>,
    pub org_head: bool,
    pub stop: bool,
    pub particle: bool,
    /// Ends a place name and gives its kind ("Hospital", "Prefecture").
    pub place_suffix: Option<LocationKind>,
    /// Ends an event or agreement name ("Summit"): shields places, is not an organization.
    pub event_head: bool,
    /// What naming this phrase as a place says about the item's country, whichever of its
    /// places is meant: settled once at load ([`Lexicon::settle_place_readings`]) because
    /// [`crate::scan::item_countries`] asks it of every place in every item, and an
    /// ambiguous name has dozens of places scattered over the place table.
    pub places_country: PlacesCountry,
    /// Every place is a tiny town ([`crate::weak_places::is_tiny_town`]), settled at load
    /// with `places_country`: the officials pass asks it of every place before a role, and
    /// reading the places themselves is a cache miss per place.
    pub tiny_towns_only: bool,
    /// Every place is a small town or region ([`crate::weak_places::is_small_place`]),
    /// settled at load for the same reason.
    pub small_places_only: bool,
}

/// The country a place name gives the item's context before its sense is chosen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PlacesCountry {
    /// No places, or places in several countries and none of them a country.
    #[default]
    None,
    /// One of the places is a country (the first such): the name names a country.
    Country(Cc),
    /// A single place, not a country.
    OnlyPlace(Cc),
    /// Several places, all in this one country.
    OneCountry(Cc),
}

/// Compiled dictionary.
#[derive(Debug)]
pub struct Lexicon {
    /// Phrase hash -> entry number while loading; emptied once [`Lexicon::phrases`] is
    /// built from it.
    map: IdMap<u32>,
    /// Phrase hash -> entry number and meanings: what the tag stage probes.
    pub phrases: PhraseTable,
    pub entries: Vec<Entry>,
    pub places: Vec<Place>,
    pub orgs: Vec<OrgInfo>,
    pub max_len: usize,
    /// One bit per (hash of) first token of any key: most text tokens start no phrase, and
    /// this 256 KiB filter answers that without touching the big map. (A fixed size: every
    /// [`first_bit`] is in it without a bounds test.)
    pub first_bits: Box<[u64; FIRST_BITS / 64]>,
    /// Role phrases used by one country only ("taoiseach" -> IE), lowercase.
    pub title_countries: Vec<(Box<str>, Cc)>,
    /// Villages and towns the gazetteer lacks (see `gazetteer::SmallTier`); their places
    /// follow the gazetteer's in `places`.
    pub small: gazetteer::SmallTier,
    /// Well-known office holders by folded name ("vladimir putin", "putin") -> the state
    /// they serve (`NO_CC` for intergovernmental officials). Fx hashing: the officials
    /// pass asks at every person it settles, and SipHash over the folded name was most of
    /// a lookup.
    pub known_officials: rustc_hash::FxHashMap<String, Cc>,
    /// [`last_word_key`]s of the last words of the names in `known_officials`: the last
    /// word of a name found there is one of them, whether the whole name or the surname
    /// is listed, so a name ending in none of them is no known official.
    known_last_words: rustc_hash::FxHashSet<u64>,
    /// Hashes of common English words (`data/common_words.txt`): a capitalized run made
    /// only of them ("Formula One", "Marketing") is no unlisted place name.
    pub common: IdSet,
    /// [`Lexicon::country_of`] for the codes of two capitals, indexed by [`cc_slot`]:
    /// the first country-kind place with that code, `u32::MAX` for none.
    country_index: Vec<u32>,
    /// The same for any other code (`NO_CC`...): (code, first country-kind place).
    country_other: Vec<(Cc, u32)>,
    /// The tokenizer's buffers while the data loads (empty afterwards).
    scratch: Scratch,
}

/// The slot of a code of two capital letters in `Lexicon::country_index`.
#[inline]
fn cc_slot(cc: Cc) -> Option<usize> {
    let [a, b] = cc;
    (a.is_ascii_uppercase() && b.is_ascii_uppercase())
        .then(|| usize::from(a - b'A') * 26 + usize::from(b - b'A'))
}

static DEMONYMS: &str = include_str!("../../../data/curated/demonyms.tsv");
static TITLES: &str = include_str!("../../../data/curated/titles.tsv");
static ORGS: &str = include_str!("../../../data/curated/organizations.tsv");
static ORG_HEADS: &str = include_str!("../../../data/curated/org_heads.txt");
static PLACE_SUFFIXES: &str = include_str!("../../../data/curated/place_suffixes.tsv");
static EVENT_HEADS: &str = include_str!("../../../data/curated/event_heads.txt");
static TITLE_COUNTRIES: &str = include_str!("../../../data/curated/title_countries.tsv");
static KNOWN_OFFICIALS: &str = include_str!("../../../data/curated/known_officials.tsv");
static STOPWORDS: &str = include_str!("../../../data/curated/stopwords.txt");
static COMMON_WORDS: &str = include_str!("../../../data/common_words.txt");

/// The first two tab-separated fields of a curated data line, or an error naming the
/// file, the line and the layout it should have had.
fn two_fields<'a>(
    line: &'a str,
    file: &'static str,
    ln: usize,
    expected: &str,
) -> Result<(&'a str, &'a str), DataError> {
    let mut f = fields(line);
    match (f.next(), f.next()) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(DataError::Malformed {
            file,
            line: ln,
            reason: expected.into(),
        }),
    }
}

fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && s.chars()
            .all(|c| c.is_uppercase() || c == '.' || c.is_ascii_digit())
}

/// A person's name reduced for lookup: lowercase, without accents, dots, hyphens or
/// one-letter initials ("Jean-Noël Barrot" -> "jean noel barrot", "Donald J. Trump" ->
/// "donald trump").
pub fn fold_name(name: &str) -> String {
    if name.is_ascii() {
        let mut buf = vec![0u8; name.len()];
        return fold_ascii_name(name, &mut buf).unwrap_or("").to_string();
    }
    fold_unicode_name(name)
}

/// [`fold_name`] of an ASCII name, written into `buf` (most names: no accents to strip,
/// and ASCII case folding is Unicode's). `None` when the name is not ASCII or longer than
/// `buf`. Looking up a known official folds every official's name, so this allocates
/// nothing.
fn fold_ascii_name<'b>(name: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    if !name.is_ascii() || name.len() > buf.len() {
        return None;
    }
    // One pass over the bytes: each word is written lowercased after one space, and taken
    // back when it ends one byte long. Two kept words are apart by at least one byte in
    // the name, so the folded name is never longer than the name.
    let (mut n, mut word_start, mut word_len) = (0, 0, 0);
    for &b in name.as_bytes() {
        if b.is_ascii_alphanumeric() {
            if word_len == 0 {
                word_start = n;
                if n > 0 {
                    buf[n] = b' ';
                    n += 1;
                }
            }
            buf[n] = b.to_ascii_lowercase();
            n += 1;
            word_len += 1;
        } else {
            if word_len == 1 {
                n = word_start;
            }
            word_len = 0;
        }
    }
    if word_len == 1 {
        n = word_start;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// The key of a folded name's last word (its bytes, lowercase) in the known officials'
/// last words.
fn last_word_key(word: impl Iterator<Item = u8>) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    for b in word {
        h.write_u8(b);
    }
    h.finish()
}

/// The last word [`fold_ascii_name`] keeps of an ASCII name, in the name's case: its last
/// run of letters and digits longer than one byte, "" when there is none.
fn ascii_last_word(name: &[u8]) -> &[u8] {
    let mut end = name.len();
    loop {
        while end > 0 && !name[end - 1].is_ascii_alphanumeric() {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && name[start - 1].is_ascii_alphanumeric() {
            start -= 1;
        }
        // (At the name's start `start == end`: no word is left.)
        if end - start != 1 {
            return &name[start..end];
        }
        end = start;
    }
}

/// [`fold_name`] of any name: accents stripped by decomposition.
fn fold_unicode_name(name: &str) -> String {
    if name.chars().all(|c| c < LATIN_END) {
        fold_latin_name(name)
    } else {
        fold_decomposed_name(name)
    }
}

/// [`fold_unicode_name`] by the whole name's canonical decomposition, then lowercasing.
fn fold_decomposed_name(name: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let plain: String = name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .to_lowercase();
    plain
        .split_whitespace()
        .filter(|w| w.chars().count() > 1)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The end of the Latin blocks (Latin-1 Supplement, Extended-A and -B) that most accented
/// names are written in. No char below it is reordered by canonical decomposition (their
/// decompositions are a letter then combining marks, which the fold drops) nor
/// lowercased by its context (only the Greek capital sigma is).
const LATIN_END: char = '\u{250}';

/// [`fold_unicode_name`] of a name written in chars below [`LATIN_END`], char by char into
/// one string: what the whole-string decomposition and lowercasing give there, without
/// their buffers (a known official is looked up for every person the title gives no state).
fn fold_latin_name(name: &str) -> String {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    // A word of one char is taken back (with the space before it) when it ends.
    fn end_word(out: &mut String, word_chars: &mut usize, word_start: usize) {
        if *word_chars == 1 {
            out.truncate(word_start);
        }
        *word_chars = 0;
    }
    let mut out = String::with_capacity(name.len());
    // Where the current word (with the space before it) starts in `out`, and its chars.
    let (mut word_start, mut word_chars) = (0, 0);
    for c in name.chars() {
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            if !d.is_alphanumeric() {
                end_word(&mut out, &mut word_chars, word_start);
                return;
            }
            if word_chars == 0 {
                word_start = out.len();
                if !out.is_empty() {
                    out.push(' ');
                }
            }
            for l in d.to_lowercase() {
                out.push(l);
                word_chars += 1;
            }
        });
    }
    end_word(&mut out, &mut word_chars, word_start);
    out
}

/// A role-word class of `data/curated/titles.tsv` as its `tc` bit; `None` for an unknown
/// class (a data error).
fn title_class(class: &str) -> Option<u8> {
    Some(match class {
        "head" => tc::HEAD,
        "mod" => tc::MOD,
        "rank" => tc::RANK,
        "hon" => tc::HON,
        "nonoff" => tc::NONOFF,
        "portfolio" => tc::PORTFOLIO,
        _ => return None,
    })
}

/// An organization kind of `data/curated/organizations.tsv`; anything unlisted is `Other`.
fn org_type(kind: &str) -> OrgType {
    match kind {
        "gov" => OrgType::Gov,
        "igo" => OrgType::Igo,
        "party" => OrgType::Party,
        "armed" => OrgType::Armed,
        "media" => OrgType::Media,
        "company" => OrgType::Company,
        _ => OrgType::Other,
    }
}

/// A place kind of `data/curated/place_suffixes.tsv`; `None` for an unknown kind (a data
/// error).
fn suffix_kind(kind: &str) -> Option<LocationKind> {
    Some(match kind {
        "facility" => LocationKind::Facility,
        "geo" => LocationKind::Geo,
        "admin" => LocationKind::Admin,
        "city" => LocationKind::City,
        _ => return None,
    })
}

/// The gazetteer place a small-tier line names (see `gazetteer::Resolve`), looked up in
/// the phrase map as the gazetteer filled it: a region by name and kind, a town by name,
/// kind and nearest coordinates (within 0.05 degrees).
fn resolve_small(
    map: &IdMap<u32>,
    entries: &[Entry],
    places: &[Place],
    cc: Cc,
    what: gazetteer::Resolve,
    scratch: &mut Scratch,
) -> Option<u32> {
    let (name, want, at) = match what {
        gazetteer::Resolve::Region(r) => (r, LocationKind::Admin, None),
        gazetteer::Resolve::Town(t, lat, lon) => (t, LocationKind::City, Some((lat, lon))),
    };
    let (h, _) = gazetteer::phrase_hash(name, scratch);
    let e = &entries[*map.get(&h)? as usize];
    let far = |p: u32| {
        let p = &places[p as usize];
        at.map_or(0.0, |(lat, lon)| (p.lat - lat).abs() + (p.lon - lon).abs())
    };
    e.places
        .iter()
        .copied()
        .filter(|&p| places[p as usize].cc == cc && places[p as usize].kind == want)
        .filter(|&p| far(p) < 0.05)
        .min_by(|&x, &y| far(x).total_cmp(&far(y)))
}

impl Lexicon {
    /// The state a well-known office holder serves, by full name or, for a name the list
    /// gives alone ("Putin"), by surname. `Some(NO_CC)` is an intergovernmental official.
    pub fn known_official(&self, name: &str) -> Option<Cc> {
        // Most people are no known official: an ASCII name is turned away by its last
        // word, before the whole name is folded (this runs for every official).
        if name.is_ascii() {
            let last = ascii_last_word(name.as_bytes());
            let key = last_word_key(last.iter().map(u8::to_ascii_lowercase));
            if !self.known_last_words.contains(&key) {
                return None;
            }
        }
        // Folded on the stack when it can be.
        let mut buf = [0u8; 96];
        let owned;
        let folded = match fold_ascii_name(name, &mut buf) {
            Some(f) => f,
            None => {
                owned = fold_name(name);
                owned.as_str()
            }
        };
        if let Some(&cc) = self.known_officials.get(folded) {
            return Some(cc);
        }
        let last = folded.rsplit(' ').next()?;
        if last.len() == folded.len() {
            return None;
        }
        self.known_officials.get(last).copied()
    }

    /// Registers `surface` and returns its entry, creating prefix markers on the way.
    fn add(&mut self, surface: &str) -> Option<&mut Entry> {
        let hashes = token_hashes(surface, &mut self.scratch);
        let (Some(&first), n) = (hashes.first(), hashes.len()) else {
            return None;
        };
        if n > 12 {
            return None;
        }
        let mut h = PHRASE_SEED;
        let fb = first_bit(first);
        self.first_bits[fb / 64] |= 1 << (fb % 64);
        for (i, &th) in hashes.iter().enumerate() {
            h = phrase_step(h, th);
            let next = self.entries.len() as u32;
            let idx = *self.map.entry(h).or_insert(next);
            if idx == next {
                self.entries.push(Entry::default());
            }
            if i + 1 < n {
                self.entries[idx as usize].prefix = true;
            } else {
                self.max_len = self.max_len.max(n);
                let e = &mut self.entries[idx as usize];
                e.complete = true;
                return Some(e);
            }
        }
        None
    }

    /// Loads every embedded data file.
    ///
    /// The order is part of the output: entries are numbered as they are first added, and
    /// where two files give a phrase the same field, the first one wins (an organization
    /// named twice keeps its first id). Keep the steps in this order.
    pub fn load() -> Result<Self, DataError> {
        let mut lex = Lexicon::empty();
        lex.load_places()?;
        lex.load_small_tier()?;
        lex.load_demonyms()?;
        lex.load_titles()?;
        lex.load_organizations()?;
        lex.load_org_heads();
        lex.load_place_suffixes()?;
        lex.load_event_heads();
        lex.load_title_countries()?;
        lex.load_known_officials()?;
        lex.load_common_words();
        lex.load_stopwords();
        lex.load_particles();
        lex.entries.shrink_to_fit();
        lex.index_countries();
        lex.settle_place_readings();
        lex.phrases = PhraseTable::build(lex.map.iter().map(|(&h, &i)| {
            let bits = lex.entries.get(i as usize).map_or(0, bits_of);
            (h, i, bits)
        }));
        lex.map = IdMap::default();
        lex.scratch = Scratch::default();
        Ok(lex)
    }

    /// An empty dictionary sized for the bundled data, so that loading never rehashes
    /// the big map (reallocation was a visible part of start-up).
    fn empty() -> Self {
        let mut lex = Lexicon {
            map: IdMap::default(),
            phrases: PhraseTable::default(),
            entries: Vec::with_capacity(200_000),
            places: Vec::new(),
            orgs: Vec::new(),
            max_len: 1,
            first_bits: Box::new([0; FIRST_BITS / 64]),
            title_countries: Vec::new(),
            small: Default::default(),
            known_officials: rustc_hash::FxHashMap::default(),
            known_last_words: rustc_hash::FxHashSet::default(),
            common: Default::default(),
            country_index: Vec::new(),
            country_other: Vec::new(),
            scratch: Scratch::default(),
        };
        lex.map.reserve(200_000);
        lex
    }

    /// The gazetteer's places, and every name and alias of theirs as a phrase. Aliases are
    /// gathered first because the gazetteer parser owns `places` while it runs.
    fn load_places(&mut self) -> Result<(), DataError> {
        let mut aliases: Vec<(u32, &'static str)> = Vec::with_capacity(150_000);
        self.places = gazetteer::load(|id, s| aliases.push((id, s)))?;
        for (id, s) in aliases {
            let acro = is_acronym(s);
            if let Some(e) = self.add(s) {
                // "US" must be written in capitals only if every place under it is an
                // acronym: one spelled-out name lifts the requirement.
                if e.places.is_empty() {
                    e.place_acro = acro;
                } else {
                    e.place_acro &= acro;
                }
                if !e.places.contains(&id) {
                    e.places.push(id);
                }
            }
        }
        Ok(())
    }

    /// The small tier names gazetteer places: its groups' regions, and the towns whose
    /// other spellings it lists. It must come right after the gazetteer, which it resolves
    /// against, and before any other file adds phrases.
    fn load_small_tier(&mut self) -> Result<(), DataError> {
        let (map, entries, scratch) = (&self.map, &self.entries, &mut self.scratch);
        self.small = gazetteer::SmallTier::load(&mut self.places, |places, cc, what| {
            resolve_small(map, entries, places, cc, what, scratch)
        })?;
        Ok(())
    }

    /// `data/curated/demonyms.tsv`: "Israeli" -> IL, and the plural that names the people
    /// ("Israelis").
    fn load_demonyms(&mut self) -> Result<(), DataError> {
        for (ln, line) in data_lines(DEMONYMS) {
            let (d, cc) = two_fields(
                line,
                "data/curated/demonyms.tsv",
                ln,
                "expected demonym<TAB>cc",
            )?;
            let cc = parse_cc(cc.trim());
            if let Some(e) = self.add(d) {
                e.demonym = Some(cc);
            }
            // Plural forms name the people: "Palestinians", "Israelis".
            if !d.ends_with('s') && !d.ends_with("ese") && !d.ends_with("ish") && !d.ends_with("ch")
            {
                if let Some(e) = self.add(&format!("{d}s")) {
                    e.demonym = Some(cc);
                }
            }
        }
        Ok(())
    }

    /// `data/curated/titles.tsv`: role words by class (`tc`), and the plural of one-word
    /// heads ("ministers", "chairmen") so a role phrase about several people reads too.
    fn load_titles(&mut self) -> Result<(), DataError> {
        for (ln, line) in data_lines(TITLES) {
            let (p, class) = two_fields(
                line,
                "data/curated/titles.tsv",
                ln,
                "expected phrase<TAB>class",
            )?;
            let bit = title_class(class.trim()).ok_or_else(|| DataError::Malformed {
                file: "data/curated/titles.tsv",
                line: ln,
                reason: format!("unknown class {class}"),
            })?;
            if let Some(e) = self.add(p) {
                e.title |= bit;
            }
            // Plural heads: "ministers", "ambassadors".
            if bit == tc::HEAD && !p.contains(' ') && !p.ends_with('s') && !p.ends_with('.') {
                let plural = match p.strip_suffix("man") {
                    Some(stem) => format!("{stem}men"),
                    None => format!("{p}s"),
                };
                if let Some(e) = self.add(&plural) {
                    e.title |= tc::HEAD;
                }
            }
        }
        Ok(())
    }

    /// `data/curated/organizations.tsv`: name, state, kind and `|`-separated aliases. A
    /// surface two bodies share keeps the first body listed.
    fn load_organizations(&mut self) -> Result<(), DataError> {
        for (ln, line) in data_lines(ORGS) {
            let f: Vec<&str> = fields(line).collect();
            if f.len() < 3 {
                return Err(DataError::Malformed {
                    file: "data/curated/organizations.tsv",
                    line: ln,
                    reason: "expected name<TAB>cc<TAB>type".into(),
                });
            }
            let id = self.orgs.len() as u32;
            let cc = if f[1] == "-" { NO_CC } else { parse_cc(f[1]) };
            self.orgs.push(OrgInfo {
                name: f[0].into(),
                cc,
                kind: org_type(f[2].trim()),
            });
            let mut surfaces = vec![f[0]];
            if let Some(a) = f.get(3) {
                surfaces.extend(a.split('|').filter(|s| !s.is_empty()));
            }
            for s in surfaces {
                let acro = is_acronym(s);
                if let Some(e) = self.add(s) {
                    if e.org.is_none() {
                        e.org = Some(id);
                        e.org_acro = acro;
                    }
                }
            }
        }
        Ok(())
    }

    /// `data/curated/org_heads.txt`: words that make a capitalized run a body ("Ministry",
    /// "Bank").
    fn load_org_heads(&mut self) {
        for (_, line) in data_lines(ORG_HEADS) {
            if let Some(e) = self.add(line.trim()) {
                e.org_head = true;
            }
        }
    }

    /// `data/curated/place_suffixes.tsv`: words that end a place name and give its kind
    /// ("Hospital": facility).
    fn load_place_suffixes(&mut self) -> Result<(), DataError> {
        for (ln, line) in data_lines(PLACE_SUFFIXES) {
            let (w, kind) = two_fields(
                line,
                "data/curated/place_suffixes.tsv",
                ln,
                "expected suffix<TAB>kind",
            )?;
            let kind = suffix_kind(kind.trim()).ok_or_else(|| DataError::Malformed {
                file: "data/curated/place_suffixes.tsv",
                line: ln,
                reason: format!("unknown kind {kind}"),
            })?;
            if let Some(e) = self.add(w) {
                e.place_suffix = Some(kind);
            }
        }
        Ok(())
    }

    /// `data/curated/event_heads.txt`: words that end an event's name ("Summit"). They make
    /// a run a body, so it shields its places, but the organizations pass drops it.
    fn load_event_heads(&mut self) {
        for (_, line) in data_lines(EVENT_HEADS) {
            if let Some(e) = self.add(line.trim()) {
                e.org_head = true;
                e.event_head = true;
            }
        }
    }

    /// `data/curated/title_countries.tsv`: role phrases one country alone uses
    /// ("taoiseach"), kept apart from the phrase map because they are matched as text.
    fn load_title_countries(&mut self) -> Result<(), DataError> {
        for (ln, line) in data_lines(TITLE_COUNTRIES) {
            let (t, cc) = two_fields(
                line,
                "data/curated/title_countries.tsv",
                ln,
                "expected phrase<TAB>cc",
            )?;
            // Stored padded with spaces so a whole-word test is one `contains`.
            let padded = format!(" {} ", t.trim().to_lowercase());
            self.title_countries
                .push((padded.into(), parse_cc(cc.trim())));
        }
        // Longest phrases first so "under secretary of state" wins over "secretary of state".
        self.title_countries
            .sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        Ok(())
    }

    /// `data/curated/known_officials.tsv`: well-known office holders by folded name.
    fn load_known_officials(&mut self) -> Result<(), DataError> {
        for (ln, line) in data_lines(KNOWN_OFFICIALS) {
            let (cc, names) = two_fields(
                line,
                "data/curated/known_officials.tsv",
                ln,
                "expected cc<TAB>name|name...",
            )?;
            let cc = parse_cc(cc.trim());
            for name in names.split('|') {
                let folded = fold_name(name);
                let last = folded.rsplit(' ').next().unwrap_or("");
                self.known_last_words.insert(last_word_key(last.bytes()));
                self.known_officials.insert(folded, cc);
            }
        }
        Ok(())
    }

    /// `data/common_words.txt`: token hashes of common English words (a set apart from the
    /// phrase map: they give no phrase a meaning).
    fn load_common_words(&mut self) {
        self.common = data_lines(COMMON_WORDS)
            .map(|(_, w)| crate::tokens::hash_str(w.trim()))
            .collect();
    }

    /// `data/curated/stopwords.txt`: capitalized words that never start or form a person's
    /// or place's name on their own (months, weekdays, sentence openers).
    fn load_stopwords(&mut self) {
        for (_, line) in data_lines(STOPWORDS) {
            if let Some(e) = self.add(line.trim()) {
                e.stop = true;
            }
        }
    }

    /// Name particles ("bin", "van", "de") from `words::PARTICLES`: lowercase words a
    /// person's or place's name may carry inside it.
    fn load_particles(&mut self) {
        for p in crate::words::PARTICLES {
            if let Some(e) = self.add(p) {
                e.particle = true;
            }
        }
    }

    /// The country entry of an ISO code (first country-kind place with that code).
    pub fn country_of(&self, cc: Cc) -> Option<u32> {
        match cc_slot(cc) {
            Some(k) => self
                .country_index
                .get(k)
                .copied()
                .filter(|&i| i != u32::MAX),
            None => self
                .country_other
                .iter()
                .find(|&&(c, _)| c == cc)
                .map(|&(_, i)| i),
        }
    }

    /// Fills every entry's [`Entry::places_country`], [`Entry::tiny_towns_only`] and
    /// [`Entry::small_places_only`] from its places (after every file has added its
    /// places).
    fn settle_place_readings(&mut self) {
        let places = &self.places;
        for e in self.entries.iter_mut().filter(|e| !e.places.is_empty()) {
            let place = |p: &u32| places.get(*p as usize);
            let all =
                |rule: fn(&Place) -> bool| e.places.iter().all(|p| place(p).is_some_and(rule));
            e.tiny_towns_only = all(crate::weak_places::is_tiny_town);
            e.small_places_only = all(crate::weak_places::is_small_place);
            let country = e
                .places
                .iter()
                .filter_map(place)
                .find(|p| p.kind == LocationKind::Country);
            let first = e.places.first().and_then(place).map(|p| p.cc);
            let same =
                first.is_some_and(|c| e.places.iter().all(|p| place(p).is_some_and(|p| p.cc == c)));
            e.places_country = match (country, first) {
                (Some(p), _) => PlacesCountry::Country(p.cc),
                (None, Some(c)) if same && e.places.len() == 1 => PlacesCountry::OnlyPlace(c),
                (None, Some(c)) if same => PlacesCountry::OneCountry(c),
                _ => PlacesCountry::None,
            };
        }
    }

    /// Fills `country_index` and `country_other` once every place is loaded.
    fn index_countries(&mut self) {
        let mut index = vec![u32::MAX; 26 * 26];
        let mut other: Vec<(Cc, u32)> = Vec::new();
        for (i, p) in self.places.iter().enumerate() {
            if p.kind == LocationKind::Country {
                match cc_slot(p.cc).and_then(|k| index.get_mut(k)) {
                    Some(slot) => {
                        if *slot == u32::MAX {
                            *slot = i as u32;
                        }
                    }
                    None => {
                        if !other.iter().any(|&(c, _)| c == p.cc) {
                            other.push((p.cc, i as u32));
                        }
                    }
                }
            }
        }
        self.country_index = index;
        self.country_other = other;
    }

    /// Could a key start with the token of hash `th`? (No false negatives.)
    #[inline]
    pub fn may_start(&self, th: u64) -> bool {
        let b = first_bit(th);
        self.first_bits[b / 64] & (1 << (b % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_names_fold_as_any_name_does() {
        let names = [
            "Donald J. Trump",
            "Jean-Yves Le Drian",
            "  Antony  Blinken ",
            "A. B",
            "",
            "X",
            "Mohammed bin Salman Al Saud",
            "O'Brien, Jr.",
            "G7 Summit 2024",
            "a B c",
            "-x-",
            "Ab,c d,Ef",
        ];
        let mut buf = [0u8; 96];
        for name in names {
            let want = fold_decomposed_name(name);
            assert_eq!(
                fold_ascii_name(name, &mut buf),
                Some(want.as_str()),
                "{name:?}"
            );
            assert_eq!(fold_name(name), want, "{name:?}");
        }
        assert_eq!(fold_name("Donald J. Trump"), "donald trump");
        // Too long for the buffer, or not ASCII: the caller folds it with allocation.
        for name in names {
            let folded = fold_ascii_name(name, &mut buf).map(str::to_string);
            let last = folded.as_deref().and_then(|f| f.rsplit(' ').next());
            let word = ascii_last_word(name.as_bytes()).to_ascii_lowercase();
            assert_eq!(std::str::from_utf8(&word).ok(), last, "{name:?}");
        }
        assert_eq!(fold_ascii_name(&"ab ".repeat(40), &mut buf), None);
        assert_eq!(fold_ascii_name("Jean-Noël Barrot", &mut buf), None);
        assert_eq!(fold_name("Jean-Noël Barrot"), "jean noel barrot");
    }

    /// Names in the Latin blocks fold char by char as the whole-name decomposition folds
    /// them: accents dropped, one-letter words (accented ones too) taken back, a capital
    /// that lowercases to two chars ("İ") kept whole; names past the blocks take the
    /// decomposition.
    #[test]
    fn latin_names_fold_as_the_decomposition_does() {
        let names = [
            "Jean-Noël Barrot",
            "Luiz Inácio Lula da Silva",
            "Recep Tayyip Erdoğan",
            "İlham Əliyev",
            "Ó Súilleabháin, É. Ñ",
            "Łukasz Żółw ǅ ǈx",
            "Bjørn Ærø Ø",
            "é",
            "à l'É",
            "Dž. Müller ¨ ´",
        ];
        for name in names {
            assert!(name.chars().all(|c| c < LATIN_END), "{name:?}");
            assert_eq!(
                fold_latin_name(name),
                fold_decomposed_name(name),
                "{name:?}"
            );
        }
        assert_eq!(
            fold_latin_name("Recep Tayyip Erdoğan"),
            "recep tayyip erdogan"
        );
        assert_eq!(fold_latin_name("É. Ñ Macron"), "macron");
        let greek = "Κυριάκος Μητσοτάκης";
        assert_eq!(fold_unicode_name(greek), fold_decomposed_name(greek));
    }

    /// The last-word filter turns away no listed name, as the list spells it or in
    /// capitals with an initial and punctuation, and does turn away unlisted names.
    #[test]
    fn known_officials_pass_the_last_word_filter() {
        let lex = Lexicon::load().expect("bundled data loads");
        let mut listed = 0;
        for (key, &cc) in &lex.known_officials {
            if !key.is_ascii() {
                continue;
            }
            listed += 1;
            assert_eq!(lex.known_official(key), Some(cc), "{key:?}");
            let shouted = format!("A. {}, ", key.to_ascii_uppercase());
            assert!(lex.known_official(&shouted).is_some(), "{shouted:?}");
        }
        assert!(listed > 100, "{listed}");
        assert_eq!(lex.known_official("Jane Qwertyuiop"), None);
        assert_eq!(
            lex.known_official("Vladimir Putin"),
            lex.known_official("putin")
        );
    }

    #[test]
    fn country_index_agrees_with_a_scan_of_the_places() {
        let lex = Lexicon::load().expect("bundled data loads");
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let cc = [a, b];
                let scan = lex
                    .places
                    .iter()
                    .position(|p| p.cc == cc && p.kind == LocationKind::Country)
                    .map(|i| i as u32);
                assert_eq!(lex.country_of(cc), scan, "{cc:?}");
            }
        }
        let scan = |cc: Cc| {
            lex.places
                .iter()
                .position(|p| p.cc == cc && p.kind == LocationKind::Country)
                .map(|i| i as u32)
        };
        for cc in [NO_CC, [b'a', b'b'], [b'Z', 0]] {
            assert_eq!(lex.country_of(cc), scan(cc), "{cc:?}");
        }
        assert!(lex.country_of(parse_cc("FR")).is_some());
    }

    #[test]
    fn settled_weak_place_flags_agree_with_a_scan_of_each_entrys_places() {
        let lex = Lexicon::load().expect("bundled data loads");
        let scan = |e: &Entry, rule: fn(&Place) -> bool| {
            !e.places.is_empty() && e.places.iter().all(|&p| rule(&lex.places[p as usize]))
        };
        let (mut tiny, mut small) = (0, 0);
        for e in &lex.entries {
            assert_eq!(e.tiny_towns_only, scan(e, crate::weak_places::is_tiny_town));
            assert_eq!(
                e.small_places_only,
                scan(e, crate::weak_places::is_small_place)
            );
            tiny += usize::from(e.tiny_towns_only);
            small += usize::from(e.small_places_only);
        }
        // Both kinds exist in the bundled data, and a tiny town is a small place.
        assert!(tiny > 0 && small > tiny, "{tiny} {small}");
    }
}

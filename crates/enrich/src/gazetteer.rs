//! The place table: one row per gazetteer entry (GeoNames-derived plus curated), parsed from
//! `data/gazetteer.tsv` embedded in the binary, then the small-place tier parsed from
//! `data/small_places.tsv` (villages and towns the gazetteer lacks, second-level regions
//! such as districts and counties, and first-level regions with generic names, which
//! `locations.rs` admits only under stricter conditions).
//!
//! This module only stores and parses places; it must never decide which entry a mention
//! means (that is `locations.rs`) and never touch the network or the file system.

use crate::model::{DataError, LocationKind};
use crate::tokens::{phrase_step, token_hashes, Scratch, PHRASE_SEED};

/// ISO 3166-1 alpha-2 code as two ASCII bytes; `[0, 0]` means none.
pub type Cc = [u8; 2];

/// No country (seas, multi-country regions).
pub const NO_CC: Cc = [0, 0];

/// Converts a code to its string form (every location, official and organization asks:
/// a parsed code is two ASCII letters, copied as they are; lossy only for what is not).
pub fn cc_str(cc: Cc) -> Option<String> {
    if cc == NO_CC {
        return None;
    }
    // Two ASCII letters (every parsed code) need no UTF-8 check.
    if cc.is_ascii() {
        let mut s = String::with_capacity(2);
        s.push(char::from(cc[0]));
        s.push(char::from(cc[1]));
        return Some(s);
    }
    Some(match std::str::from_utf8(&cc) {
        Ok(s) => s.to_owned(),
        Err(_) => String::from_utf8_lossy(&cc).into_owned(),
    })
}

/// Parses "US" -> Cc; "-" or anything malformed -> NO_CC.
pub fn parse_cc(s: &str) -> Cc {
    let b = s.as_bytes();
    if b.len() == 2 && b[0].is_ascii_uppercase() && b[1].is_ascii_uppercase() {
        [b[0], b[1]]
    } else {
        NO_CC
    }
}

/// One gazetteer entry.
#[derive(Debug, Clone)]
pub struct Place {
    /// Points into the embedded data (no allocation per place).
    pub name: &'static str,
    pub kind: LocationKind,
    pub cc: Cc,
    pub lat: f32,
    pub lon: f32,
    /// Population, used as the prior between same-named places (curated entries may set a
    /// prominence figure instead, e.g. for capitals that share a name with a larger region).
    pub pop: u32,
    /// [`prior`] of `pop`, computed at load: every reading a text names is scored by it, a
    /// logarithm each.
    pub prior: f32,
}

/// Prior of a population: its order of magnitude.
pub fn prior(pop: u32) -> f32 {
    ((pop as f32) + 10.0).log10()
}

pub const GAZETTEER_FILE: &str = "data/gazetteer.tsv";
pub static GAZETTEER_TSV: &str = include_str!("../../../data/gazetteer.tsv");

fn kind_of(s: &str) -> Option<LocationKind> {
    Some(match s {
        "country" => LocationKind::Country,
        "admin" => LocationKind::Admin,
        "city" => LocationKind::City,
        "territory" => LocationKind::Territory,
        "geo" => LocationKind::Geo,
        "facility" => LocationKind::Facility,
        _ => return None,
    })
}

/// The data lines of an embedded file with their 1-based line numbers: blank lines and
/// `#` comments skipped. Lines are split as [`str::lines`] splits them.
pub fn data_lines(src: &'static str) -> impl Iterator<Item = (usize, &'static str)> {
    Split::lines(src)
        .enumerate()
        .filter(|(_, l)| !blank(l) && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l))
}

/// Is the line only whitespace? A visible ASCII first char (every data line) answers
/// without `str::trim`'s walk over both ends.
#[inline]
fn blank(line: &str) -> bool {
    match line.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() => false,
        _ => line.trim().is_empty(),
    }
}

/// The tab-separated fields of a data line, as `line.split('\t')` gives them.
pub fn fields(line: &str) -> Split<'_> {
    Split {
        rest: Some(line),
        sep: b'\t',
    }
}

/// Splits a text at an ASCII byte with a plain byte loop. The data's lines and fields are
/// short (36 and 8 bytes on average), and the standard searcher of `str::split` and
/// `str::lines` cost more to set up for each than the loop costs to scan them: it was a
/// sixth of the start-up time. Gives what `split('\t')` gives for a tab, and what
/// [`str::lines`] gives for a line break (no empty piece after a final line break, a
/// carriage return before a line break dropped).
pub struct Split<'a> {
    rest: Option<&'a str>,
    sep: u8,
}

impl<'a> Split<'a> {
    fn lines(s: &'a str) -> Self {
        Split {
            rest: (!s.is_empty()).then_some(s),
            sep: b'\n',
        }
    }
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let r = self.rest?;
        let Some(i) = r.bytes().position(|b| b == self.sep) else {
            self.rest = None;
            return Some(r);
        };
        // `sep` is ASCII, so both sides of it are char boundaries.
        let (piece, after) = (r.get(..i)?, r.get(i + 1..)?);
        if self.sep == b'\n' {
            self.rest = (!after.is_empty()).then_some(after);
            return Some(piece.strip_suffix('\r').unwrap_or(piece));
        }
        self.rest = Some(after);
        Some(piece)
    }
}

/// Powers of ten exact in an `f32` (up to 10^10, whose odd part 5^10 fits in 24 bits).
const POW10_F32: [f32; 11] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/// A coordinate as the data writes it ("-12.3456") parsed to the same `f32` as
/// `str::parse` gives, several times faster. When the number has at most 7 digits its
/// digits are an integer `m` exact in an `f32` (below 2^24), and 10^k for its `k` decimals
/// is exact too; IEEE division of two exact operands is correctly rounded, which is what
/// `str::parse` guarantees, so `m / 10^k` is the very same `f32` (this is also the fast
/// path of the standard library's own parser). Anything else (a sign `+`, an exponent,
/// more digits, junk) goes to `str::parse`.
pub fn parse_coord(s: &str) -> Option<f32> {
    let b = s.as_bytes();
    let (neg, digits) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    let (mut m, mut n, mut decimals) = (0u32, 0usize, None::<usize>);
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                n += 1;
                if n > 7 {
                    return s.parse().ok();
                }
                m = m * 10 + u32::from(c - b'0');
                if let Some(k) = decimals.as_mut() {
                    *k += 1;
                }
            }
            b'.' if decimals.is_none() => decimals = Some(0),
            _ => return s.parse().ok(),
        }
    }
    if n == 0 {
        return s.parse().ok();
    }
    let v = m as f32 / POW10_F32[decimals.unwrap_or(0)];
    Some(if neg { -v } else { v })
}

/// Parses the gazetteer and calls `alias(place_id, surface)` for its name and every alias.
pub fn load(mut alias: impl FnMut(u32, &'static str)) -> Result<Vec<Place>, DataError> {
    let mut places = Vec::with_capacity(80_000);
    for (ln, line) in data_lines(GAZETTEER_TSV) {
        let bad = |reason: &str| DataError::Malformed {
            file: GAZETTEER_FILE,
            line: ln,
            reason: reason.to_string(),
        };
        let mut f = fields(line);
        let (Some(kind), Some(cc), Some(lat), Some(lon), Some(pop), Some(name)) =
            (f.next(), f.next(), f.next(), f.next(), f.next(), f.next())
        else {
            return Err(bad("expected 7 tab-separated fields"));
        };
        let aliases = f.next().unwrap_or("");
        let kind = kind_of(kind).ok_or_else(|| bad("unknown kind"))?;
        let lat = parse_coord(lat).ok_or_else(|| bad("bad latitude"))?;
        let lon = parse_coord(lon).ok_or_else(|| bad("bad longitude"))?;
        let pop: u32 = pop
            .parse::<u64>()
            .map(|p| p.min(u64::from(u32::MAX)) as u32)
            .map_err(|_| bad("bad population"))?;
        let id = places.len() as u32;
        places.push(Place {
            name,
            kind,
            cc: parse_cc(cc),
            lat,
            lon,
            pop,
            prior: prior(pop),
        });
        alias(id, name);
        for a in aliases.split('|').filter(|a| !a.is_empty()) {
            alias(id, a);
        }
    }
    Ok(places)
}

pub const SMALL_FILE: &str = "data/small_places.tsv";
pub static SMALL_TSV: &str = include_str!("../../../data/small_places.tsv");

/// What a small-tier data line asks the caller to resolve to a gazetteer place id.
pub enum Resolve {
    /// A group's first-level region, by name.
    Region(&'static str),
    /// The gazetteer town of this name nearest to (lat, lon), whose other spellings follow.
    Town(&'static str, f32, f32),
}

/// What a small-tier place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmallClass {
    /// A village or town (kind city).
    Town,
    /// A second-level region: district, county, department, province (kind admin).
    District,
    /// A region named only with a kind word after it (kind admin): a first-level region whose
    /// bare name is a generic word ("Southern Province" in Zambia), or a second-level one
    /// whose bare name is a gazetteer place's or a common word ("Calhoun County").
    Generic,
}

/// The kind word of a region, as the text writes it after a name ("Dhading district") or as
/// GeoNames gives it (the small tier's region rows), as a code; words of one kind share it.
/// `None` for other words.
pub fn region_kind(lower: &str) -> Option<u8> {
    Some(match lower {
        "district" | "kreis" | "raion" | "rayon" | "okrug" => 1,
        "county" => 2,
        "province" => 3,
        "department" | "departement" => 4,
        "prefecture" => 5,
        "region" => 6,
        "municipality" => 7,
        "governorate" => 8,
        "oblast" => 9,
        "parish" => 10,
        "borough" => 11,
        "shire" => 12,
        "krai" => 13,
        "state" => 14,
        "canton" => 15,
        "division" => 16,
        "zone" => 17,
        "city" => 18,
        _ => return None,
    })
}

/// Parses the small-place tier, appending its places to `places` (kind city, or admin for
/// regions). Calls `resolve(places, cc, what)` for each group's first-level region and for
/// each gazetteer town whose other spellings the file lists, and
/// `alias(place_id, region_id, surface, class)` for every name and spelling (`place_id` is a
/// gazetteer town's for its spellings).
///
/// The file is a sequence of groups: an `@CC<TAB>region` line ([`small_group`]), then
/// `=town` lines ([`small_spellings`]) and place lines ([`small_place`]).
pub fn load_small(
    places: &mut Vec<Place>,
    mut resolve: impl FnMut(&[Place], Cc, Resolve) -> Option<u32>,
    mut alias: impl FnMut(u32, Option<u32>, &'static str, SmallClass, u8),
) -> Result<(), DataError> {
    let mut cc = NO_CC;
    let mut reg: Option<u32> = None;
    for (ln, line) in data_lines(SMALL_TSV) {
        let bad = |reason: &str| DataError::Malformed {
            file: SMALL_FILE,
            line: ln,
            reason: reason.to_string(),
        };
        if let Some(group) = line.strip_prefix('@') {
            (cc, reg) = small_group(group, places, &mut resolve).map_err(bad)?;
            continue;
        }
        if cc == NO_CC {
            return Err(bad("place before its first @CC group line"));
        }
        if let Some(town) = line.strip_prefix('=') {
            small_spellings(town, cc, reg, places, &mut resolve, &mut alias).map_err(bad)?;
        } else {
            small_place(line, cc, reg, places, &mut alias).map_err(bad)?;
        }
    }
    Ok(())
}

/// A group line ("@CC<TAB>region", the region optional): the group's country and its
/// first-level region's gazetteer id, when the gazetteer has it.
fn small_group(
    group: &'static str,
    places: &[Place],
    resolve: &mut impl FnMut(&[Place], Cc, Resolve) -> Option<u32>,
) -> Result<(Cc, Option<u32>), &'static str> {
    let (c, r) = group.split_once('\t').unwrap_or((group, ""));
    let cc = parse_cc(c);
    if cc == NO_CC {
        return Err("bad country code");
    }
    let reg = if r.is_empty() {
        None
    } else {
        resolve(places, cc, Resolve::Region(r))
    };
    Ok((cc, reg))
}

/// Latitude and longitude fields of a small-tier line.
fn lat_lon(lat: &str, lon: &str) -> Result<(f32, f32), &'static str> {
    let lat = parse_coord(lat).ok_or("bad latitude")?;
    let lon = parse_coord(lon).ok_or("bad longitude")?;
    Ok((lat, lon))
}

/// A "=name<TAB>lat<TAB>lon<TAB>spellings..." line: other spellings of a gazetteer town,
/// registered under the town's own id. A town the gazetteer no longer carries leaves its
/// spellings unused.
fn small_spellings(
    town: &'static str,
    cc: Cc,
    reg: Option<u32>,
    places: &[Place],
    resolve: &mut impl FnMut(&[Place], Cc, Resolve) -> Option<u32>,
    alias: &mut impl FnMut(u32, Option<u32>, &'static str, SmallClass, u8),
) -> Result<(), &'static str> {
    let mut f = fields(town);
    let (Some(name), Some(lat), Some(lon)) = (f.next(), f.next(), f.next()) else {
        return Err("expected =name, lat, lon, spellings");
    };
    let (lat, lon) = lat_lon(lat, lon)?;
    if let Some(id) = resolve(places, cc, Resolve::Town(name, lat, lon)) {
        for a in f.filter(|a| !a.is_empty()) {
            alias(id, reg, a, SmallClass::Town, 0);
        }
    }
    Ok(())
}

/// The class of a place line by its mark ("+name": a second-level region; "^name": a
/// generic first-level one; none: a town) and the line without it.
fn small_class(line: &'static str) -> (&'static str, SmallClass) {
    if let Some(l) = line.strip_prefix('+') {
        (l, SmallClass::District)
    } else if let Some(l) = line.strip_prefix('^') {
        (l, SmallClass::Generic)
    } else {
        (line, SmallClass::Town)
    }
}

/// A place line: "name<TAB>lat<TAB>lon<TAB>population", then a town's unaccented spelling
/// or a region's GeoNames kind word. Appends the place and registers its names.
fn small_place(
    line: &'static str,
    cc: Cc,
    reg: Option<u32>,
    places: &mut Vec<Place>,
    alias: &mut impl FnMut(u32, Option<u32>, &'static str, SmallClass, u8),
) -> Result<(), &'static str> {
    let (line, class) = small_class(line);
    let mut f = fields(line);
    let (Some(name), Some(lat), Some(lon), Some(pop)) = (f.next(), f.next(), f.next(), f.next())
    else {
        return Err("expected name, lat, lon, population");
    };
    let (lat, lon) = lat_lon(lat, lon)?;
    let pop: u32 = pop.parse().map_err(|_| "bad population")?;
    let id = places.len() as u32;
    places.push(Place {
        name,
        kind: if class == SmallClass::Town {
            LocationKind::City
        } else {
            LocationKind::Admin
        },
        cc,
        lat,
        lon,
        pop,
        prior: prior(pop),
    });
    let extra = f.next().filter(|a| !a.is_empty());
    if class == SmallClass::Town {
        alias(id, reg, name, class, 0);
        // The unaccented spelling.
        if let Some(plain) = extra {
            alias(id, reg, plain, class, 0);
        }
    } else {
        // Regions: the kind word GeoNames gives them (0: none).
        let word = extra.and_then(region_kind).unwrap_or(0);
        alias(id, reg, name, class, word);
    }
    Ok(())
}

/// The small-place tier, kept apart from the phrase dictionary so that it never changes what
/// the other passes see: a sorted (phrase hash, place id) index looked up only where
/// `locations.rs` already suspects a place.
#[derive(Debug, Default)]
pub struct SmallTier {
    /// Id of the first small place in the place table.
    pub start: u32,
    /// First-level region (a gazetteer place id) of each small place, `u32::MAX` if unknown.
    region: Vec<u32>,
    /// Ids of the regions named only with a kind word (sorted).
    generic: Vec<u32>,
    /// (id, kind word code) of the regions whose GeoNames name carries a kind word (sorted).
    kind_word: Vec<(u32, u8)>,
    index: Vec<(u64, u32)>,
    /// One bit per (hash of) first token of a name: most capitalized words start none.
    first: Vec<u64>,
    /// Most tokens in a small place's name.
    pub max_len: usize,
}

const SMALL_FIRST_BITS: usize = 1 << 20;

fn small_first_bit(h: u64) -> usize {
    (h >> 29) as usize & (SMALL_FIRST_BITS - 1)
}

/// Phrase hash and token count of a name, as the text scan computes them.
pub fn phrase_hash(s: &str, scratch: &mut Scratch) -> (u64, usize) {
    let hashes = token_hashes(s, scratch);
    let h = hashes.iter().fold(PHRASE_SEED, |h, &th| phrase_step(h, th));
    (h, hashes.len())
}

/// Sorts (phrase hash, place id) pairs into the order `sort_unstable` gives (the order of
/// the pairs is total, so every correct sort gives the same): a radix sort on the hash,
/// one byte at a time from the lowest (eight passes over 180,000 pairs, where the
/// comparison sort took a quarter of the start-up time), then each run of equal hashes
/// (almost all of one pair) by id.
fn sort_index(index: &mut Vec<(u64, u32)>) {
    let mut counts = [[0usize; 256]; 8];
    for &(h, _) in index.iter() {
        for (d, c) in counts.iter_mut().enumerate() {
            c[(h >> (8 * d)) as usize & 0xff] += 1;
        }
    }
    let mut tmp = vec![(0u64, 0u32); index.len()];
    for (d, c) in counts.iter().enumerate() {
        // A byte every hash shares orders nothing.
        if c.contains(&index.len()) {
            continue;
        }
        let mut at = [0usize; 256];
        let mut sum = 0;
        for (a, &k) in at.iter_mut().zip(c) {
            *a = sum;
            sum += k;
        }
        for &e in index.iter() {
            let b = (e.0 >> (8 * d)) as usize & 0xff;
            tmp[at[b]] = e;
            at[b] += 1;
        }
        std::mem::swap(index, &mut tmp);
    }
    for run in index.chunk_by_mut(|a, b| a.0 == b.0) {
        if run.len() > 1 {
            run.sort_unstable();
        }
    }
}

impl SmallTier {
    /// Loads `data/small_places.tsv` after the gazetteer; `resolve` finds the gazetteer's
    /// place id of a group's region or of a town whose other spellings the file lists.
    pub fn load(
        places: &mut Vec<Place>,
        resolve: impl FnMut(&[Place], Cc, Resolve) -> Option<u32>,
    ) -> Result<Self, DataError> {
        let mut tier = SmallTier {
            start: places.len() as u32,
            ..Default::default()
        };
        tier.index.reserve(180_000);
        tier.first = vec![0; SMALL_FIRST_BITS / 64];
        tier.region.reserve(140_000);
        let mut scratch = Scratch::default();
        load_small(places, resolve, |id, reg, surface, class, word| {
            if let Some(idx) = id.checked_sub(tier.start) {
                if tier.region.len() <= idx as usize {
                    tier.region.push(reg.unwrap_or(u32::MAX));
                    if class == SmallClass::Generic {
                        tier.generic.push(id);
                    }
                    if word != 0 {
                        tier.kind_word.push((id, word));
                    }
                }
            }
            let hashes = token_hashes(surface, &mut scratch);
            let (Some(&first), n) = (hashes.first(), hashes.len()) else {
                return;
            };
            let b = small_first_bit(first);
            tier.first[b / 64] |= 1 << (b % 64);
            let h = hashes.iter().fold(PHRASE_SEED, |h, &th| phrase_step(h, th));
            tier.max_len = tier.max_len.max(n);
            tier.index.push((h, id));
        })?;
        sort_index(&mut tier.index);
        tier.index.dedup();
        tier.index.shrink_to_fit();
        tier.region.shrink_to_fit();
        Ok(tier)
    }

    /// Could a small place's name start with the token of hash `th`? (No false negatives.)
    #[inline]
    pub fn may_start(&self, th: u64) -> bool {
        let b = small_first_bit(th);
        self.first
            .get(b / 64)
            .is_some_and(|w| w & (1 << (b % 64)) != 0)
    }

    /// Small places whose name (or unaccented spelling) has phrase hash `h`.
    pub fn lookup(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let lo = self.index.partition_point(|e| e.0 < h);
        self.index[lo..]
            .iter()
            .take_while(move |e| e.0 == h)
            .map(|e| e.1)
    }

    /// Is this small place a region named only with a kind word after it ("Southern
    /// Province", "Calhoun County")?
    pub fn generic(&self, pid: u32) -> bool {
        self.generic.binary_search(&pid).is_ok()
    }

    /// May a region of the tier be named with the kind word of code `word` ([`region_kind`])?
    /// Yes unless GeoNames gives it a kind word of another kind ("Catatumbo", a Venezuelan
    /// municipality, is not meant by "the Catatumbo region").
    pub fn kind_fits(&self, pid: u32, word: u8) -> bool {
        match self.kind_word.binary_search_by_key(&pid, |e| e.0) {
            Ok(i) => self.kind_word[i].1 == word,
            Err(_) => true,
        }
    }

    /// The gazetteer id of a small place's first-level region.
    pub fn region(&self, pid: u32) -> Option<u32> {
        let r = *self.region.get(pid.checked_sub(self.start)? as usize)?;
        (r != u32::MAX).then_some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_written_as_its_two_letters() {
        assert_eq!(cc_str(*b"US").as_deref(), Some("US"));
        assert_eq!(cc_str(parse_cc("GB")).as_deref(), Some("GB"));
        assert_eq!(cc_str(NO_CC), None);
        // Not ASCII: as UTF-8 when it is, else lossy.
        assert_eq!(cc_str([0xC3, 0xA9]).as_deref(), Some("é"));
        assert_eq!(cc_str([b'U', 0xFF]).as_deref(), Some("U\u{FFFD}"));
    }

    /// A small deterministic generator (no dependency for it).
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn coordinates_parse_as_str_parse_does() {
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "-0.0",
            ".5",
            "5.",
            ".",
            "-",
            "",
            "+1.5",
            "1e3",
            "1.2.3",
            "12a",
            "9999999",
            "99999999",
            "-179.9999",
            "0.00001",
            "1234567.",
            "0.1234567",
            "-.25",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut st = 0x2545_f491_4f6c_dd1d;
        for _ in 0..200_000 {
            let r = next(&mut st);
            let digits = (r % 7 + 1) as usize;
            let point = ((r >> 8) % (digits as u64 + 1)) as usize;
            let mut t = String::new();
            if r >> 20 & 1 == 1 {
                t.push('-');
            }
            let mut v = r >> 24;
            for i in 0..digits {
                if i == point && point > 0 {
                    t.push('.');
                }
                t.push(char::from(b'0' + (v % 10) as u8));
                v /= 10;
            }
            texts.push(t);
        }
        for src in [GAZETTEER_TSV, SMALL_TSV] {
            for (_, line) in data_lines(src) {
                let line = line.trim_start_matches(['=', '+', '^']);
                texts.extend(fields(line).skip(1).take(3).map(str::to_string));
            }
        }
        for t in &texts {
            let want = t.parse::<f32>().ok().map(f32::to_bits);
            assert_eq!(parse_coord(t).map(f32::to_bits), want, "{t:?}");
        }
    }

    #[test]
    fn every_data_field_hashes_as_tokenize_does() {
        let mut scratch = Scratch::default();
        let mut buf = String::new();
        for src in [GAZETTEER_TSV, SMALL_TSV] {
            for (_, line) in data_lines(src) {
                for field in fields(line).flat_map(|f| f.split('|')) {
                    let want: Vec<u64> = crate::tokens::tokenize(field, &mut buf)
                        .toks
                        .iter()
                        .map(|t| t.hash)
                        .collect();
                    assert_eq!(token_hashes(field, &mut scratch), want, "{field:?}");
                }
            }
        }
    }

    #[test]
    fn split_gives_what_lines_and_split_give() {
        for s in [
            "",
            "\n",
            "a",
            "a\n",
            "a\n\n",
            "\na",
            "a\r\nb\r\n",
            "a\rb\n",
            "a\r",
            "\t",
            "a\tb\t",
            "\t\ta\n\tb",
            "é\tü\nß\r\n",
        ] {
            let lines: Vec<&str> = Split::lines(s).collect();
            assert_eq!(lines, s.lines().collect::<Vec<_>>(), "{s:?}");
            let f: Vec<&str> = fields(s).collect();
            assert_eq!(f, s.split('\t').collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn index_sorts_as_sort_unstable() {
        let mut st = 7;
        for n in [0, 1, 2, 100, 5000] {
            let mut v: Vec<(u64, u32)> = (0..n)
                .map(|_| {
                    let r = next(&mut st);
                    // Few distinct hashes in some runs, so that ties happen.
                    let h = if n == 100 { r % 7 } else { r };
                    (h, (r >> 40) as u32 % 50)
                })
                .collect();
            let mut want = v.clone();
            want.sort_unstable();
            sort_index(&mut v);
            assert_eq!(v, want);
        }
    }
}

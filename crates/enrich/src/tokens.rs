//! One-pass tokenizer over normalized text.
//!
//! Produces word, number and punctuation tokens with byte and char offsets, capitalization
//! flags and a 64-bit hash of the lowercased form, so that every later lookup is a hash probe
//! instead of a string allocation. The same tokenizer splits the gazetteer's names at load
//! time, which is what makes phrase hashes of text and data agree.
//!
//! It must never allocate per token beyond the two shared buffers, and never panic on any
//! input (the scanner moves by whole chars, so every slice is on char boundaries). The
//! forms pass relies on that without testing it again: [`surface_of`] is the crate's one
//! `unsafe` block, with its proof and its property test.

/// Broad token class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct,
}

/// One token. Offsets are into the text given to [`tokenize`].
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    /// Char (Unicode scalar) offsets, what [`crate::Mention`] reports.
    pub cstart: u32,
    pub cend: u32,
    pub kind: Kind,
    /// A word whose first char is uppercase (never set on numbers and punctuation).
    pub cap: bool,
    /// Every letter is uppercase and there are at least two: "US", "NATO", "U.S.".
    pub upper: bool,
    /// Whitespace precedes this token.
    pub space_before: bool,
    /// A line break precedes this token (paragraphs and headlines are separate units).
    pub newline_before: bool,
    /// Hash of the lowercased form (see [`hash_str`]).
    pub hash: u64,
    /// Where the lowercase form is. One byte, not the form's place in the buffer: the
    /// copied forms follow each other in token order, so their lengths are all the forms
    /// pass needs, and with the surface's length they are one byte: the token is 32 bytes,
    /// not 40 (one store less per token, and every pass that copies a token copies less).
    form: Form,
}

/// Where a token's lowercase form is, for the forms pass of [`tokenize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The surface itself, not copied into the lowercase buffer: an ASCII word without
    /// capitals, or ASCII punctuation (which has no case).
    InText,
    /// Copied into the lowercase buffer, as many bytes as the surface (every ASCII token,
    /// most others).
    Copied,
    /// Copied, and of another length than the surface (a char whose lowercase form has
    /// another UTF-8 length, as "İ"): the scanner lists the lengths of these forms apart,
    /// in token order, for the forms pass.
    Resized,
}

impl Form {
    /// The form of a token copied into the buffer: `lower` bytes for a `surface` bytes long
    /// surface.
    #[inline]
    fn copied(lower: usize, surface: usize) -> Form {
        if lower == surface {
            Form::Copied
        } else {
            Form::Resized
        }
    }
}

/// Tokens of one text, with each token's surface and lowercase form as slices (of the text
/// and of the lowercase buffer given to [`tokenize`]), so that reading them is one load.
#[derive(Debug, Default)]
pub struct Tokens<'a> {
    pub text: &'a str,
    pub toks: Vec<Token>,
    /// Per token: (surface, lowercase form).
    forms: Vec<(&'a str, &'a str)>,
    /// The first token of each line, in order (token 0 first when there are tokens):
    /// noted while the forms are made, so that a pass over the lines does not walk every
    /// token's flags to find where each ends.
    line_starts: Vec<u32>,
}

impl<'a> Tokens<'a> {
    /// Original surface of token `i`; "" when out of range.
    #[inline]
    pub fn surface(&self, i: usize) -> &'a str {
        self.forms.get(i).map_or("", |f| f.0)
    }

    /// Lowercased form of token `i`; "" when out of range (callers look ahead freely).
    #[inline]
    pub fn lower(&self, i: usize) -> &'a str {
        self.forms.get(i).map_or("", |f| f.1)
    }

    /// The lowercase forms of all tokens in order: [`Tokens::lower`] for a pass over every
    /// token, without an index check per token.
    pub fn lowers(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.forms.iter().map(|f| f.1)
    }

    /// The lines of the text as token ranges `a..b`, in order: a line runs from a token
    /// with a line break before it (or the first token) to the next such token.
    pub fn lines(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let ends = self.line_starts.iter().skip(1).map(|&b| b as usize);
        let ends = ends.chain(std::iter::once(self.toks.len()));
        (self.line_starts.iter().map(|&a| a as usize)).zip(ends)
    }

    /// Original text from the start of token `a` to the end of token `b - 1`.
    pub fn span_text(&self, a: usize, b: usize) -> &'a str {
        if a >= b || b > self.toks.len() {
            return "";
        }
        let s = self.toks[a].start as usize;
        let e = self.toks[b - 1].end as usize;
        self.text.get(s..e).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// True when token `i` exists and is the given punctuation character.
    #[inline]
    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Punct && self.surface(i) == p
    }

    /// True when token `i` exists and its lowercase form is `w`.
    #[inline]
    pub fn is_word(&self, i: usize, w: &str) -> bool {
        i < self.toks.len() && self.lower(i) == w
    }
}

/// FNV-1a over bytes, then a final mix. Stable across runs (no random state), so output is
/// deterministic.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// A set over the low bits of token hashes (`SLOTS` values, a power of two), one byte a
/// value: a set of words asked at every token answers "certainly not one of them" with
/// one load and no shift for most tokens, and the caller spells out or looks up only the
/// rest. (A byte a value, not a bit: the test runs at every token, and a 256-byte table
/// stays in cache.) No false negatives; the hashes are well mixed in their low bits, so
/// few other words share a value. (The high bytes of short words' hashes are much alike:
/// do not index by them.)
pub struct HashFilter<const SLOTS: usize>([bool; SLOTS]);

impl<const SLOTS: usize> HashFilter<SLOTS> {
    const MASK: usize = {
        assert!(SLOTS.is_power_of_two());
        SLOTS - 1
    };

    /// The filter holding each of `hashes`.
    pub fn of_hashes(hashes: impl IntoIterator<Item = u64>) -> Self {
        let mut slots = [false; SLOTS];
        for h in hashes {
            slots[h as usize & Self::MASK] = true;
        }
        HashFilter(slots)
    }

    /// Might a token of hash `h` be one of the filter's words.
    #[inline]
    pub fn may_hold(&self, h: u64) -> bool {
        self.0[h as usize & Self::MASK]
    }
}

/// Phrase hash: seed, then fold each token hash in.
pub const PHRASE_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

#[inline]
pub fn phrase_step(acc: u64, tok: u64) -> u64 {
    (acc.rotate_left(23) ^ tok).wrapping_mul(0x2545_f491_4f6c_dd1d)
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (in case text is not NFC, or the script needs them).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0591..=0x05C7 | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Whitespace or a control char: both only separate tokens.
#[inline]
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return c <= ' ' || c == '\x7f';
    }
    c.is_whitespace() || c.is_control()
}

/// A char that ends a line: a line break precedes the next token.
#[inline]
fn is_line_break(c: char) -> bool {
    c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}'
}

/// The char at byte `i` of `text` and its length in bytes; ASCII without decoding.
/// `i` is always a char boundary (the scanner only moves by whole chars).
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Is the apostrophe at byte `i` followed by a possessive "s" that ends the word
/// ("Israel's", not "O'Shea")? False at the end of the text.
#[inline]
fn possessive_s_at(text: &str, i: usize) -> bool {
    matches!(char_at(text, i + 1), Some(('s' | 'S', _)))
        && !char_at(text, i + 2).is_some_and(|(c, _)| is_word_char(c))
}

/// The end (byte offset, char count) of the word or number whose first char, `len` bytes
/// long, starts at byte `start`.
#[inline]
fn word_end(text: &str, start: usize, len: usize, numeric: bool) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut j, mut chars) = (start + len, 1usize);
    loop {
        // Most words are ASCII letters and digits: skip them without decoding.
        let run = bytes[j..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        j += run;
        chars += run;
        let Some((d, dl)) = char_at(text, j) else {
            break;
        };
        let next = || char_at(text, j + dl).map(|(c, _)| c);
        if is_word_char(d)
            || (numeric && (d == ',' || d == '.') && next().is_some_and(|c| c.is_ascii_digit()))
        {
            // "1,200", "3.5": separators between digits stay inside a number.
        } else if d == '\'' && !numeric && next().is_some_and(char::is_alphabetic) {
            // Keep O'Brien, Ma'rib, d'Ivoire; split off a possessive 's.
            if possessive_s_at(text, j) {
                break;
            }
        } else {
            break;
        }
        j += dl;
        chars += 1;
    }
    (j, chars)
}

/// Appends the lowercase form of `s` to `lower` (ASCII without the Unicode tables).
#[inline]
fn push_lower(s: &str, lower: &mut Vec<u8>) {
    if s.is_ascii() {
        lower.extend(s.bytes().map(|b| b.to_ascii_lowercase()));
        return;
    }
    for ch in s.chars() {
        if ch.is_ascii() {
            lower.push(ch.to_ascii_lowercase() as u8);
        } else {
            push_lower_char(ch, lower);
        }
    }
}

/// Appends the lowercase form of one char (UTF-8) to `lower`.
#[inline]
fn push_lower_char(ch: char, lower: &mut Vec<u8>) {
    let mut buf = [0u8; 4];
    for lc in ch.to_lowercase() {
        lower.extend_from_slice(lc.encode_utf8(&mut buf).as_bytes());
    }
}

/// The lowercase buffer from byte `lo` on as text. It only ever receives whole chars, so
/// this never fails; "" if it somehow did.
#[inline]
fn lower_str(lower: &[u8], lo: usize, hi: usize) -> &str {
    lower
        .get(lo..hi)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("")
}

/// Scans the word or number starting at byte `start` with char `c` (a word char, `len`
/// bytes), appending its lowercase form to `lower`, and returns its end (byte offset, char
/// count) and kind. An abbreviation's period ("Gen.") and an initial's ("U.", merged later
/// into "U.S." by [`merge_initials`]) belong to the word.
#[inline]
fn scan_word(
    text: &str,
    start: usize,
    (c, len): (char, usize),
    lower: &mut Vec<u8>,
) -> (usize, usize, Kind) {
    let lo = lower.len();
    let numeric = c.is_ascii_digit();
    let (mut j, mut chars) = word_end(text, start, len, numeric);
    push_lower(&text[start..j], lower);
    if text.as_bytes().get(j) == Some(&b'.') {
        let single_cap = chars == 1 && c.is_uppercase();
        if single_cap || crate::words::is_abbrev(lower_str(lower, lo, lower.len())) {
            lower.push(b'.');
            j += 1;
            chars += 1;
        }
    }
    (j, chars, if numeric { Kind::Num } else { Kind::Word })
}

/// Capitalization flags of a token: `cap` (first char uppercase) and `upper` (every letter
/// uppercase, at least two letters). Only words have them; the letter count stops at the
/// first lowercase letter.
#[inline]
fn caps(s: &str, kind: Kind) -> (bool, bool) {
    let cap = kind == Kind::Word && s.chars().next().is_some_and(char::is_uppercase);
    if !cap {
        return (false, false);
    }
    if s.is_ascii() {
        return (true, ascii_upper(s.as_bytes()));
    }
    let mut letters = 0usize;
    for ch in s.chars() {
        if ch.is_alphabetic() {
            letters += 1;
            if !ch.is_uppercase() {
                return (true, false);
            }
        }
    }
    (true, letters >= 2)
}

/// [`caps`]' `upper` for an ASCII word: no lowercase letter and at least two capitals.
/// Most capitalized words go on in lowercase ("Biden"): their second byte answers.
#[inline]
fn ascii_upper(s: &[u8]) -> bool {
    if s.get(1).is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let mut letters = 0usize;
    for &b in s {
        if b.is_ascii_lowercase() {
            return false;
        }
        letters += usize::from(b.is_ascii_uppercase());
    }
    letters >= 2
}

/// Merges initials written without spaces: "U." + "S." -> "U.S.". `tok` is a two-char word
/// ending in a period right after `prev` (no space between); `prev` must be a run of
/// single-letter initials of at most 8 chars. Returns whether `tok` was merged (and must
/// not be pushed); a merged token gets the hash of its new lowercase form, and is an
/// acronym (`upper`) once an initial joins it: an initial takes its period only when it is
/// a capital ([`scan_word`]; no abbreviation is one char), so "U.S." is `upper` here and
/// no later pass needs to look for acronyms (tested against one that did). Cheap tests
/// first: this runs for every token written without a space before it.
///
/// `tok`'s lowercase form is `lower[lo..]`, just appended; `prev`'s, when copied, is right
/// before it (nothing is appended between two tokens). `resized` lists the lengths of the
/// [`Form::Resized`] forms of `toks`, and is kept so when `tok` joins `prev`.
#[inline]
fn merge_initials(
    toks: &mut [Token],
    tok: &Token,
    lower: &[u8],
    lo: usize,
    resized: &mut Vec<u32>,
) -> bool {
    if !(tok.kind == Kind::Word && tok.cend - tok.cstart == 2 && lower.last() == Some(&b'.')) {
        return false;
    }
    let Some(prev) = toks.last_mut() else {
        return false;
    };
    let prev_len = match prev.form {
        Form::InText => return false,
        Form::Copied => (prev.end - prev.start) as usize,
        Form::Resized => resized.last().map_or(0, |&l| l as usize),
    };
    let Some(plo) = lo.checked_sub(prev_len) else {
        return false;
    };
    let plow = lower_str(lower, plo, lo);
    let prev_init = prev.kind == Kind::Word
        && plow.ends_with('.')
        && prev.cend - prev.cstart <= 8
        && plow.chars().all(|ch| ch == '.' || ch.is_alphabetic())
        && plow.chars().filter(|&ch| ch == '.').count() * 2 == (prev.cend - prev.cstart) as usize;
    if prev_init {
        prev.end = tok.end;
        prev.cend = tok.cend;
        let len = (lower.len() - plo) as u32;
        match (prev.form, tok.form) {
            (Form::Resized, _) => {
                if let Some(l) = resized.last_mut() {
                    *l = len;
                }
            }
            (_, Form::Resized) => {
                prev.form = Form::Resized;
                resized.push(len);
            }
            _ => {}
        }
        prev.upper = prev.upper || tok.cap;
        prev.hash = hash_bytes(lower.get(plo..).unwrap_or(&[]));
    }
    prev_init
}

/// [`hash_str`] over bytes.
#[inline]
fn hash_bytes(s: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for b in s {
        h ^= u64::from(*b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h ^ (h >> 29)
}

/// Per byte: its lowercase form if it is an ASCII letter or digit, else 0.
static ASCII_LOWER_ALNUM: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Splits `text` into tokens in one left-to-right pass. `lower_buf` receives the tokens'
/// lowercase forms that differ from their surface (its old content is dropped, its capacity
/// reused).
///
/// The scanner loop: whitespace and control chars set the `space`/`newline` flags of the
/// next token; a word char starts a word or number; a possessive "'s" right after a word is
/// one punctuation token; any other char is a punctuation token of its own. A word of ASCII
/// letters and digits that nothing after it continues (most words) is read in one loop over
/// its bytes ([`ascii_word`]), and so is ASCII punctuation; any other word goes through
/// [`scan_word`]. A token's hash is computed when it is pushed (again when initials merge).
pub fn tokenize<'a>(text: &'a str, lower_buf: &'a mut String) -> Tokens<'a> {
    let mut toks: Vec<Token> = Vec::with_capacity(text.len() / 5 + 4);
    let mut lower: Vec<u8> = std::mem::take(lower_buf).into_bytes();
    let mut resized = Vec::new();
    scan(text, &mut lower, &mut toks, &mut resized);
    let mut resized = resized.iter();
    // `lower` holds only whole chars (ASCII bytes and `encode_utf8` output), so this
    // conversion cannot fail; the lossy branch only keeps the code free of panics.
    *lower_buf = String::from_utf8(lower)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    // The copied forms follow each other in the buffer in token order, so each is split
    // off the front of what is left (one boundary test, not two). The surfaces are sliced
    // without tests ([`surface_of`]): the scanner's offsets are char boundaries.
    let mut copied: &'a str = lower_buf;
    // A token's offsets are `u32`s: past 4 GiB they wrap, and only the checked slice
    // is sound (the worker never gets there: `enrich.max_text_bytes` cuts far below).
    let offsets_fit = u32::try_from(text.len()).is_ok();
    // Token 0 always has a line break before it (the scanner starts as after one); the
    // first line is still made to start at it whatever its flag says.
    let mut line_starts = Vec::with_capacity(16);
    if !toks.is_empty() && !toks[0].newline_before {
        line_starts.push(0);
    }
    // (A map collected, not a loop of pushes: the forms are written without a capacity
    // test each.)
    let forms = (toks.iter().enumerate())
        .map(|(k, t)| {
            if t.newline_before {
                line_starts.push(k as u32);
            }
            let surface = if offsets_fit {
                // SAFETY: `t` is a token `scan` made of `text` (just above; nothing
                // changed `toks` since) and its offsets did not wrap, which is what
                // `surface_of` asks.
                unsafe { surface_of(text, t) }
            } else {
                text.get(t.start as usize..t.end as usize)
                    .unwrap_or_default()
            };
            let len = match t.form {
                Form::InText => return (surface, surface),
                Form::Copied => surface.len(),
                Form::Resized => resized.next().map_or(0, |&l| l as usize),
            };
            let (form, rest) = copied.split_at_checked(len).unwrap_or(("", ""));
            copied = rest;
            (surface, form)
        })
        .collect();
    Tokens {
        text,
        toks,
        forms,
        line_starts,
    }
}

/// The surface of token `t`, `&text[t.start..t.end]`, without the slice's tests: two
/// char-boundary tests (a load and a compare each) and the range's, a third of the forms
/// pass of [`tokenize`] when it ran them for every token.
///
/// # Safety
///
/// `t` must be a token [`scan`] made of `text`, and `text` at most `u32::MAX` bytes long
/// (the offsets' type): its offsets are then in order, within `text` and on char
/// boundaries. The scanner's position starts at 0 and only moves on by
/// whole chars (one byte over an ASCII byte, the UTF-8 length [`char_at`] read over any
/// other char, [`word_end`] the same way); a token starts where the scanner stood at its
/// first char and ends where it stands after its last, and [`merge_initials`] only gives a
/// token the end of the token right after it. `token_offsets_are_char_boundaries` (tests)
/// checks this on any text, and debug builds (the tests' debug runs, the fuzz targets)
/// check every token here.
#[inline]
unsafe fn surface_of<'a>(text: &'a str, t: &Token) -> &'a str {
    let (s, e) = (t.start as usize, t.end as usize);
    debug_assert!(s <= e && text.is_char_boundary(s) && text.is_char_boundary(e));
    // SAFETY: `s..e` is a range of `text` on char boundaries, as the caller promises.
    unsafe { text.get_unchecked(s..e) }
}

/// Reusable buffers for [`token_hashes`]: loading the data splits some 400,000 names, and
/// two allocations per name were a third of the start-up time.
#[derive(Debug, Default)]
pub struct Scratch {
    lower: Vec<u8>,
    toks: Vec<Token>,
    resized: Vec<u32>,
    hashes: Vec<u64>,
}

/// The hashes of the tokens of `text`, exactly as [`tokenize`] gives them, without
/// allocating once `scratch` has grown: what the data load needs for phrase hashes. A text
/// of ASCII letters, digits and spaces (most names) is hashed in one loop
/// ([`simple_hashes`]); any other goes through the scanner of [`tokenize`].
pub fn token_hashes<'s>(text: &str, scratch: &'s mut Scratch) -> &'s [u64] {
    scratch.hashes.clear();
    if !simple_hashes(text.as_bytes(), &mut scratch.hashes) {
        scratch.hashes.clear();
        scratch.toks.clear();
        scan(
            text,
            &mut scratch.lower,
            &mut scratch.toks,
            &mut scratch.resized,
        );
        scratch.hashes.extend(scratch.toks.iter().map(|t| t.hash));
    }
    &scratch.hashes
}

/// The token hashes of a text made only of ASCII letters and digits and of whitespace or
/// control bytes, appended to `out`. For such a text the scanner's tokens are exactly the
/// runs of letters and digits (no abbreviation period, apostrophe, number separator,
/// initials or non-ASCII char can occur), each hashed lowercase as [`hash_bytes`] does.
/// False, with `out` partly filled, at the first byte of any other kind.
fn simple_hashes(bytes: &[u8], out: &mut Vec<u64>) -> bool {
    let (mut h, mut in_word) = (FNV_OFFSET, false);
    for &b in bytes {
        let l = ASCII_LOWER_ALNUM[usize::from(b)];
        if l != 0 {
            h = (h ^ u64::from(l)).wrapping_mul(FNV_PRIME);
            in_word = true;
        } else if b <= b' ' || b == 0x7f {
            if in_word {
                out.push(h ^ (h >> 29));
                (h, in_word) = (FNV_OFFSET, false);
            }
        } else {
            return false;
        }
    }
    if in_word {
        out.push(h ^ (h >> 29));
    }
    true
}

/// The token of the word or number of ASCII letters and digits starting at byte `i` (char
/// `ci`), read in one loop over its bytes, when the char after it cannot continue it and
/// no period joins it: exactly the token the general path of [`scan`] would make. `None`
/// (and `lower` unchanged) for a word that goes on with an apostrophe and a letter
/// ("O'Brien"), a non-ASCII char, a decimal or thousands separator, or that takes its
/// period (an abbreviation, an initial). `flags` are the token's `space_before` and
/// `newline_before`. The token is pushed onto `toks` here, so that its fields are stored
/// from the registers that computed them (a token returned was written to the stack and
/// copied); returned: where it ends (byte, char) and whether a space follows it.
///
/// A word without capitals is its own lowercase form: it is not copied into `lower` (the
/// token's lowercase form is then its surface, see [`Form::InText`]).
#[inline]
fn ascii_word(
    text: &str,
    (i, ci): (usize, usize),
    (space, newline): (bool, bool),
    lower: &mut Vec<u8>,
    toks: &mut Vec<Token>,
) -> Option<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    let first = *bytes.get(i)?;
    let numeric = first.is_ascii_digit();
    // The letters and digits hashed lowercase (as `hash_bytes` does). `common` keeps the
    // bits all of them share: digits and lowercase letters have the 0x20 bit, capitals do
    // not, so the word is its own lowercase form when `common` keeps that bit.
    let (mut run, mut h, mut common) = (i, FNV_OFFSET, 0xffu8);
    while let Some(&c) = bytes.get(run) {
        let l = ASCII_LOWER_ALNUM[usize::from(c)];
        if l == 0 {
            break;
        }
        common &= c;
        h = (h ^ u64::from(l)).wrapping_mul(FNV_PRIME);
        run += 1;
    }
    let word = &bytes[i..run];
    let lo = lower.len();
    let in_text = common & 0x20 != 0;
    if !in_text {
        push_lower_alnum(bytes, i, run, lower);
    }
    // A space follows most words: it ends the word at once (one test, not the match of
    // `ascii_word_ends`), and the scanner is told so rather than reading the byte again.
    let spaced = bytes.get(run) == Some(&b' ');
    if !spaced && !ascii_word_ends(text, run, numeric, &lower[lo..], word) {
        lower.truncate(lo);
        return None;
    }
    let cap = !numeric && first.is_ascii_uppercase();
    let chars = run - i;
    toks.push(Token {
        start: i as u32,
        end: run as u32,
        cstart: ci as u32,
        cend: (ci + chars) as u32,
        kind: if numeric { Kind::Num } else { Kind::Word },
        cap,
        upper: cap && ascii_upper(word),
        space_before: space,
        newline_before: newline,
        hash: h ^ (h >> 29),
        form: if in_text { Form::InText } else { Form::Copied },
    });
    Some((run, ci + chars, spaced))
}

/// Appends the lowercase form of `bytes[i..run]`, ASCII letters and digits only, to
/// `lower`, eight bytes at a time (`| 0x20` lowercases a capital and keeps the others),
/// the bytes read past `run` dropped again; a byte at a time in the text's last eight
/// bytes. The capitalized words of a text are a quarter of its words, and most are
/// shorter than eight letters: one block each.
#[inline]
fn push_lower_alnum(bytes: &[u8], i: usize, run: usize, lower: &mut Vec<u8>) {
    const LOWER_BITS: u64 = u64::from_ne_bytes([0x20; 8]);
    let lo = lower.len();
    let mut k = i;
    while k < run {
        let Some(block) = bytes.get(k..k + 8) else {
            let rest = bytes.get(k..run).unwrap_or(&[]);
            lower.extend(rest.iter().map(|&c| c | 0x20));
            break;
        };
        let mut w = [0u8; 8];
        w.copy_from_slice(block);
        lower.extend_from_slice(&(u64::from_ne_bytes(w) | LOWER_BITS).to_ne_bytes());
        k += 8;
    }
    lower.truncate(lo + (run - i));
}

/// Does the ASCII word or number `word` (lowercase form `copied`, or `word` itself when
/// `copied` is empty) end at byte `run` of `text` as the general path of [`scan`] reads it
/// ([`word_end`], [`scan_word`])? An apostrophe ends it unless a letter follows that is not
/// a possessive "s"; a period, unless it is a decimal point or the word takes it (a single
/// capital, an abbreviation); a comma, unless it separates digits; any other ASCII char
/// ends it, a non-ASCII char never does (it may be a letter).
#[inline]
fn ascii_word_ends(text: &str, run: usize, numeric: bool, copied: &[u8], word: &[u8]) -> bool {
    let Some(&d) = text.as_bytes().get(run) else {
        return true;
    };
    let digit_after = || text.as_bytes().get(run + 1).is_some_and(u8::is_ascii_digit);
    match d {
        0x80.. => false,
        b'\'' => {
            numeric
                || possessive_s_at(text, run)
                || !char_at(text, run + 1).is_some_and(|(c, _)| c.is_alphabetic())
        }
        b',' => !(numeric && digit_after()),
        b'.' => {
            if numeric && digit_after() {
                return false;
            }
            let single_cap = word.len() == 1 && word[0].is_ascii_uppercase();
            let lower = if copied.is_empty() { word } else { copied };
            !single_cap && !crate::words::is_abbrev_bytes(lower)
        }
        _ => true,
    }
}

/// The token of the ASCII punctuation byte `b` (not an apostrophe) at byte `i`, char `ci`:
/// one byte, as the scanner's general path would make it (no capitals, never merged into
/// initials, which only joins words), except that its lowercase form, the byte itself, is
/// not copied into the buffer ([`Form::InText`]).
#[inline]
fn ascii_punct(b: u8, (i, ci): (usize, usize), (space, newline): (bool, bool)) -> Token {
    Token {
        start: i as u32,
        end: i as u32 + 1,
        cstart: ci as u32,
        cend: ci as u32 + 1,
        kind: Kind::Punct,
        cap: false,
        upper: false,
        space_before: space,
        newline_before: newline,
        hash: hash_bytes(&[b]),
        form: Form::InText,
    }
}

/// What a byte starts, for the scanner's dispatch ([`STARTS`]): one table load instead of
/// a chain of range tests per token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Starts {
    /// ASCII whitespace or control: only separates tokens.
    Space,
    /// An ASCII letter or digit: a word or number.
    Alnum,
    /// ASCII punctuation other than the apostrophe: a one-byte token.
    Punct,
    /// An apostrophe or a non-ASCII byte: the scanner's general path.
    Other,
}

/// [`Starts`] per byte value.
static STARTS: [Starts; 256] = {
    let mut t = [Starts::Other; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c <= b' ' || c == 0x7f {
            Starts::Space
        } else if c.is_ascii_alphanumeric() {
            Starts::Alnum
        } else if c == b'\'' {
            Starts::Other
        } else {
            Starts::Punct
        };
        b += 1;
    }
    t
};

/// The scanner of [`tokenize`]: appends the tokens of `text` to `toks` (empty on entry) and
/// their lowercase forms to `lower` (cleared first). Whitespace sets the next token's
/// flags; ASCII words and punctuation take the fast paths ([`ascii_word`],
/// [`ascii_punct`]); any other token is read by [`general_token`]. The lengths of the
/// [`Form::Resized`] forms go to `resized` (cleared first), in token order.
fn scan(text: &str, lower: &mut Vec<u8>, toks: &mut Vec<Token>, resized: &mut Vec<u32>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    lower.clear();
    resized.clear();
    lower.reserve(n + 8);
    // The scanner's position: byte offset `i`, char offset `ci`.
    let (mut i, mut ci) = (0usize, 0usize);
    let mut space = true;
    let mut newline = true;
    'scan: while let Some(&b) = bytes.get(i) {
        let starts = STARTS[usize::from(b)];
        if starts != Starts::Other {
            if starts == Starts::Space {
                space = true;
                newline |= b == b'\n' || b == b'\r';
                i += 1;
                ci += 1;
                continue;
            }
            if starts == Starts::Alnum {
                // Words one space apart (most of a text) are read by this inner loop, not
                // by a turn of the outer loop each.
                while let Some((end, cend, spaced)) =
                    ascii_word(text, (i, ci), (space, newline), lower, toks)
                {
                    (i, ci) = (end, cend);
                    newline = false;
                    space = spaced;
                    if !space {
                        continue 'scan;
                    }
                    (i, ci) = (i + 1, ci + 1);
                    // A letter or digit by the table `ascii_word` reads (one load).
                    let alnum = |&b: &u8| ASCII_LOWER_ALNUM[usize::from(b)] != 0;
                    if !bytes.get(i).is_some_and(alnum) {
                        continue 'scan;
                    }
                }
                // Otherwise the general path below reads the word.
            } else {
                toks.push(ascii_punct(b, (i, ci), (space, newline)));
                (i, ci) = (i + 1, ci + 1);
                space = false;
                newline = false;
                continue;
            }
        }
        let Some((c, len)) = char_at(text, i) else {
            break;
        };
        if is_space(c) {
            space = true;
            newline |= is_line_break(c);
            i += len;
            ci += 1;
            continue;
        }
        let lo = lower.len();
        let tok = general_token(text, (i, ci), (c, len), (space, newline), lower);
        if space || !merge_initials(toks, &tok, lower, lo, resized) {
            if tok.form == Form::Resized {
                resized.push((lower.len() - lo) as u32);
            }
            toks.push(tok);
        }
        (i, ci) = (tok.end as usize, tok.cend as usize);
        space = false;
        newline = false;
    }
}

/// The token starting with char `c` (`len` bytes, not a space) at byte `i`, char `ci`, by
/// the scanner's general path: a word or number ([`scan_word`]), a possessive "'s" right
/// after a word, or a punctuation char of its own; its lowercase form is appended to
/// `lower`. `space` and `newline` are its `space_before` and `newline_before`.
#[inline(never)]
fn general_token(
    text: &str,
    (i, ci): (usize, usize),
    (c, len): (char, usize),
    (space, newline): (bool, bool),
    lower: &mut Vec<u8>,
) -> Token {
    let lo = lower.len();
    let (end, chars, kind) = if is_word_char(c) {
        scan_word(text, i, (c, len), lower)
    } else if c == '\'' && !space && possessive_s_at(text, i) {
        lower.extend_from_slice(b"'s");
        (i + 2, 2, Kind::Punct)
    } else if c.is_ascii() {
        lower.push(c.to_ascii_lowercase() as u8);
        (i + len, 1, Kind::Punct)
    } else {
        push_lower_char(c, lower);
        (i + len, 1, Kind::Punct)
    };
    let surface = &text[i..end];
    let (cap, upper) = caps(surface, kind);
    Token {
        start: i as u32,
        end: end as u32,
        cstart: ci as u32,
        cend: (ci + chars) as u32,
        kind,
        cap,
        upper,
        space_before: space,
        newline_before: newline,
        hash: hash_bytes(&lower[lo..]),
        form: Form::copied(lower.len() - lo, end - i),
    }
}

/// The first token from `from` on that starts at char `pos` or later (tokens are in text
/// order). The search starts at a guess from the char distance (news text averages a
/// little over five chars a token, spaces included) and gallops from there, forward or
/// back (steps of 1, 2, 4, ... then a binary search in the last step): a walk over sorted
/// positions costs the logarithm of the guess's error, not of the gap, and reads the
/// tokens near the answer only.
pub(crate) fn first_starting_at_or_after(toks: &[Token], from: usize, pos: usize) -> usize {
    let rest = toks.get(from..).unwrap_or(&[]);
    let before = |t: &Token| (t.cstart as usize) < pos;
    let Some(first) = rest.first().filter(|t| before(t)) else {
        return from;
    };
    // About 3/16 of a token a char; at least one token on, since `rest[0]` starts before.
    let guess = ((pos - first.cstart as usize) * 3 / 16).clamp(1, rest.len());
    let (lo, hi) = bracket(rest, guess, before);
    from + lo + rest[lo..hi].partition_point(before)
}

/// For [`first_starting_at_or_after`]: `lo..hi` holding the first token of `rest` not
/// `before`, found by galloping from `guess` (`1..=rest.len()`): every token of
/// `rest[..lo]` is before, and `rest[hi]` is not (or `hi` is `rest.len()`). `rest[0]` is
/// before.
fn bracket(rest: &[Token], guess: usize, before: impl Fn(&Token) -> bool) -> (usize, usize) {
    let n = rest.len();
    if guess == n || !before(&rest[guess]) {
        // Back from `guess`: `rest[hi]` is not before (or `hi` is the end).
        let (mut hi, mut step) = (guess, 1);
        while hi > step && !before(&rest[hi - step]) {
            hi -= step;
            step *= 2;
        }
        return (hi.saturating_sub(step) + 1, hi);
    }
    // On from `guess`: `rest[..lo]` are all before; the loop stops at a token not before,
    // `rest[lo + step - 1]`, or at the end.
    let (mut lo, mut step) = (guess + 1, 1);
    while lo + step <= n && before(&rest[lo + step - 1]) {
        lo += step;
        step *= 2;
    }
    (lo, (lo + step - 1).min(n))
}

/// Kept here for the passes that read it as a token property.
pub(crate) use crate::words::is_date_word;

#[cfg(test)]
mod tests {
    #[test]
    fn a_hash_filter_holds_its_words_and_rejects_most_others() {
        let words = ["of", "as", ",", "is", "was", "named"];
        let filter = super::HashFilter::<256>::of_hashes(words.iter().map(|w| super::hash_str(w)));
        for w in words {
            assert!(filter.may_hold(super::hash_str(w)), "{w}");
        }
        let others = [
            "the", "minister", "said", "in", "and", "to", "a", "on", "for", "by",
        ];
        let passed = others
            .iter()
            .filter(|w| filter.may_hold(super::hash_str(w)))
            .count();
        assert!(passed <= 2, "{passed} of {} other words pass", others.len());
    }

    use super::*;

    #[test]
    fn the_general_path_reads_possessives_abbreviations_and_other_chars() {
        let mut lower = Vec::new();
        let text = "Israel's Gen. «";
        // A possessive right after a word: one punctuation token.
        let t = general_token(text, (6, 6), ('\'', 1), (false, false), &mut lower);
        assert_eq!((t.kind, t.end, t.cend), (Kind::Punct, 8, 8));
        assert_eq!(t.hash, hash_str("'s"));
        // After a space the apostrophe is a token of its own.
        let t = general_token(text, (6, 6), ('\'', 1), (true, false), &mut lower);
        assert_eq!((t.kind, t.end, t.space_before), (Kind::Punct, 7, true));
        // An abbreviation keeps its period.
        let t = general_token(text, (9, 9), ('G', 1), (true, false), &mut lower);
        assert_eq!((t.kind, t.end, t.cap), (Kind::Word, 13, true));
        assert_eq!(t.hash, hash_str("gen."));
        // A non-ASCII punctuation char: its whole UTF-8 sequence, one char.
        let t = general_token(text, (14, 14), ('«', 2), (true, false), &mut lower);
        assert_eq!((t.kind, t.end, t.cend, t.cap), (Kind::Punct, 16, 15, false));
    }

    /// [`Tokens::lines`] as a walk over every token's flag finds them.
    fn lines_by_walk(t: &Tokens<'_>) -> Vec<(usize, usize)> {
        let (mut out, mut a) = (Vec::new(), 0);
        while a < t.len() {
            let rest = t.toks.get(a + 1..).unwrap_or(&[]);
            let b = a + 1 + rest.iter().take_while(|x| !x.newline_before).count();
            out.push((a, b));
            a = b;
        }
        out
    }

    #[test]
    fn lines_are_the_runs_a_walk_over_the_line_breaks_finds() {
        for text in [
            "",
            "\n \r\n",
            "One line only.",
            "\n\nLeading breaks\r\nthen CRLF\n\n\nand blank lines\n",
            "U.S.\nA.B. rule\u{2028}sep\u{2029}para \t tab\rx",
            "a\nb\nc\nd",
        ] {
            let mut buf = String::new();
            let t = tokenize(text, &mut buf);
            let lines: Vec<_> = t.lines().collect();
            assert_eq!(lines, lines_by_walk(&t), "{text:?}");
            let breaks = text.matches(['\n', '\r', '\u{2028}', '\u{2029}']).count();
            assert!(lines.len() <= breaks + 1, "{text:?}");
        }
        let mut buf = String::new();
        let t = tokenize("a\nb\nc\nd", &mut buf);
        assert_eq!(
            t.lines().collect::<Vec<_>>(),
            [(0, 1), (1, 2), (2, 3), (3, 4)]
        );
    }

    fn words(s: &str) -> Vec<String> {
        let mut buf = String::new();
        let t = tokenize(s, &mut buf);
        (0..t.len()).map(|i| t.surface(i).to_string()).collect()
    }

    #[test]
    fn galloping_search_finds_what_a_token_by_token_walk_finds() {
        // Short and long texts, dense punctuation (the guess falls short) and long words
        // (it overshoots), so that both directions gallop far.
        let long = format!(
            "{} {} {}",
            "a,b;c.(d) ".repeat(10),
            "Internationalization counterrevolutionaries ".repeat(6),
            "x y z ".repeat(12)
        );
        for text in [
            "One two, three four five. Six seven eight nine ten eleven.",
            &long,
        ] {
            let mut buf = String::new();
            let t = tokenize(text, &mut buf);
            let end = t.toks.last().map_or(0, |x| x.cend as usize);
            for from in 0..t.len() {
                for pos in 0..=end + 1 {
                    let walk = (from..t.len())
                        .find(|&k| t.toks[k].cstart as usize >= pos)
                        .unwrap_or(t.len());
                    assert_eq!(
                        first_starting_at_or_after(&t.toks, from, pos),
                        walk,
                        "{from} {pos}"
                    );
                }
            }
        }
    }

    #[test]
    fn only_words_are_capitalized() {
        // `Doc::is_cap_word` reads `cap` alone.
        let mut buf = String::new();
        let t = tokenize(
            "U.S. 3Com 7E ÉCOLE Ǆ Σ. A. B. NATO's «Kyiv» 1,200 Ⅻ ① Gen. X.Y.Z. iPhone",
            &mut buf,
        );
        for (i, tok) in t.toks.iter().enumerate() {
            if tok.cap {
                assert_eq!(tok.kind, Kind::Word, "{}", t.surface(i));
            }
        }
    }

    #[test]
    fn splits_possessive_and_keeps_apostrophe_names() {
        assert_eq!(words("Israel's O'Brien"), ["Israel", "'s", "O'Brien"]);
    }

    #[test]
    fn merges_initials_and_keeps_abbreviation_periods() {
        assert_eq!(
            words("the U.S. and Maj. Gen. Smith."),
            ["the", "U.S.", "and", "Maj.", "Gen.", "Smith", "."]
        );
        let mut buf = String::new();
        let t = tokenize("U.S. US", &mut buf);
        assert!(t.toks[0].upper && t.toks[1].upper);
        assert_eq!(t.toks[0].hash, hash_str("u.s."));
    }

    /// The pass the scanner used to end with: a "U.S." style word (a period inside, every
    /// letter a capital, at least three chars) marked `upper`. Kept to show that the
    /// scanner's `caps` and [`merge_initials`] have always set the flag already.
    fn finish_acronyms(text: &str, toks: &mut [Token]) {
        for t in toks.iter_mut() {
            if t.kind == Kind::Word && t.cend - t.cstart >= 3 && t.cap {
                let s = &text[t.start as usize..t.end as usize];
                if s.contains('.')
                    && s.chars()
                        .filter(|c| c.is_alphabetic())
                        .all(|c| c.is_uppercase())
                {
                    t.upper = true;
                }
            }
        }
    }

    /// Does [`finish_acronyms`] leave the tokens of `text` as they are?
    fn acronyms_already_final(text: &str) -> bool {
        let mut buf = String::new();
        let t = tokenize(text, &mut buf);
        let mut finished = t.toks.clone();
        finish_acronyms(text, &mut finished);
        (t.toks.iter().zip(&finished)).all(|(a, b)| a.upper == b.upper)
    }

    #[test]
    fn acronyms_are_final_without_a_last_pass() {
        // Every word char (all of Unicode) as an initial, inside an abbreviation-like word
        // and beside initials of every case; then some chars whose case is unusual
        // (titlecase, caseless, Kelvin sign, dotted capital I, circled letters, marks,
        // other digits) two by two.
        let patterns = [
            "{c}.", "{c}.{c}.", "U.{c}.", "{c}.S.", "{c}.s.", "u.{c}.", "A.{c}.B.", "{c}X.",
            "X{c}.", "{c}{c}.", "{c}T.", "M{c}.", "{c}R.", "G{c}N.", "{c}1.",
        ];
        let word_chars = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| is_word_char(c));
        let mut read = 0;
        for c in word_chars {
            for p in patterns {
                let text = p.replace("{c}", c.encode_utf8(&mut [0; 4]));
                assert!(acronyms_already_final(&text), "{text:?}");
                read += 1;
            }
        }
        assert!(read > 100_000, "{read}");
        let odd = "AaZzǅǄǆΣσİıKÅⒶⓐ🄰\u{301}\u{5d0}\u{663}\u{2160}ßẞ1ſ";
        for c in odd.chars() {
            for d in odd.chars() {
                for text in [
                    format!("{c}.{d}."),
                    format!("{c}{d}."),
                    format!("{c}.{d}.{c}."),
                ] {
                    assert!(acronyms_already_final(&text), "{text:?}");
                }
            }
        }
        for text in [
            "the U.S. and U.K. said; MR. SMITH, Mr. Jones, GEN. X.Y.Z. e.g. U.s.A. ST. MT.",
            "A.B. rule \u{130}.S. \u{c9}.U. \u{212a}.K. DR.\u{d6}.",
        ] {
            assert!(acronyms_already_final(text), "{text:?}");
        }
        // The pass would have something to do if the flag were not set already.
        let mut buf = String::new();
        let t = tokenize("U.S.", &mut buf);
        let mut cleared = t.toks.clone();
        cleared[0].upper = false;
        finish_acronyms("U.S.", &mut cleared);
        assert!(cleared[0].upper);
    }

    #[test]
    fn offsets_are_chars() {
        let mut buf = String::new();
        let t = tokenize("é Kyiv", &mut buf);
        assert_eq!((t.toks[1].cstart, t.toks[1].cend), (2, 6));
        assert_eq!(t.lower(1), "kyiv");
    }

    #[test]
    fn words_mixing_ascii_and_other_letters_stay_whole() {
        // The ASCII fast path hands over to char decoding mid-word and back.
        assert_eq!(
            words("Brasília's KRAKÓW 1,200.5 naïve\u{a0}Đà"),
            ["Brasília", "'s", "KRAKÓW", "1,200.5", "naïve", "Đà"]
        );
        let mut buf = String::new();
        let t = tokenize("Brasília KRAKÓW", &mut buf);
        assert_eq!((t.toks[0].cstart, t.toks[0].cend), (0, 8));
        assert_eq!((t.toks[1].cstart, t.toks[1].cend), (9, 15));
        assert!(t.toks[1].upper && !t.toks[0].upper);
        assert_eq!(t.lower(1), "kraków");
    }

    #[test]
    fn fast_and_general_paths_give_the_same_hashes_and_flags() {
        // ASCII words read in one loop, and words the general scanner reads (a period, an
        // apostrophe, a decimal, non-ASCII), side by side.
        let mut buf = String::new();
        let t = tokenize(
            "NATO said. Gen. O'Brien's 3.5 1,200 x,y Kraków BBC U.S.A. e.g.",
            &mut buf,
        );
        for i in 0..t.len() {
            assert_eq!(t.toks[i].hash, hash_str(t.lower(i)), "{}", t.surface(i));
        }
        let got: Vec<_> = (0..t.len())
            .map(|i| (t.surface(i), t.toks[i].upper))
            .collect();
        assert_eq!(
            got,
            [
                ("NATO", true),
                ("said", false),
                (".", false),
                ("Gen.", false),
                ("O'Brien", false),
                ("'s", false),
                ("3.5", false),
                ("1,200", false),
                ("x", false),
                (",", false),
                ("y", false),
                ("Kraków", false),
                ("BBC", true),
                ("U.S.A.", true),
                ("e", false),
                (".", false),
                ("g", false),
                (".", false),
            ]
        );
    }

    #[test]
    fn an_ascii_word_ends_where_the_general_path_ends_it_whatever_follows() {
        // Every byte after a word, a capitalized word, a single capital, an abbreviation
        // and a number (the space among them, which `ascii_word_ends` answers first): the
        // fast path gives the general path's token, or leaves the word to it.
        let mut read = 0;
        for word in ["said", "Word", "A", "gen", "42"] {
            for b in (1..=0x7fu8).chain([0xc3]) {
                let text = match b {
                    0xc3 => format!("{word}\u{e9}x"),
                    _ => format!("{word}{}x1", char::from(b)),
                };
                let (mut fast, mut general) = (Vec::new(), Vec::new());
                let first = text.chars().next().map_or(('a', 1), |c| (c, c.len_utf8()));
                let g = general_token(&text, (0, 0), first, (true, false), &mut general);
                let mut pushed = Vec::new();
                let read_fast = ascii_word(&text, (0, 0), (true, false), &mut fast, &mut pushed);
                let Some((end, cend, spaced)) = read_fast else {
                    assert!(b != b' ' && pushed.is_empty(), "{text:?}");
                    continue;
                };
                let [f] = pushed[..] else {
                    panic!("one token pushed for {text:?}");
                };
                assert_eq!((end, cend), (f.end as usize, f.cend as usize), "{text:?}");
                assert_eq!(spaced, b == b' ', "{text:?}");
                read += 1;
                let key = |t: &Token| (t.end, t.cend, t.kind, t.cap, t.upper, t.hash);
                assert_eq!(key(&f), key(&g), "{text:?}");
            }
        }
        assert!(read > 400, "{read}");
    }

    #[test]
    fn lowercase_forms_whether_copied_or_not() {
        // Words without capitals are their own lowercase form (not copied); the others,
        // and the words the general path reads, are copied into the buffer.
        let text = "He said. Mr. Smith's 7'11 3,x 4.y A. Lee d'Ivoire NATO's U.S. e.g. Kraków's";
        let mut buf = String::new();
        let t = tokenize(text, &mut buf);
        for i in 0..t.len() {
            assert_eq!(t.lower(i), t.surface(i).to_lowercase(), "{}", t.surface(i));
            assert_eq!(t.toks[i].hash, hash_str(t.lower(i)), "{}", t.surface(i));
        }
        let got: Vec<_> = (0..t.len()).map(|i| t.surface(i)).collect();
        assert_eq!(
            got,
            [
                "He", "said", ".", "Mr.", "Smith", "'s", "7", "'", "11", "3", ",", "x", "4", ".",
                "y", "A.", "Lee", "d'Ivoire", "NATO", "'s", "U.S.", "e", ".", "g", ".", "Kraków",
                "'s"
            ]
        );
    }

    /// The lowercase form as [`push_lower`] makes it, char by char (`str::to_lowercase`
    /// differs: a final sigma).
    fn lower_by_chars(s: &str) -> String {
        let mut out = Vec::new();
        push_lower(s, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn ascii_upper_answers_as_a_walk_over_every_byte_does() {
        // Every word of up to four bytes over capitals, lowercase letters, digits and a
        // period, the second byte's shortcut among them.
        let alphabet = b"AZaz09.";
        let (mut words, mut last): (Vec<Vec<u8>>, Vec<Vec<u8>>) = (Vec::new(), vec![Vec::new()]);
        for _ in 0..4 {
            last = (last.iter())
                .flat_map(|w| alphabet.iter().map(move |&b| [&w[..], &[b]].concat()))
                .collect();
            words.extend(last.iter().cloned());
        }
        assert!(words.len() > 2000);
        for w in &words {
            let walk = !w.iter().any(u8::is_ascii_lowercase)
                && w.iter().filter(|b| b.is_ascii_uppercase()).count() >= 2;
            assert_eq!(ascii_upper(w), walk, "{w:?}");
        }
    }

    #[test]
    fn a_token_is_32_bytes() {
        // What the one-byte `form` is for (see `Token::form`).
        assert_eq!(std::mem::size_of::<Token>(), 32);
    }

    #[test]
    fn resized_forms_are_measured_through_merges() {
        // "İ" lowercases to three bytes, "Ⱥ" (2 bytes) to "ⱥ" (3): forms of another
        // length than their surface, alone, as initials merged with ASCII ones on either
        // side, and beside copied and uncopied forms. ("İ." takes no initial after it:
        // its form ends in a combining dot, no letter.)
        let text = "İ.S. U.İ. İ.İ. Ⱥ.B.C. x İstanbul's ⱥ U.S. said, A.Ⱥ. end";
        let mut buf = String::new();
        let t = tokenize(text, &mut buf);
        let got: Vec<_> = (0..t.len()).map(|i| t.surface(i)).collect();
        assert_eq!(
            got,
            [
                "İ.",
                "S.",
                "U.İ.",
                "İ.",
                "İ.",
                "Ⱥ.B.C.",
                "x",
                "İstanbul",
                "'s",
                "ⱥ",
                "U.S.",
                "said",
                ",",
                "A.Ⱥ.",
                "end"
            ]
        );
        for i in 0..t.len() {
            assert_eq!(t.lower(i), lower_by_chars(t.surface(i)), "{}", t.surface(i));
            assert_eq!(t.toks[i].hash, hash_str(t.lower(i)), "{}", t.surface(i));
        }
        assert!(t.toks.iter().filter(|x| x.form == Form::Resized).count() >= 5);
    }

    proptest::proptest! {
        #[test]
        fn forms_are_the_lowercase_of_the_surfaces(
            text in "([a-zA-Z0-9İȺⱥΣσßé .,'\n-]{0,6}|U\\.|İ\\.|Ⱥ\\.|Gen\\.|'s ){0,24}"
        ) {
            let mut buf = String::new();
            let t = tokenize(&text, &mut buf);
            for i in 0..t.len() {
                proptest::prop_assert_eq!(t.lower(i), lower_by_chars(t.surface(i)));
                proptest::prop_assert_eq!(t.toks[i].hash, hash_str(t.lower(i)));
            }
        }

        #[test]
        fn blocks_lowercase_as_bytes_do(
            text in "[a-zA-Z0-9]{0,40}[ .é]?[a-zA-Z]{0,10}",
            from in 0usize..40,
        ) {
            let bytes = text.as_bytes();
            let i = from.min(bytes.len());
            let run = i + bytes[i..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            let mut lower = b"kept".to_vec();
            push_lower_alnum(bytes, i, run, &mut lower);
            let mut want = b"kept".to_vec();
            want.extend(bytes[i..run].iter().map(u8::to_ascii_lowercase));
            proptest::prop_assert_eq!(lower, want);
        }
    }

    /// Every token of `text` starts and ends on a char boundary of `text`, after the end of
    /// the token before it, and its surface is the checked slice of its offsets: what
    /// [`surface_of`] relies on.
    fn check_token_offsets(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let mut buf = String::new();
        let t = tokenize(text, &mut buf);
        let mut last_end = 0;
        for (i, tok) in t.toks.iter().enumerate() {
            let (s, e) = (tok.start as usize, tok.end as usize);
            proptest::prop_assert!(last_end <= s && s < e && e <= text.len(), "{text:?} {i}");
            proptest::prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            proptest::prop_assert_eq!(t.surface(i), &text[s..e]);
            last_end = e;
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn token_offsets_are_char_boundaries(text in "(?s).{0,48}") {
            check_token_offsets(&text)?;
        }

        #[test]
        fn token_offsets_are_char_boundaries_in_words(
            text in "([a-zA-Z0-9İȺⱥΣσßé\u{301}\u{2028}«— .,'\n-]{0,6}|U\\.|İ\\.|Ⱥ\\.|Gen\\.|'s ){0,24}"
        ) {
            check_token_offsets(&text)?;
        }
    }

    #[test]
    fn hyphens_are_separate_tokens_without_space() {
        let mut buf = String::new();
        let t = tokenize("al-Burhan Iran-backed", &mut buf);
        assert_eq!(t.len(), 6);
        assert!(!t.toks[1].space_before && !t.toks[2].space_before);
    }

    #[test]
    fn token_hashes_are_the_tokens_of_tokenize() {
        let mut scratch = Scratch::default();
        for text in [
            "",
            " ",
            "Dar es Salaam",
            "7th Avenue  District\t9",
            "U.S. President Joe Biden met Gen. Mark Milley in Côte d'Ivoire's capital.",
            "São Tomé and Príncipe",
            "1,200 people, 3.5 km; O'Brien's U.N. J.R.R. Tolkien",
            "ΑΘΗΝΑ Ελλάδα — «Kyiv» 'quoted' NATO's",
        ] {
            let mut buf = String::new();
            let t = tokenize(text, &mut buf);
            let want: Vec<u64> = t.toks.iter().map(|t| t.hash).collect();
            assert_eq!(token_hashes(text, &mut scratch), want, "{text}");
        }
    }
}

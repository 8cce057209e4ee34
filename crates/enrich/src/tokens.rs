//! One-pass tokenizer over normalized text.
//!
//! Produces word, number and punctuation tokens with byte and char offsets, capitalization
//! flags and a 64-bit hash of the lowercased form, so that every later lookup is a hash probe
//! instead of a string allocation. The same tokenizer splits the gazetteer's names at load
//! time, which is what makes phrase hashes of text and data agree.
//!
//! It must never allocate per token beyond the two shared buffers, and never panic on any
//! input (all slicing is on `char_indices` boundaries).

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
    /// First char is uppercase (or titlecase).
    pub cap: bool,
    /// Every letter is uppercase and there are at least two: "US", "NATO", "U.S.".
    pub upper: bool,
    /// Whitespace precedes this token.
    pub space_before: bool,
    /// A line break precedes this token (paragraphs and headlines are separate units).
    pub newline_before: bool,
    /// Hash of the lowercased form (see [`hash_str`]).
    pub hash: u64,
    lo: u32,
    hi: u32,
}

/// Tokens of one text plus the lowercase buffer they index into.
#[derive(Debug, Default)]
pub struct Tokens<'a> {
    pub text: &'a str,
    pub toks: Vec<Token>,
    lower: String,
}

impl<'a> Tokens<'a> {
    /// Original surface of token `i`.
    pub fn surface(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => self
                .text
                .get(t.start as usize..t.end as usize)
                .unwrap_or(""),
            None => "",
        }
    }

    /// Lowercased form of token `i`; "" when out of range (callers look ahead freely).
    pub fn lower(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => self.lower.get(t.lo as usize..t.hi as usize).unwrap_or(""),
            None => "",
        }
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
    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Punct && self.surface(i) == p
    }

    /// True when token `i` exists and its lowercase form is `w`.
    pub fn is_word(&self, i: usize, w: &str) -> bool {
        i < self.toks.len() && self.lower(i) == w
    }
}

/// FNV-1a over bytes, then a final mix. Stable across runs (no random state), so output is
/// deterministic.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^ (h >> 29)
}

/// Phrase hash: seed, then fold each token hash in.
pub const PHRASE_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

#[inline]
pub fn phrase_step(acc: u64, tok: u64) -> u64 {
    (acc.rotate_left(23) ^ tok).wrapping_mul(0x2545_f491_4f6c_dd1d)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (in case text is not NFC, or the script needs them).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0591..=0x05C7 | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Splits `text` into tokens in one left-to-right pass.
pub fn tokenize(text: &str) -> Tokens<'_> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |k: usize| if k < n { chars[k].0 } else { text.len() };
    let mut toks: Vec<Token> = Vec::with_capacity(n / 5 + 4);
    let mut lower = String::with_capacity(text.len() + 8);
    let mut k = 0usize;
    let mut space = true;
    let mut newline = true;
    while k < n {
        let c = chars[k].1;
        if c.is_whitespace() || c.is_control() {
            space = true;
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                newline = true;
            }
            k += 1;
            continue;
        }
        let start = k;
        let lo = lower.len();
        let kind;
        if is_word_char(c) {
            let numeric = c.is_ascii_digit();
            k += 1;
            while k < n {
                let d = chars[k].1;
                if is_word_char(d)
                    || (numeric
                        && (d == ',' || d == '.')
                        && k + 1 < n
                        && chars[k + 1].1.is_ascii_digit())
                {
                    k += 1;
                } else if d == '\'' && !numeric && k + 1 < n && chars[k + 1].1.is_alphabetic() {
                    // Keep O'Brien, Ma'rib, d'Ivoire; split off possessive 's.
                    let poss = (chars[k + 1].1 == 's' || chars[k + 1].1 == 'S')
                        && (k + 2 >= n || !is_word_char(chars[k + 2].1));
                    if poss {
                        break;
                    }
                    k += 1;
                } else {
                    break;
                }
            }
            for &(_, ch) in &chars[start..k] {
                if ch.is_ascii() {
                    lower.push(ch.to_ascii_lowercase());
                } else {
                    lower.extend(ch.to_lowercase());
                }
            }
            // Abbreviation period and initials: "Gen.", "U." (merged below into "U.S.").
            if k < n && chars[k].1 == '.' {
                let w = &lower[lo..];
                let single_cap = k - start == 1 && c.is_uppercase();
                if single_cap || crate::words::is_abbrev(w) {
                    lower.push('.');
                    k += 1;
                }
            }
            kind = if numeric { Kind::Num } else { Kind::Word };
        } else if c == '\''
            && k + 1 < n
            && (chars[k + 1].1 == 's' || chars[k + 1].1 == 'S')
            && (k + 2 >= n || !is_word_char(chars[k + 2].1))
            && !space
        {
            k += 2;
            lower.push_str("'s");
            kind = Kind::Punct;
        } else {
            k += 1;
            lower.extend(c.to_lowercase());
            kind = Kind::Punct;
        }
        let s_b = byte_at(start);
        let e_b = byte_at(k);
        let mut letters = 0usize;
        let mut all_up = kind == Kind::Word && c.is_uppercase();
        if all_up {
            for &(_, ch) in &chars[start..k] {
                if ch.is_alphabetic() {
                    letters += 1;
                    if !ch.is_uppercase() {
                        all_up = false;
                        break;
                    }
                }
            }
        }
        let tok = Token {
            start: s_b as u32,
            end: e_b as u32,
            cstart: start as u32,
            cend: k as u32,
            kind,
            cap: kind == Kind::Word && c.is_uppercase(),
            upper: kind == Kind::Word && all_up && letters >= 2,
            space_before: space,
            newline_before: newline,
            hash: 0,
            lo: lo as u32,
            hi: lower.len() as u32,
        };
        // Merge initials written without spaces: "U." + "S." -> "U.S.". Cheap tests first:
        // this runs for every token.
        if !space
            && tok.kind == Kind::Word
            && tok.cend - tok.cstart == 2
            && lower[lo..].ends_with('.')
        {
            if let Some(prev) = toks.last_mut() {
                let plow = &lower[prev.lo as usize..prev.hi as usize];
                let prev_init = prev.kind == Kind::Word
                    && prev.hi == tok.lo
                    && plow.ends_with('.')
                    && prev.cend - prev.cstart <= 8
                    && plow.chars().all(|ch| ch == '.' || ch.is_alphabetic())
                    && plow.chars().filter(|&ch| ch == '.').count() * 2
                        == (prev.cend - prev.cstart) as usize;
                if prev_init {
                    prev.end = tok.end;
                    prev.cend = tok.cend;
                    prev.hi = tok.hi;
                    prev.upper = prev.upper || c.is_uppercase();
                    space = false;
                    newline = false;
                    continue;
                }
            }
        }
        toks.push(tok);
        space = false;
        newline = false;
    }
    for t in &mut toks {
        t.hash = hash_str(&lower[t.lo as usize..t.hi as usize]);
        if t.kind == Kind::Word && t.cend - t.cstart >= 3 && t.cap {
            // "U.S." style: count as an acronym when all letters are capitals.
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
    Tokens { text, toks, lower }
}

/// Kept here for the passes that read it as a token property.
pub(crate) use crate::words::is_date_word;

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        let t = tokenize(s);
        (0..t.len()).map(|i| t.surface(i).to_string()).collect()
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
        let t = tokenize("U.S. US");
        assert!(t.toks[0].upper && t.toks[1].upper);
        assert_eq!(t.toks[0].hash, hash_str("u.s."));
    }

    #[test]
    fn offsets_are_chars() {
        let t = tokenize("é Kyiv");
        assert_eq!((t.toks[1].cstart, t.toks[1].cend), (2, 6));
        assert_eq!(t.lower(1), "kyiv");
    }

    #[test]
    fn hyphens_are_separate_tokens_without_space() {
        let t = tokenize("al-Burhan Iran-backed");
        assert_eq!(t.len(), 6);
        assert!(!t.toks[1].space_before && !t.toks[2].space_before);
    }
}

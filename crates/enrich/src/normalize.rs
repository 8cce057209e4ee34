//! Raw article text -> normalized text: NFC, typographic quotes and dashes mapped to ASCII,
//! page junk that feeds carry (share widgets, "Advertisement", photo credits, bare URLs,
//! "Read more"/related lines, cookie notices, menus) removed, whitespace tidied with
//! paragraph breaks kept.
//!
//! Mention offsets are char offsets into what this returns. It must never drop article
//! sentences: junk rules match whole lines only, and only lines that look like junk.

use unicode_normalization::UnicodeNormalization;

/// Maps typographic punctuation to ASCII and drops invisible characters.
fn map_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => {
            out.push('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => out.push('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => out.push('-'),
        '\u{2026}' => out.push_str("..."),
        '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => {
            out.push(' ')
        }
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
        '\r' => out.push('\n'),
        // Other control characters (NUL, escape, C1 codes) are never article text; left
        // in, JSON escapes each to six bytes and a value of NULs becomes an event six
        // times its size. '\n' is kept; '\t' and '\r' are mapped above.
        c if c.is_control() && c != '\n' => {}
        _ => out.push(c),
    }
}

/// Lines that are page furniture rather than article text: one test per kind of junk, each
/// on the whole (trimmed) line. `lower` is scratch space for the lowercase form of a line
/// not all ASCII; `ascii` says the line is known to be all ASCII (it is tested otherwise).
fn is_junk(line: &str, ascii: bool, lower: &mut String) -> bool {
    // In printable ASCII the only whitespace is the space, which `trim_ascii` drops as
    // `trim` does, byte by byte rather than char by char.
    let l = if ascii {
        line.trim_ascii()
    } else {
        line.trim()
    };
    if l.is_empty() {
        return false;
    }
    // The rules compare the line with lowercase words ignoring ASCII case, so an ASCII
    // line (most) is read as it is: its lowercase copy would have the same bytes in the
    // same places but for the capitals, and copying and lowercasing every line was a
    // tenth of normalize's instructions. Other lines are lowercased first (a char's
    // lowercase may be of another length, or not ASCII).
    let folded = if ascii || l.is_ascii() {
        l
    } else {
        lower.clear();
        push_lowercase(l, lower);
        lower.as_str()
    };
    junk_rules(l, folded)
}

/// The junk rules of [`is_junk`] on the trimmed line `l` and `folded`, which is `l` or its
/// lowercase form (they are read ignoring ASCII case, so both give the same verdict).
fn junk_rules(l: &str, folded: &str) -> bool {
    // The word count only matters to the rules whose other conditions hold, so it is
    // counted the first time one asks.
    let count = std::cell::OnceCell::new();
    let words = || *count.get_or_init(|| folded.split_whitespace().count());
    is_bare_url(folded)
        || is_label_line(folded)
        || is_labelled_line(folded, words)
        || is_copyright_line(folded, words)
        || is_share_widget(folded)
        || is_pipe_menu(l, words)
        || is_byline(l, folded, words)
        // Timestamps and "Published/Updated <date>" lines, reading-time badges.
        || is_timestamp_line(folded)
        || is_photo_credit(l, folded, words)
}

/// Does `s` start with `prefix` (lowercase) ignoring ASCII case?
#[inline]
fn starts_with_folded(s: &str, prefix: &str) -> bool {
    let (s, prefix) = (s.as_bytes(), prefix.as_bytes());
    // The first bytes first: most lines differ there, and the whole comparison is a call.
    let Some(&p) = prefix.first() else {
        return true;
    };
    s.first().is_some_and(|b| b.to_ascii_lowercase() == p)
        && (s.get(..prefix.len())).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// The longest page label ([`LONGEST_LABEL`]) fits this buffer of [`is_one_of_folded`].
const LABEL_FOLD: usize = 40;
const _: () = assert!(LONGEST_LABEL <= LABEL_FOLD);
/// The longest share-widget and timestamp word fits this buffer.
const WORD_FOLD: usize = 16;

/// `word` with its ASCII capitals lowercased, in `buf`; `None` when it is longer than
/// `buf`, and so none of the listed words that fit it. Byte by byte into the buffer:
/// no call for a copy, and most words are short.
#[inline]
fn fold_into<'b, const N: usize>(word: &str, buf: &'b mut [u8; N]) -> Option<&'b [u8]> {
    let folded = buf.get_mut(..word.len())?;
    for (d, s) in folded.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    Some(folded)
}

/// Is `word` one of `list` (lowercase words of at most `N` bytes) ignoring ASCII case?
/// Compared lowercased, so the comparisons are the plain ones (a length, then the
/// bytes), not a call per word.
#[inline]
fn is_one_of_folded<const N: usize>(list: &[&str], word: &str) -> bool {
    let mut buf = [0u8; N];
    fold_into(word, &mut buf).is_some_and(|w| list.iter().any(|x| x.as_bytes() == w))
}

/// Does `hay` hold `needle` (lowercase) ignoring ASCII case? Only the places of the
/// needle's byte `rare` (its first byte if it has none), in either case, are compared (a
/// SIMD search for two bytes): choosing a rare letter, few are.
fn contains_folded(hay: &str, needle: &str, rare: u8) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let probe = needle.iter().position(|&c| c == rare).unwrap_or(0);
    let Some(&b) = needle.get(probe) else {
        return true;
    };
    let Some(room) = hay.len().checked_sub(needle.len()) else {
        return false;
    };
    // A match starting at `i` has its probe at `probe + i`, with `i <= room`.
    let probes = hay.get(probe..probe + room + 1).unwrap_or(&[]);
    // The first bytes are compared before the whole (a call).
    memchr::memchr2_iter(b, b.to_ascii_uppercase(), probes).any(|i| {
        (hay.get(i..i + needle.len())).is_some_and(|w| {
            w.first().map(u8::to_ascii_lowercase) == needle.first().copied()
                && w.eq_ignore_ascii_case(needle)
        })
    })
}

/// Appends the lowercase form of `l` (not all ASCII) to `lower`, as `str::to_lowercase`
/// gives it, without its allocation. Only a capital sigma's lowercase depends on its
/// context (final or not): a line with one is lowercased by the library, whole.
fn push_lowercase(l: &str, lower: &mut String) {
    // Runs of ASCII (found eight bytes at a time) are copied whole and lowercased in
    // place; other chars one by one. A sigma met on the way undoes what was appended, so
    // the line is read once, not searched for a sigma first.
    let start = lower.len();
    let bytes = l.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = ascii_run_end(bytes, i);
        let from = lower.len();
        // `i` and `run` are char boundaries: a run starts after a whole char and ends at
        // the first byte of one (or the end).
        lower.push_str(l.get(i..run).unwrap_or(""));
        lower[from..].make_ascii_lowercase();
        let Some(c) = l.get(run..).and_then(|r| r.chars().next()) else {
            break;
        };
        if c == '\u{3a3}' {
            lower.truncate(start);
            lower.push_str(&l.to_lowercase());
            return;
        }
        lower.extend(c.to_lowercase());
        i = run + c.len_utf8();
    }
}

/// A bare URL (or several), possibly after a short label: "Photo: https://...",
/// "www.example.org". Ignores ASCII case.
fn is_bare_url(line: &str) -> bool {
    let no_label = short_label(line).map_or(line, |(k, v)| {
        if k.eq_ignore_ascii_case("https") || k.eq_ignore_ascii_case("http") {
            line
        } else {
            v.trim()
        }
    });
    (starts_with_folded(no_label, "http://")
        || starts_with_folded(no_label, "https://")
        || starts_with_folded(no_label, "www."))
        && !no_label.contains(' ')
}

/// The label and the rest of a line that starts with a short label ("photo: ..."): split
/// at the first colon when the part before it is at most 12 bytes without a space.
fn short_label(lower: &str) -> Option<(&str, &str)> {
    // Only a colon among the first 13 bytes can end such a label, and the first colon of
    // the line is the first of those, when there is one (so a long line without a colon
    // near its start is not searched through). A byte search: ':' is ASCII, and a char
    // search costs a call per line (a search in a slice, not through `take(13)`, which
    // the compiler does not unroll).
    let head = lower.as_bytes().get(..13).unwrap_or(lower.as_bytes());
    (head.iter())
        .position(|&b| b == b':')
        .and_then(|k| Some((lower.get(..k)?, lower.get(k + 1..)?)))
        .filter(|(k, _)| k.len() <= 12 && !k.contains(' '))
}

/// Advertising labels.
const AD_LABELS: &[&str] = &[
    "advertisement",
    "advertisements",
    "sponsored",
    "sponsored content",
    "advertisement - scroll to continue",
    "story continues below advertisement",
    "scroll to continue",
];

/// Share and print buttons.
const SHARE_LABELS: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "copy link",
    "copied",
    "print this page",
];

/// Headings of links to other stories.
const RELATED_LABELS: &[&str] = &[
    "read more",
    "read more:",
    "see also",
    "see also:",
    "related",
    "related:",
    "related articles",
    "related stories",
    "related news",
    "related content",
    "more on this story",
    "more stories",
    "recommended",
    "most read",
    "most popular",
    "trending",
    "notícias relacionadas",
    "more news",
    "latest news",
    "top stories",
    "also read",
    "you may also like",
    "trending now",
    "continue reading",
    "click here",
];

/// Site navigation, account and comment links.
const NAVIGATION_LABELS: &[&str] = &[
    "menu",
    "home",
    "skip to content",
    "skip to main content",
    "back to top",
    "subscribe",
    "sign up",
    "sign in",
    "log in",
    "login",
    "comments",
    "leave a comment",
    "show comments",
    "join the conversation",
    "go to forum",
    "follow us",
    "close",
    "loading...",
    "font size",
    "text size",
];

/// Labels of media players and images.
const MEDIA_LABELS: &[&str] = &[
    "listen",
    "listen to this article",
    "watch",
    "video",
    "photo",
    "image",
];

/// Cookie consent buttons.
const COOKIE_LABELS: &[&str] = &[
    "accept",
    "accept all",
    "reject all",
    "manage cookies",
    "cookie settings",
];

/// Press-release wire furniture: end marks, search boxes, view and date badges.
const WIRE_LABELS: &[&str] = &[
    "submit release",
    "news search",
    "published",
    "high views",
    "min",
    "# # #",
    "###",
];

/// A line that is only a page label ("Advertisement", "Share this", "Related stories"),
/// ignoring trailing dots, colons and pipes, and ASCII case.
fn is_label_line(line: &str) -> bool {
    let label = line.trim_end_matches(['.', ':', '|', ' ']);
    label.len() <= LONGEST_LABEL
        && LABEL_LISTS
            .iter()
            .any(|list| is_one_of_folded::<LABEL_FOLD>(list, label))
}

/// The lists of whole-line labels ([`is_label_line`]).
const LABEL_LISTS: [&[&str]; 7] = [
    AD_LABELS,
    SHARE_LABELS,
    RELATED_LABELS,
    NAVIGATION_LABELS,
    MEDIA_LABELS,
    COOKIE_LABELS,
    WIRE_LABELS,
];

/// The length in bytes of the longest label: an article line is longer, and is then no
/// label without a comparison with each.
const LONGEST_LABEL: usize = longest(&LABEL_LISTS);

/// The length of the longest string in `lists`.
const fn longest(lists: &[&[&str]]) -> usize {
    let (mut most, mut i) = (0, 0);
    while i < lists.len() {
        let mut j = 0;
        while j < lists[i].len() {
            if lists[i][j].len() > most {
                most = lists[i][j].len();
            }
            j += 1;
        }
        i += 1;
    }
    most
}

/// Per pair of first bytes, as bits (index `first << 8 | second`): does some string of
/// `lists` start with them? A one-byte string sets every pair its byte begins, so that a
/// line of one byte (read with a second byte 0) is not missed. (None is empty.)
const fn first_pairs(lists: &[&[&str]]) -> [u64; 1024] {
    let mut t = [0u64; 1024];
    let mut i = 0;
    while i < lists.len() {
        let mut j = 0;
        while j < lists[i].len() {
            let b = lists[i][j].as_bytes();
            let (lo, hi) = if b.len() == 1 {
                (0, 256)
            } else {
                (b[1] as usize, b[1] as usize + 1)
            };
            let mut second = lo;
            while second < hi {
                let k = (b[0] as usize) << 8 | second;
                t[k / 64] |= 1 << (k % 64);
                second += 1;
            }
            j += 1;
        }
        i += 1;
    }
    t
}

/// May `line` start with one of the strings whose [`first_pairs`] are `pairs`? No for an
/// empty line; a one-byte line is read with a second byte 0.
fn may_start_with(pairs: &[u64; 1024], line: &[u8]) -> bool {
    let (first, second) = match line {
        [] => return false,
        [a] => (*a, 0),
        [a, b, ..] => (*a, *b),
    };
    let k = usize::from(first) << 8 | usize::from(second);
    pairs[k / 64] >> (k % 64) & 1 != 0
}

/// Openings of links to other stories: "Read more: Another headline".
const RELATED_PREFIXES: &[&str] = &[
    "read more:",
    "read also:",
    "read more -",
    "also read:",
    "see also:",
    "related:",
    "related article:",
    "related story:",
    "watch:",
    "watch video:",
];

/// Openings of photo and image credits: "Photo: Reuters", "(AP Photo/...)".
const CREDIT_PREFIXES: &[&str] = &[
    "photo:",
    "photos:",
    "image:",
    "picture:",
    "photograph:",
    "photo credit",
    "image credit",
    "credit:",
    "credits:",
    "file photo",
    "(photo",
    "(image",
    "getty images",
    "ap photo",
    "afp photo",
    "reuters/",
    "(reuters photo",
    "(ap photo",
    "(afp",
    "source:",
];

/// Openings of copyright notices.
const COPYRIGHT_PREFIXES: &[&str] = &["copyright ©", "©", "all rights reserved"];

/// Openings of cookie notices.
const COOKIE_PREFIXES: &[&str] = &[
    "we use cookies",
    "this website uses cookies",
    "this site uses cookies",
    "by continuing to use",
    "cookie policy",
    "accept cookies",
];

/// Openings of calls to subscribe, follow or download.
const CALL_PREFIXES: &[&str] = &[
    "subscribe to",
    "sign up for",
    "sign up to",
    "follow us on",
    "follow our",
    "click here",
    "download our app",
    "download the app",
];

/// Openings of share bars, tag lists and labelled ads.
const WIDGET_PREFIXES: &[&str] = &[
    "share this:",
    "share on:",
    "share:",
    "tags:",
    "topics:",
    "filed under",
    "advertisement:",
];

/// A short line (at most 25 words) that opens like page furniture: "Read more: ...",
/// "Photo: ...", "We use cookies ...", "Tags: ...". Ignores ASCII case.
fn is_labelled_line(line: &str, words: impl Fn() -> usize) -> bool {
    // The byte filters read the first three bytes, lowercased.
    let mut head = [0u8; 3];
    for (h, b) in head.iter_mut().zip(line.bytes()) {
        *h = b.to_ascii_lowercase();
    }
    let Some(head) = head.get(..line.len().min(3)) else {
        return false;
    };
    let Some(&first) = head.first() else {
        return false;
    };
    // Only the lines that open with the first two bytes of some opening (few article
    // lines) are compared with the openings, and only with those of their first byte.
    // The three-byte test then passes over most of the rest ("the ...", which shares
    // its pair with "this site uses cookies").
    may_start_with(&OPENING_PAIRS, head)
        && may_open_with(&OPENING_TRIPLES, head)
        && OPENING_LISTS.iter().any(|list| {
            list.iter()
                .any(|p| p.as_bytes().first() == Some(&first) && starts_with_folded(line, p))
        })
        && words() <= 25
}

/// The lists of openings of [`is_labelled_line`].
const OPENING_LISTS: [&[&str]; 6] = [
    RELATED_PREFIXES,
    CREDIT_PREFIXES,
    COPYRIGHT_PREFIXES,
    COOKIE_PREFIXES,
    CALL_PREFIXES,
    WIDGET_PREFIXES,
];

/// The first two bytes of the openings: a line starting with any other pair (most article
/// lines: "th", "in", "a ", and most lines starting with an opening's first letter) is
/// compared with none of them.
static OPENING_PAIRS: [u64; 1024] = first_pairs(&OPENING_LISTS);

/// The first three bytes of the openings, hashed ([`triple_bit`]): of the lines that pass
/// [`OPENING_PAIRS`], the article lines ("the ...", "for ...") mostly fail this.
static OPENING_TRIPLES: [u64; 128] = first_triples(&OPENING_LISTS);

/// The bit of three opening bytes in a table of [`first_triples`]: a hash (three bytes
/// would take 16M bits), so lines that share a bit with an opening are compared in full.
const fn triple_bit(a: u8, b: u8, c: u8) -> usize {
    ((a as usize) << 6 ^ (b as usize) << 3 ^ c as usize) % 8192
}

/// Per [`triple_bit`]: may a string of `lists` start with bytes of that bit? A two-byte
/// string sets the bits of every third byte after it; a one-byte string sets all.
const fn first_triples(lists: &[&[&str]]) -> [u64; 128] {
    let mut t = [0u64; 128];
    let mut i = 0;
    while i < lists.len() {
        let mut j = 0;
        while j < lists[i].len() {
            let b = lists[i][j].as_bytes();
            if b.len() < 2 {
                return [u64::MAX; 128];
            }
            let (lo, hi) = if b.len() == 2 {
                (0, 256)
            } else {
                (b[2] as usize, b[2] as usize + 1)
            };
            let mut third = lo;
            while third < hi {
                let k = triple_bit(b[0], b[1], third as u8);
                t[k / 64] |= 1 << (k % 64);
                third += 1;
            }
            j += 1;
        }
        i += 1;
    }
    t
}

/// May `line` start with one of the strings whose [`first_triples`] are `table`? Yes for
/// a line under three bytes (the pair test and the comparison decide it).
fn may_open_with(table: &[u64; 128], line: &[u8]) -> bool {
    match *line {
        [a, b, c, ..] => {
            let k = triple_bit(a, b, c);
            table[k / 64] >> (k % 64) & 1 != 0
        }
        _ => true,
    }
}

/// A short line (at most 20 words) with "all rights reserved" anywhere, in any ASCII case.
fn is_copyright_line(line: &str, words: impl Fn() -> usize) -> bool {
    // 'v' is the rarest of its letters in English text.
    contains_folded(line, "all rights reserved", b'v') && words() <= 20
}

/// The words of share widgets and their separators: network names and buttons.
const WIDGET_WORDS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "linkedin",
    "email",
    "e-mail",
    "print",
    "reddit",
    "messenger",
    "pinterest",
    "copy",
    "link",
    "share",
    "tweet",
    "mail",
    "vk",
    "viber",
    "|",
    "•",
    "·",
];

/// A share widget: two or more words (split at spaces and commas), every one a network
/// name or button ("Facebook Twitter WhatsApp"), in any ASCII case.
fn is_share_widget(line: &str) -> bool {
    let separator = |c: char| c.is_whitespace() || c == ',';
    // Most lines open with a word that is none of these: the split (a char decoded and
    // a predicate called per byte) is not started for them.
    if first_ascii_token(line, separator)
        .is_some_and(|t| !is_one_of_folded::<WORD_FOLD>(WIDGET_WORDS, t))
    {
        return false;
    }
    let mut count = 0usize;
    for t in line.split(separator).filter(|t| !t.is_empty()) {
        if !is_one_of_folded::<WORD_FOLD>(WIDGET_WORDS, t) {
            return false;
        }
        count += 1;
    }
    count >= 2
}

/// A menu: short items separated by two or more pipes or bullets, no final period
/// ("Home | World | Politics").
fn is_pipe_menu(l: &str, words: impl Fn() -> usize) -> bool {
    // Most lines end with a period: they are no menu, and their pipes are not counted.
    if l.ends_with('.') {
        return false;
    }
    // Bullets (three bytes) only occur in a line that is not all ASCII.
    let bullets = if l.is_ascii() {
        0
    } else {
        l.matches('•').count()
    };
    let pipes = l.matches('|').count() + bullets;
    pipes >= 2 && words() <= 3 * (pipes + 1)
}

/// A byline ("By Jane Doe", short and without a final period) or an "Issued by"/"Posted
/// by" line; `folded` is `l` or its lowercase form, read ignoring ASCII case.
fn is_byline(l: &str, folded: &str, words: impl Fn() -> usize) -> bool {
    (starts_with_folded(folded, "by ") && words() <= 8 && !l.ends_with('.'))
        || starts_with_folded(folded, "issued by")
        || starts_with_folded(folded, "posted by")
}

/// A photo credit alone on a line in parentheses, at most 8 words: "(Sam Yeh / AFP)",
/// "(Photo: Reuters)". `folded` is `l` or its lowercase form, read ignoring ASCII case.
fn is_photo_credit(l: &str, folded: &str, words: impl Fn() -> usize) -> bool {
    l.starts_with('(')
        && l.ends_with(')')
        && words() <= 8
        && (l.contains('/')
            || contains_folded(folded, "photo", b'h')
            || contains_folded(folded, "image", b'g')
            || contains_folded(folded, "credit", b'd'))
}

/// Month names and their abbreviations.
const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];

/// Weekday names.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Half-day marks and time zones.
const CLOCK_WORDS: &[&str] = &[
    "am", "pm", "gmt", "utc", "edt", "est", "cet", "cest", "bst", "ist",
];

/// Publishing words of timestamps and badges: "Updated on", "3 min read", "2 hours ago",
/// "High views".
const PUBLISHING_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "on",
    "at",
    "min",
    "mins",
    "minute",
    "minutes",
    "read",
    "views",
    "high",
    "ago",
    "hours",
    "hour",
    "h",
];

/// News agencies that sign a timestamp line ("12:17 GMT AFP").
const AGENCY_WORDS: &[&str] = &[
    "afp", "reuters", "ap", "ani", "pti", "ians", "dpa", "xinhua",
];

/// A word a timestamp line may hold besides numbers, in any ASCII case.
fn is_timestamp_word(t: &str) -> bool {
    let mut buf = [0u8; WORD_FOLD];
    let Some(t) = fold_into(t, &mut buf) else {
        return false;
    };
    TIMESTAMP_WORDS
        .iter()
        .any(|list| list.iter().any(|x| x.as_bytes() == t))
}

/// The lists of [`is_timestamp_word`].
const TIMESTAMP_WORDS: [&[&str]; 5] = [
    MONTHS,
    WEEKDAYS,
    CLOCK_WORDS,
    PUBLISHING_WORDS,
    AGENCY_WORDS,
];

/// A line made only of dates, times, counts and publishing words, with at least one number
/// and at most 10 words (split at every non-alphanumeric char): "2024-05-08 19:16",
/// "Tuesday, 02 January 2024 12:17 GMT", "Updated March 27, 2019", "3 min read". Ignores
/// ASCII case.
fn is_timestamp_line(line: &str) -> bool {
    // A number of at most 6 bytes: a day, a year, a time's part.
    let digits = |t: &str| t.chars().any(|c| c.is_ascii_digit()) && t.len() <= 6;
    let separator = |c: char| !c.is_alphanumeric();
    // Most lines open with a word that is neither: the split is not started for them.
    if first_ascii_token(line, separator).is_some_and(|t| !digits(t) && !is_timestamp_word(t)) {
        return false;
    }
    let mut count = 0usize;
    let mut has_digit = false;
    for t in line.split(separator).filter(|t| !t.is_empty()) {
        count += 1;
        if count > 10 {
            return false;
        }
        let number = digits(t);
        if !number && !is_timestamp_word(t) {
            return false;
        }
        has_digit |= number;
    }
    has_digit
}

/// The first non-empty piece of `s` split at the chars `separator` accepts, when that
/// piece and all before it are ASCII, read byte by byte; `None` when a char that is not
/// ASCII comes first (or there is no piece), for which the caller splits the line.
/// For an ASCII char, a byte and its char are one and the same.
fn first_ascii_token(s: &str, separator: impl Fn(char) -> bool) -> Option<&str> {
    let bytes = s.as_bytes();
    let is_sep = |b: u8| b.is_ascii() && separator(char::from(b));
    let start = bytes.iter().position(|&b| !is_sep(b))?;
    let end = (bytes[start..].iter())
        .position(|&b| !b.is_ascii() || is_sep(b))
        .map_or(bytes.len(), |k| start + k);
    if !bytes[start].is_ascii() || bytes.get(end).is_some_and(|b| !b.is_ascii()) {
        return None;
    }
    // `start` and `end` are char boundaries: ASCII bytes, or the end.
    s.get(start..end)
}

/// A byte that [`map_char`] keeps as it is: printable ASCII and the line feed.
#[inline]
fn is_plain(b: u8) -> bool {
    (b' '..0x7f).contains(&b) || b == b'\n'
}

/// Eight bytes at once: none of them below a space or above '~'? (SWAR: a byte below
/// 0x20 borrows into its high bit when 0x20 is taken from it, a byte of 0x7f or more has
/// it set once 1 is added; carries between bytes only ever come from a byte that is
/// reported anyway.)
#[inline]
fn all_printable_ascii(x: u64) -> bool {
    not_printable_bits(x) == 0
}

/// The test of [`all_printable_ascii`] as bits (zero when all eight are printable), so
/// that two words can be tested with one branch.
#[inline]
fn not_printable_bits(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    let del_or_more = (x.wrapping_add(ONES) | x) & HIGH;
    below_space | del_or_more
}

/// The eight bytes of `chunk` (from `chunks_exact(8)`, whose slices need no bounds
/// check of their own, unlike `get(i..i + 8)` at every step) as one word.
#[inline]
fn word(chunk: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(chunk);
    u64::from_le_bytes(w)
}

/// The end of the run of plain bytes ([`is_plain`]) starting at `i`. Eight bytes at a
/// time; a word the eight-byte test rejects is read byte by byte, and when that finds only
/// plain bytes (a line feed, the usual reason) the eight-byte steps resume after it, so a
/// text of many lines is not read byte by byte from its first line feed on.
#[inline]
fn plain_run_end(bytes: &[u8], mut i: usize) -> usize {
    for chunk in bytes.get(i..).unwrap_or(&[]).chunks_exact(8) {
        if !all_printable_ascii(word(chunk)) {
            if let Some(k) = chunk.iter().position(|&b| !is_plain(b)) {
                return i + k;
            }
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|&b| !is_plain(b))
        .map_or(bytes.len(), |k| i + k)
}

/// The end of the run of ASCII bytes starting at `i`.
#[inline]
fn ascii_run_end(bytes: &[u8], mut i: usize) -> usize {
    for chunk in bytes.get(i..).unwrap_or(&[]).chunks_exact(8) {
        if word(chunk) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|b| !b.is_ascii())
        .map_or(bytes.len(), |k| i + k)
}

/// Is `raw` in NFC by the quick check (`IsNormalized::Yes`)? The check's state starts
/// afresh at every ASCII char (always NFC, combining class 0), so only the runs of
/// non-ASCII chars are read, each on its own.
fn nfc_quick_yes(raw: &str) -> bool {
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    let bytes = raw.as_bytes();
    let mut i = ascii_run_end(bytes, 0);
    while i < bytes.len() {
        let end = bytes[i..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |k| i + k);
        // `i` and `end` are char boundaries: the first non-ASCII byte after ASCII, and
        // an ASCII byte (or the end).
        if is_nfc_quick(raw.get(i..end).unwrap_or("").chars()) != IsNormalized::Yes {
            return false;
        }
        i = ascii_run_end(bytes, end);
    }
    true
}

/// [`map_char`] over NFC text: runs of plain ASCII are copied whole, other chars mapped
/// one by one. Says whether it mapped a '\r' (to a line break), as [`map_line`] does.
fn map_text(raw: &str, out: &mut String) -> bool {
    let bytes = raw.as_bytes();
    let mut breaks = false;
    let mut i = 0;
    while i < bytes.len() {
        let run = plain_run_end(bytes, i);
        // `i` and `run` are char boundaries: plain bytes are ASCII, and a run ends at an
        // ASCII byte or at the first byte of a char.
        out.push_str(raw.get(i..run).unwrap_or(""));
        i = run;
        let Some(c) = raw.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        breaks |= c == '\r';
        map_char(c, out);
        i += c.len_utf8();
    }
    breaks
}

/// The end of the line starting at `i` (its `\n`, or the end of the text), and whether
/// all its bytes are printable ASCII, which [`map_char`] keeps as they are. One pass
/// finds both: the eight-byte test stops at the line feed as at any other byte that is
/// not printable.
#[inline]
fn line_end(text: &str, i: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let printable = |b: &u8| (b' '..0x7f).contains(b);
    let mut end = i;
    // Sixteen bytes a step (two words, one branch), then eight: the lines are most of
    // the text, and a step's loop control costs about as much as its test.
    for pair in bytes.get(i..).unwrap_or(&[]).chunks_exact(16) {
        let (a, b) = pair.split_at(8);
        if not_printable_bits(word(a)) | not_printable_bits(word(b)) != 0 {
            break;
        }
        end += 16;
    }
    for chunk in bytes.get(end..).unwrap_or(&[]).chunks_exact(8) {
        if !all_printable_ascii(word(chunk)) {
            break;
        }
        end += 8;
    }
    end += bytes[end..]
        .iter()
        .position(|b| !printable(b))
        .unwrap_or(bytes.len() - end);
    match bytes.get(end) {
        None | Some(b'\n') => (end, true),
        // `end` is a char boundary: the first byte that is not ASCII, or an ASCII byte.
        Some(_) => {
            let newline = text.get(end..).and_then(|rest| rest.find('\n'));
            (newline.map_or(bytes.len(), |k| end + k), false)
        }
    }
}

/// The normalized text, assembled line by line: junk lines dropped, runs of spaces
/// collapsed, blank lines kept as one paragraph break.
struct Assembly {
    out: String,
    /// Scratch space for a line's lowercase form ([`is_junk`]).
    lower: String,
    /// A blank line was seen since the last line kept.
    blank_pending: bool,
}

impl Assembly {
    /// Appends one line of mapped text (no `\n` in it), `ascii` if it is known to be.
    fn push_line(&mut self, line: &str, ascii: bool) {
        if is_junk(line, ascii, &mut self.lower) {
            return;
        }
        // The line's words, one space between them.
        if line.bytes().all(|b| b == b' ') {
            self.blank_pending = !self.out.is_empty();
            return;
        }
        let out = &mut self.out;
        if !out.is_empty() {
            out.push_str(if self.blank_pending { "\n\n" } else { "\n" });
        }
        self.blank_pending = false;
        if !line.starts_with(' ') && !line.ends_with(' ') && !has_double_space(line) {
            out.push_str(line);
        } else {
            for (k, w) in line.split(' ').filter(|w| !w.is_empty()).enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                out.push_str(w);
            }
        }
    }
}

/// Does `line` hold two spaces in a row? memchr's SIMD pair search, built once: the
/// standard library's `contains("  ")` costs about twice as many instructions a line.
fn has_double_space(line: &str) -> bool {
    static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("  "));
    DOUBLE_SPACE.find(line.as_bytes()).is_some()
}

/// [`map_char`] over the NFC form of `line`. Most news text is already NFC; the quick
/// check (a table lookup per char) saves the full decompose-recompose pass, which was a
/// tenth of the worker's CPU time.
///
/// Says whether the mapped line holds a line break, i.e. whether `line` (which has no
/// '\n') held a '\r': only then does the caller split it, which costs a search.
fn map_line(line: &str, out: &mut String) -> bool {
    if nfc_quick_yes(line) {
        map_text(line, out)
    } else {
        let mut breaks = false;
        line.nfc().for_each(|c| {
            breaks |= c == '\r';
            map_char(c, out)
        });
        breaks
    }
}

/// Normalizes raw article text: NFC, typographic punctuation understood, page junk removed.
pub fn normalize(raw: &str) -> String {
    let mut text = Assembly {
        out: String::with_capacity(raw.len()),
        lower: String::new(),
        blank_pending: false,
    };
    // NFC and the mapping both keep '\n' and never reach across it (a line feed composes
    // with nothing), so the raw text's lines can be taken one by one: a line of printable
    // ASCII (most) as it is, others mapped first (which may split them further: '\r'
    // becomes a line break).
    let mut mapped = String::new();
    let mut start = 0;
    loop {
        let (end, printable) = line_end(raw, start);
        // `start` and `end` are char boundaries: a line feed's position, or the end.
        let line = raw.get(start..end).unwrap_or("");
        if printable {
            text.push_line(line, true);
        } else {
            mapped.clear();
            if map_line(line, &mut mapped) {
                (mapped.split('\n')).for_each(|line| text.push_line(line, false));
            } else {
                text.push_line(&mapped, false);
            }
        }
        if end == raw.len() {
            return text.out;
        }
        start = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;
    use super::{may_open_with, may_start_with, OPENING_LISTS, OPENING_PAIRS, OPENING_TRIPLES};
    use proptest::prelude::*;

    #[test]
    fn the_pair_filter_passes_exactly_the_pairs_the_openings_start_with() {
        // Every pair of bytes, and every single byte as a line: the filter says yes
        // exactly when some opening starts with the pair (or is the single byte).
        let openings: Vec<&[u8]> = (OPENING_LISTS.iter().flat_map(|l| l.iter()))
            .map(|p| p.as_bytes())
            .collect();
        for a in 0..=255u8 {
            let single = openings.iter().any(|p| p == &[a]);
            assert_eq!(may_start_with(&OPENING_PAIRS, &[a]), single, "{a}");
            for b in 0..=255u8 {
                let want = openings.iter().any(|p| p.starts_with(&[a, b]) || p == &[a]);
                assert_eq!(
                    may_start_with(&OPENING_PAIRS, &[a, b, b'x']),
                    want,
                    "{a} {b}"
                );
            }
        }
        assert!(!may_start_with(&OPENING_PAIRS, b""));
        for p in &openings {
            assert!(may_start_with(&OPENING_PAIRS, p), "{p:?}");
        }
        // Most article lines are compared with no opening (though "the" lines are:
        // "this site uses cookies").
        let lines = [
            "officials said",
            "in a statement",
            "a spokesman",
            "he added",
            "it was",
        ];
        assert!(lines
            .iter()
            .all(|l| !may_start_with(&OPENING_PAIRS, l.as_bytes())));
    }

    #[test]
    fn maps_typography_and_keeps_paragraphs() {
        let s = normalize("AMMAN \u{2014} It\u{2019}s \u{201C}fine\u{201D}.\n\n\n\nNext  para.");
        assert_eq!(s, "AMMAN - It's \"fine\".\n\nNext para.");
    }

    #[test]
    fn strips_page_junk_lines() {
        let raw = "Photo: https://example.org/x.jpg\nBy Jane Doe\n2024-05-08 19:16\nUpdated March 27, 2019\n3 min read\n(Sam Yeh / AFP)\nThe minister spoke.\nAdvertisement\nShare\nFacebook Twitter WhatsApp\nRead more: Another headline here\nhttps://example.org/story\nWe use cookies to improve your experience.\nHome | World | Politics | Business\nShe left.";
        assert_eq!(normalize(raw), "The minister spoke.\nShe left.");
    }

    #[test]
    fn drops_control_characters_but_keeps_line_structure() {
        let raw = "The\u{0} minister\u{1b}[0m spoke.\u{7f}\nShe\tleft\u{85}.\u{0}\u{0}\n\nEnd.";
        assert_eq!(normalize(raw), "The minister[0m spoke.\nShe left.\n\nEnd.");
        assert_eq!(normalize(&"\u{0}".repeat(1000)), "");
    }

    #[test]
    fn composes_to_nfc() {
        assert_eq!(normalize("Sejourne\u{0301}"), "Sejourn\u{00e9}");
    }

    #[test]
    fn eight_byte_test_agrees_with_the_byte_test() {
        // Every pair of byte values side by side, at every position of the word.
        let printable = |b: u8| (b' '..0x7f).contains(&b);
        for p in 0..7 {
            for a in 0..=255u8 {
                for b in 0..=255u8 {
                    let mut w = [b'a'; 8];
                    w[p] = a;
                    w[p + 1] = b;
                    assert_eq!(
                        super::all_printable_ascii(u64::from_le_bytes(w)),
                        printable(a) && printable(b),
                        "{w:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn short_label_reads_the_label_as_a_split_at_the_first_colon_would() {
        for l in [
            "photo: https://example.org/x.jpg",
            "https://example.org/a:b",
            "www.example.org",
            "twelve-bytes: www.example.org",
            "thirteen-byte: www.example.org",
            "a label: www.example.org",
            "été, 2024: www.example.org",
            "éééééé: www.example.org",
            "the minister said: https://example.org",
            ":www.example.org",
            "",
        ] {
            assert_eq!(super::short_label(l), label_by_split(l), "{l}");
        }
    }

    /// Text made of the pieces the line rules and the mapping look at: cases, colons,
    /// URL openings, spaces of both kinds, separators, sigmas and other chars whose
    /// lowercase differs in length, typographic and control chars.
    fn soup() -> impl Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "a",
            "A",
            "Z",
            "e",
            " ",
            "  ",
            ":",
            ",",
            ".",
            "|",
            "•",
            "·",
            "(",
            ")",
            "/",
            "-",
            "'",
            "http://",
            "https://",
            "www.",
            "é",
            "É",
            "\u{3a3}",
            "\u{3c3}",
            "\u{130}",
            "\u{212a}",
            "\u{1e9e}",
            "日",
            "\u{2019}",
            "\u{201c}",
            "\u{2026}",
            "\t",
            "\r",
            "\n",
            "\u{a0}",
            "\u{3000}",
            "\u{301}",
            "\u{0}",
            "\u{7f}",
            "\u{85}",
            "\u{200b}",
            "photo",
            "all rights reserved",
            "All Rights RESERVED",
            "2024",
            "12",
            "May",
            "share",
            "Facebook",
            "by ",
            "read more",
            "min",
            "ago",
            "twelve-bytes",
        ];
        crate::test_texts::piece_soup(PIECES, 40)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn lowercase_agrees_with_the_library_on_any_text(l in soup()) {
            let mut got = String::from("kept ");
            super::push_lowercase(&l, &mut got);
            prop_assert_eq!(got, format!("kept {}", l.to_lowercase()));
        }

        #[test]
        fn byte_runs_and_line_ends_agree_with_byte_by_byte_forms(l in soup()) {
            let bytes = l.as_bytes();
            let first = |i: usize, stop: &dyn Fn(u8) -> bool| {
                bytes[i..].iter().position(|&b| stop(b)).map_or(bytes.len(), |k| i + k)
            };
            for i in (0..=bytes.len()).filter(|&i| l.is_char_boundary(i)) {
                prop_assert_eq!(super::ascii_run_end(bytes, i), first(i, &|b| !b.is_ascii()));
                prop_assert_eq!(super::plain_run_end(bytes, i), first(i, &|b| !super::is_plain(b)));
                let end = first(i, &|b| b == b'\n');
                let printable = bytes[i..end].iter().all(|b| (b' '..0x7f).contains(b));
                prop_assert_eq!(super::line_end(&l, i), (end, printable));
            }
        }

        #[test]
        fn a_mapped_line_breaks_exactly_when_map_line_says_so(l in soup()) {
            // Lines as normalize hands them over: no '\n' in them.
            let line = l.replace('\n', "");
            let mut mapped = String::new();
            let breaks = super::map_line(&line, &mut mapped);
            prop_assert_eq!(breaks, mapped.contains('\n'));
            prop_assert_eq!(breaks, line.contains('\r'));
        }

        #[test]
        fn short_label_agrees_with_a_split_at_the_first_colon(l in soup()) {
            prop_assert_eq!(super::short_label(&l), label_by_split(&l));
        }
    }

    /// [`super::is_share_widget`] and [`super::is_timestamp_line`] as they were before
    /// their first word was read byte by byte: a split of the whole line.
    fn share_widget_by_split(lower: &str) -> bool {
        let tokens: Vec<&str> = (lower.split(|c: char| c.is_whitespace() || c == ','))
            .filter(|t| !t.is_empty())
            .collect();
        tokens.len() >= 2 && tokens.iter().all(|t| super::WIDGET_WORDS.contains(t))
    }

    fn timestamp_line_by_split(lower: &str) -> bool {
        let digits = |t: &str| t.chars().any(|c| c.is_ascii_digit()) && t.len() <= 6;
        let tokens: Vec<&str> = (lower.split(|c: char| !c.is_alphanumeric()))
            .filter(|t| !t.is_empty())
            .collect();
        tokens.len() <= 10
            && tokens.iter().any(|t| digits(t))
            && (tokens.iter()).all(|t| digits(t) || super::is_timestamp_word(t))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn first_ascii_token_is_the_first_piece_of_the_split(l in soup()) {
            for sep in [|c: char| c.is_whitespace() || c == ',', |c: char| !c.is_alphanumeric()] {
                if let Some(t) = super::first_ascii_token(&l, sep) {
                    prop_assert_eq!(Some(t), l.split(sep).find(|t| !t.is_empty()));
                }
            }
        }

        #[test]
        fn widget_and_timestamp_lines_agree_with_the_split(l in soup()) {
            let lower = l.to_lowercase();
            prop_assert_eq!(super::is_share_widget(&lower), share_widget_by_split(&lower));
            prop_assert_eq!(super::is_timestamp_line(&lower), timestamp_line_by_split(&lower));
        }
    }

    #[test]
    fn in_printable_ascii_the_space_is_the_only_whitespace_for_trim_and_trim_ascii() {
        for b in b' '..0x7f {
            let space = b == b' ';
            assert_eq!(char::from(b).is_whitespace(), space, "{b}");
            assert_eq!(b.is_ascii_whitespace(), space, "{b}");
        }
        for l in ["", "   ", "  a b  ", "a", " x", "y "] {
            assert_eq!(l.trim_ascii(), l.trim(), "{l:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        /// A printable ASCII line gets the same verdict on its fast path (`ascii`) as on
        /// the general one.
        #[test]
        fn junk_verdict_of_a_printable_line_is_that_of_the_general_path(l in soup()) {
            let line: String = l.chars().filter(|c| (' '..'\u{7f}').contains(c)).collect();
            let mut lower = String::new();
            let fast = super::is_junk(&line, true, &mut lower);
            prop_assert_eq!(fast, super::is_junk(&line, false, &mut lower));
        }
    }

    /// [`super::is_labelled_line`] without its byte filters: every opening compared.
    fn labelled_line_by_comparison(lower: &str, words: usize) -> bool {
        let openings = OPENING_LISTS.iter().flat_map(|l| l.iter());
        openings.clone().any(|p| lower.starts_with(p)) && words <= 25
    }

    #[test]
    fn the_triple_filter_passes_every_opening_and_few_article_lines() {
        let openings = OPENING_LISTS.iter().flat_map(|l| l.iter());
        for p in openings {
            for tail in ["", "x", " more", "\u{e9}"] {
                let line = format!("{p}{tail}");
                assert!(may_open_with(&OPENING_TRIPLES, line.as_bytes()), "{line}");
            }
        }
        assert!(may_open_with(&OPENING_TRIPLES, "\u{a9} 2024".as_bytes()));
        assert!(may_open_with(&OPENING_TRIPLES, b"ph"));
        let lines = [
            "the minister",
            "they said",
            "for the",
            "in a",
            "reports say",
        ];
        assert!(lines
            .iter()
            .all(|l| !may_open_with(&OPENING_TRIPLES, l.as_bytes())));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn labelled_line_agrees_with_comparing_every_opening(
            head in prop::sample::select(
                OPENING_LISTS.iter().flat_map(|l| l.iter().copied()).collect::<Vec<_>>()
            ),
            cut in 0usize..4,
            l in soup(),
        ) {
            // An opening, or the start of one, then any text.
            let head = head.get(..head.len().saturating_sub(cut)).unwrap_or(head);
            for lower in [format!("{head}{l}").to_lowercase(), l.to_lowercase()] {
                let words = lower.split_whitespace().count();
                prop_assert_eq!(
                    super::is_labelled_line(&lower, || words),
                    labelled_line_by_comparison(&lower, words)
                );
            }
        }
    }

    #[test]
    fn first_ascii_token_reads_ascii_openings_only() {
        let sep = |c: char| c.is_whitespace() || c == ',';
        assert_eq!(super::first_ascii_token(" ,the minister", sep), Some("the"));
        assert_eq!(super::first_ascii_token("facebook", sep), Some("facebook"));
        assert_eq!(super::first_ascii_token("\u{a0}the", sep), None);
        assert_eq!(super::first_ascii_token("th\u{e9} x", sep), None);
        assert_eq!(super::first_ascii_token("the\u{a0}x", sep), None);
        assert_eq!(super::first_ascii_token(" , ", sep), None);
        assert!(super::is_share_widget("facebook, twitter \u{2022} x"));
        assert!(super::is_timestamp_line("updated march 27, 2019"));
    }

    /// [`super::short_label`] in its simplest form: a split at the first colon.
    fn label_by_split(lower: &str) -> Option<(&str, &str)> {
        lower
            .split_once(':')
            .filter(|(k, _)| k.len() <= 12 && !k.contains(' '))
    }

    #[test]
    fn lowercase_agrees_with_the_library() {
        for l in [
            "Kraków İstanbul ÀÉÎ",
            "ΟΔΥΣΣΕΥΣ ΣΟΦΟΣ",
            "Ǆemal ǅ ǆ ẞ",
            "日本 Tokyo",
        ] {
            let mut got = String::new();
            super::push_lowercase(l, &mut got);
            assert_eq!(got, l.to_lowercase(), "{l}");
        }
    }

    #[test]
    fn plain_runs_end_at_the_first_byte_not_plain() {
        let text = "line one\nline two is longer\nthird\u{a0}line\tand\x7f end";
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            let want = bytes[i..]
                .iter()
                .position(|&b| !super::is_plain(b))
                .map_or(bytes.len(), |k| i + k);
            assert_eq!(super::plain_run_end(bytes, i), want, "{i}");
        }
    }

    #[test]
    fn line_ends_are_the_next_line_feed_and_say_whether_the_line_is_printable() {
        let text = "line one\nline two is longer than eight\n\nthird\u{a0}line\tand\x7f end\n\
                    \u{201c}quoted\u{201d} line\r\nlast line without a line feed";
        let bytes = text.as_bytes();
        for i in (0..=bytes.len()).filter(|&i| text.is_char_boundary(i)) {
            let end = bytes[i..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |k| i + k);
            let printable = bytes[i..end].iter().all(|b| (b' '..0x7f).contains(b));
            assert_eq!(super::line_end(text, i), (end, printable), "{i}");
        }
    }

    #[test]
    fn lines_are_mapped_as_the_whole_text_would_be() {
        // '\r' alone, '\r\n', a line ending in a mapped char, blank and junk lines.
        let raw = "One\u{2019}s line.\rTwo  lines\u{a0}here.\r\n\r\nThree \u{2014} end.\n\
                   Advertisement\n   \n\n\tIndented.\u{200b}\nLast\u{2026}";
        assert_eq!(
            normalize(raw),
            "One's line.\nTwo lines here.\n\nThree - end.\n\nIndented.\nLast..."
        );
    }

    /// Lines of junk words of every rule in mixed case (capitals set by `mask`, char by
    /// char), with separators, numbers, URL openings and chars whose lowercase differs
    /// in length or is not ASCII.
    fn cased_junk() -> impl Strategy<Value = String> {
        let lists = [&super::LABEL_LISTS[..], &OPENING_LISTS[..]];
        let mut pieces: Vec<&str> = (lists.iter().flat_map(|l| l.iter()))
            .flat_map(|l| l.iter().copied())
            .collect();
        for list in [
            super::WIDGET_WORDS,
            super::MONTHS,
            super::WEEKDAYS,
            super::CLOCK_WORDS,
        ] {
            pieces.extend(list);
        }
        pieces.extend(super::PUBLISHING_WORDS.iter().chain(super::AGENCY_WORDS));
        pieces.extend([
            " ",
            "  ",
            ",",
            ":",
            ".",
            "|",
            "(",
            ")",
            "/",
            "12",
            "2024",
            "https://",
            "http://",
            "www.",
            "example.org",
            "by ",
            "issued by",
            "posted by",
            "photo",
            "image",
            "credit",
            "all rights reserved",
            "\u{e9}",
            "\u{c9}",
            "\u{130}",
            "\u{212a}",
            "\u{3a3}",
            "\u{2022}",
        ]);
        let line = prop::collection::vec(prop::sample::select(pieces), 1..10);
        (line, any::<u64>()).prop_map(|(v, mask)| {
            (v.concat().chars().enumerate())
                .map(|(i, c)| {
                    if mask >> (i % 64) & 1 == 1 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]

        /// The rules read a line ignoring ASCII case as they read its lowercase copy (which
        /// is_junk made of every line before).
        #[test]
        fn junk_verdict_ignoring_case_is_that_of_the_lowercase_copy(
            line in prop_oneof![cased_junk(), soup()],
        ) {
            let printable = line.chars().all(|c| (' '..'\u{7f}').contains(&c));
            let l = line.trim();
            let mut scratch = String::from("stale");
            prop_assert_eq!(
                super::is_junk(&line, printable, &mut scratch),
                super::junk_rules(l, &l.to_lowercase())
            );
        }

        #[test]
        fn double_space_search_agrees_with_contains(line in prop_oneof![cased_junk(), soup()]) {
            prop_assert_eq!(super::has_double_space(&line), line.contains("  "));
        }

        #[test]
        fn folded_comparisons_agree_with_comparing_the_lowercase_copy(
            hay in prop_oneof![cased_junk(), soup()],
            word in prop::sample::select(vec![
                "all rights reserved", "photo", "credit", "www.", "by ", "\u{2022}", "a", "",
            ]),
        ) {
            let lower = hay.to_ascii_lowercase();
            // Every byte of the word as the rare one, and one it does not hold.
            for rare in word.bytes().chain([b'q']) {
                prop_assert_eq!(super::contains_folded(&hay, word, rare), lower.contains(word));
            }
            prop_assert_eq!(super::starts_with_folded(&hay, word), lower.starts_with(word));
            let one_of = lower == word || lower == "x";
            prop_assert_eq!(super::is_one_of_folded::<40>(&[word, "x"], &hay), one_of);
        }
    }

    #[test]
    fn junk_words_are_lowercase_and_no_lowercase_form_holds_an_ascii_capital() {
        // Comparing a lowercase form with lowercase words ignoring ASCII case is then the
        // same as comparing it exactly, as the rules did before.
        let lists = [&super::LABEL_LISTS[..], &OPENING_LISTS[..]];
        let words = (lists.iter().flat_map(|l| l.iter()))
            .chain(super::TIMESTAMP_WORDS.iter())
            .flat_map(|l| l.iter())
            .chain(super::WIDGET_WORDS);
        for w in words {
            assert_eq!(*w, w.to_lowercase(), "{w}");
        }
        // The words compared lowercased fit their buffers.
        let labels = super::LABEL_LISTS.iter().flat_map(|l| l.iter());
        assert!(labels.clone().all(|w| w.len() <= super::LABEL_FOLD));
        let timestamp = super::TIMESTAMP_WORDS.iter().flat_map(|l| l.iter());
        for w in timestamp.chain(super::WIDGET_WORDS) {
            assert!(w.len() <= super::WORD_FOLD, "{w}");
        }
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert!(!c.to_lowercase().any(|d| d.is_ascii_uppercase()), "{c:?}");
        }
        assert!(!"\u{3a3}A\u{3a3}"
            .to_lowercase()
            .contains(|c: char| c.is_ascii_uppercase()));
    }

    #[test]
    fn capitals_do_not_hide_junk_lines() {
        let raw =
            "ALL RIGHTS RESERVED 2024\nPhoto: HTTPS://EXAMPLE.ORG/X.JPG\nREAD MORE: Another\n\
                   Facebook TWITTER\nBy JANE DOE\nUPDATED MARCH 27, 2019\n(PHOTO BY X)\n\
                   ADVERTISEMENT\nThe minister spoke.";
        assert_eq!(normalize(raw), "The minister spoke.");
    }

    #[test]
    fn keeps_sentences_mentioning_junk_words() {
        let s = normalize("He said he would share the photo with reporters.");
        assert_eq!(s, "He said he would share the photo with reporters.");
    }
}

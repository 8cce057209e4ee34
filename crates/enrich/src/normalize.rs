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

/// Lines that are page furniture rather than article text.
fn is_junk(line: &str) -> bool {
    let l = line.trim();
    if l.is_empty() {
        return false;
    }
    let lower = l.to_lowercase();
    let words = lower.split_whitespace().count();
    // A bare URL (or several), possibly after "Photo:"/"Source:".
    let no_label = lower
        .split_once(':')
        .filter(|(k, _)| k.len() <= 12 && !k.contains(' '))
        .map_or(lower.as_str(), |(k, v)| {
            if k == "https" || k == "http" {
                lower.as_str()
            } else {
                v.trim()
            }
        });
    if (no_label.starts_with("http://")
        || no_label.starts_with("https://")
        || no_label.starts_with("www."))
        && !no_label.contains(' ')
    {
        return true;
    }
    const EXACT: &[&str] = &[
        "advertisement",
        "advertisements",
        "sponsored",
        "sponsored content",
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
        "listen",
        "listen to this article",
        "watch",
        "video",
        "photo",
        "image",
        "close",
        "loading...",
        "continue reading",
        "click here",
        "follow us",
        "advertisement - scroll to continue",
        "story continues below advertisement",
        "scroll to continue",
        "accept",
        "accept all",
        "reject all",
        "manage cookies",
        "cookie settings",
        "submit release",
        "news search",
        "published",
        "high views",
        "min",
        "join the conversation",
        "# # #",
        "###",
        "go to forum",
        "notícias relacionadas",
        "related news",
        "more news",
        "latest news",
        "top stories",
        "also read",
        "you may also like",
        "trending now",
        "print this page",
        "font size",
        "text size",
    ];
    if EXACT.contains(&lower.trim_end_matches(['.', ':', '|', ' '])) {
        return true;
    }
    const PREFIX: &[&str] = &[
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
        "copyright ©",
        "©",
        "all rights reserved",
        "we use cookies",
        "this website uses cookies",
        "this site uses cookies",
        "by continuing to use",
        "cookie policy",
        "accept cookies",
        "subscribe to",
        "sign up for",
        "sign up to",
        "follow us on",
        "follow our",
        "click here",
        "download our app",
        "download the app",
        "share this:",
        "share on:",
        "share:",
        "tags:",
        "topics:",
        "filed under",
        "advertisement:",
        "getty images",
        "ap photo",
        "afp photo",
        "reuters/",
        "(reuters photo",
        "(ap photo",
        "(afp",
        "source:",
    ];
    if PREFIX.iter().any(|p| lower.starts_with(p)) && words <= 25 {
        return true;
    }
    if lower.contains("all rights reserved") && words <= 20 {
        return true;
    }
    // Share widgets and menus: short lines made of network names or separated by pipes.
    const WIDGET: &[&str] = &[
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
    let toks: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    if toks.len() >= 2 && toks.iter().all(|t| WIDGET.contains(t)) {
        return true;
    }
    let pipes = l.matches('|').count() + l.matches('•').count();
    if pipes >= 2 && words <= 3 * (pipes + 1) && !l.ends_with('.') {
        return true;
    }
    // Bylines and "Issued by" lines.
    if (lower.starts_with("by ") && words <= 8 && !l.ends_with('.'))
        || lower.starts_with("issued by")
        || lower.starts_with("posted by")
    {
        return true;
    }
    // Timestamps and "Published/Updated <date>" lines, reading-time badges.
    if is_timestamp_line(&lower) {
        return true;
    }
    // Photo credits: "(Sam Yeh / AFP)".
    if l.starts_with('(') && l.ends_with(')') && l.contains('/') && words <= 8 {
        return true;
    }
    // Photo credits at line end in parentheses: "(Photo: Reuters)" alone on a line.
    if l.starts_with('(')
        && l.ends_with(')')
        && words <= 8
        && (lower.contains("photo") || lower.contains("image") || lower.contains("credit"))
    {
        return true;
    }
    false
}

/// A line made only of dates, times, counts and publishing words: "2024-05-08 19:16",
/// "Tuesday, 02 January 2024 12:17 GMT", "Updated March 27, 2019", "3 min read".
fn is_timestamp_line(lower: &str) -> bool {
    const WORDS: &[&str] = &[
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
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "am",
        "pm",
        "gmt",
        "utc",
        "edt",
        "est",
        "cet",
        "cest",
        "bst",
        "ist",
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
        "afp",
        "reuters",
        "ap",
        "ani",
        "pti",
        "ians",
        "dpa",
        "xinhua",
        "ago",
        "hours",
        "hour",
        "h",
    ];
    let toks: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    if toks.is_empty() || toks.len() > 10 {
        return false;
    }
    let digits = |t: &str| t.chars().any(|c| c.is_ascii_digit()) && t.len() <= 6;
    let has_digit = toks.iter().any(|t| digits(t));
    let all_ok = toks.iter().all(|t| WORDS.contains(t) || digits(t));
    has_digit && all_ok
}

/// Normalizes raw article text: NFC, typographic punctuation understood, page junk removed.
pub fn normalize(raw: &str) -> String {
    let mut mapped = String::with_capacity(raw.len());
    // Most news text is already NFC; the quick check (a table lookup per char) saves
    // the full decompose-recompose pass, which was a tenth of the worker's CPU time.
    if unicode_normalization::is_nfc_quick(raw.chars()) == unicode_normalization::IsNormalized::Yes
    {
        for c in raw.chars() {
            map_char(c, &mut mapped);
        }
    } else {
        for c in raw.nfc() {
            map_char(c, &mut mapped);
        }
    }
    let mut out = String::with_capacity(mapped.len());
    let mut blank_pending = false;
    for line in mapped.split('\n') {
        if is_junk(line) {
            continue;
        }
        let mut tidy = String::with_capacity(line.len());
        for w in line.split(' ').filter(|w| !w.is_empty()) {
            if !tidy.is_empty() {
                tidy.push(' ');
            }
            tidy.push_str(w);
        }
        if tidy.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_pending { "\n\n" } else { "\n" });
        }
        blank_pending = false;
        out.push_str(&tidy);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

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
    fn keeps_sentences_mentioning_junk_words() {
        let s = normalize("He said he would share the photo with reporters.");
        assert_eq!(s, "He said he would share the photo with reporters.");
    }
}

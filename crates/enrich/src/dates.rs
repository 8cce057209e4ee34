//! Civil dates and the date expressions news uses ("on Monday", "yesterday", "on 5
//! March", "March 5, 2024"), resolved against the item's date.
//!
//! The crate has no calendar dependency: a proleptic Gregorian date with day-number
//! arithmetic is all the resolution needs. A weekday is the latest such day on or before
//! the item's date; a day and month without a year is in the item's year, or the year
//! before when that would fall after the item's date. Vaguer times ("last week") give none.

use std::fmt;

use crate::scan::Doc;
use crate::tokens::Kind;

/// A calendar day (proleptic Gregorian), the item's date or a resolved one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl ItemDate {
    /// A valid date, or `None` (month 1-12, day within the month).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= month_len(year, month)).then_some(Self {
            year,
            month,
            day,
        })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = s.get(0..4)?.parse().ok()?;
        let month = s.get(5..7)?.parse().ok()?;
        let day = s.get(8..10)?.parse().ok()?;
        Self::new(year, month, day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        // Count from March so that the leap day ends the (shifted) year.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01; the inverse of [`ItemDate::days`].
    pub fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// Day of the week, 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u8 {
        (self.days() + 3).rem_euclid(7) as u8
    }

    pub fn add_days(self, n: i64) -> Self {
        Self::from_days(self.days() + n)
    }
}

impl fmt::Display for ItemDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn leap(y: i32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn month_len(y: i32, m: u8) -> u8 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date expression: tokens `a..b` and the day they pin (`None` when the item has no
/// date or the expression needs a year it cannot get).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    pub a: usize,
    pub b: usize,
    pub date: Option<ItemDate>,
}

/// The word lists of the date expressions.
pub mod words {
    /// 0 = Monday .. 6 = Sunday.
    pub fn weekday(w: &str) -> Option<u8> {
        Some(match w {
            "monday" => 0,
            "tuesday" => 1,
            "wednesday" => 2,
            "thursday" => 3,
            "friday" => 4,
            "saturday" => 5,
            "sunday" => 6,
            _ => return None,
        })
    }

    /// 1 = January; "jan." style abbreviations keep their period in the tokenizer.
    pub fn month(w: &str) -> Option<u8> {
        Some(match w.trim_end_matches('.') {
            "january" | "jan" => 1,
            "february" | "feb" => 2,
            "march" | "mar" => 3,
            "april" | "apr" => 4,
            "may" => 5,
            "june" | "jun" => 6,
            "july" | "jul" => 7,
            "august" | "aug" => 8,
            "september" | "sept" | "sep" => 9,
            "october" | "oct" => 10,
            "november" | "nov" => 11,
            "december" | "dec" => 12,
            _ => return None,
        })
    }

    /// Words before a weekday that put it in the future: "next Monday", "this coming Friday".
    pub fn future_before(w: &str) -> bool {
        matches!(w, "next" | "coming" | "until" | "till")
    }
}

/// A day-of-month number ("5", "05", "5th").
fn day_number(doc: &Doc<'_, '_>, k: usize) -> Option<u8> {
    if k >= doc.len() || doc.t.toks[k].kind != Kind::Num {
        return None;
    }
    let s = doc.t.lower(k);
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let tail = &s[digits.len()..];
    if !matches!(tail, "" | "st" | "nd" | "rd" | "th") || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(doc: &Doc<'_, '_>, k: usize) -> Option<i32> {
    if k >= doc.len() || doc.t.toks[k].kind != Kind::Num || doc.t.toks[k].newline_before {
        return None;
    }
    let s = doc.t.lower(k);
    (s.len() == 4)
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// A capitalized month word at `k` ("May" only next to a day number, checked by callers).
fn month_at(doc: &Doc<'_, '_>, k: usize) -> Option<u8> {
    (k < doc.len() && doc.t.toks[k].cap)
        .then(|| words::month(doc.t.lower(k)))
        .flatten()
}

/// Is token `k` joined to a range ("26-27 May", "5 to 7 March")?
fn in_range(doc: &Doc<'_, '_>, before: usize, after: usize) -> bool {
    let dash =
        |k: usize| doc.t.is_punct(k, "-") || doc.t.is_word(k, "to") || doc.t.is_word(k, "and");
    (before > 0 && dash(before - 1) && day_number(doc, before.wrapping_sub(2)).is_some())
        || (dash(after) && day_number(doc, after + 1).is_some())
}

/// The day and month (and year, if given) of an explicit date, without a year resolved
/// against the item's date.
fn explicit(item: Option<ItemDate>, y: Option<i32>, m: u8, d: u8) -> Option<ItemDate> {
    match (y, item) {
        (Some(y), _) => ItemDate::new(y, m, d),
        (None, Some(it)) => {
            let same = ItemDate::new(it.year, m, d)?;
            if same > it {
                ItemDate::new(it.year - 1, m, d)
            } else {
                Some(same)
            }
        }
        (None, None) => None,
    }
}

/// Every date expression starting in tokens `lo..hi`, left to right (the events pass
/// reads only the sentences around its triggers). Each position is tried by the rules in
/// order: "day-month", "month-day", "weekday", "deictic".
pub fn find(doc: &Doc<'_, '_>, item: Option<ItemDate>, lo: usize, hi: usize) -> Vec<DateSpan> {
    let n = hi.min(doc.len());
    let mut out = Vec::new();
    let mut k = lo;
    while k < n {
        let tok = &doc.t.toks[k];
        // Only numbers, capitalized words and "today"/"yesterday" start a date.
        let len = tok.cend - tok.cstart;
        if tok.kind == Kind::Punct || (tok.kind == Kind::Word && !tok.cap && len != 5 && len != 9) {
            k += 1;
            continue;
        }
        let span = day_month(doc, item, k)
            .or_else(|| month_day(doc, item, k))
            .or_else(|| weekday(doc, item, k))
            .or_else(|| deictic(doc, item, k));
        match span {
            Some(mut s) => {
                k = s.b.max(k + 1);
                // "yesterday" in an item dated 0000-01-01 is in year -1, which no
                // `YYYY-MM-DD` (the schema's date format) can write: no date then.
                s.date = s.date.filter(|d| (0..=9999).contains(&d.year));
                out.push(s);
            }
            None => k += 1,
        }
    }
    out
}

/// Rule "day-month": "5 March", "5 March 2024", "on 30 May".
fn day_month(doc: &Doc<'_, '_>, item: Option<ItemDate>, k: usize) -> Option<DateSpan> {
    let d = day_number(doc, k)?;
    let m = month_at(doc, k + 1)?;
    let y = year_number(doc, k + 2);
    let b = k + 2 + usize::from(y.is_some());
    let date = if in_range(doc, k, k + 1) {
        None
    } else {
        explicit(item, y, m, d)
    };
    Some(DateSpan { a: k, b, date })
}

/// Rule "month-day": "March 5", "March 5, 2024".
fn month_day(doc: &Doc<'_, '_>, item: Option<ItemDate>, k: usize) -> Option<DateSpan> {
    let (d, m) = day_number(doc, k + 1).zip(month_at(doc, k))?;
    let comma = doc.t.is_punct(k + 2, ",");
    let y = if comma {
        year_number(doc, k + 3)
    } else {
        year_number(doc, k + 2)
    };
    let b = match y {
        Some(_) if comma => k + 4,
        Some(_) => k + 3,
        None => k + 2,
    };
    let date = if in_range(doc, k + 1, k + 2) {
        None
    } else {
        explicit(item, y, m, d)
    };
    Some(DateSpan { a: k, b, date })
}

/// Rule "weekday": "on Monday", "this past Friday" is the latest such day on or before the
/// item's date; none after "next" and the like. A date right after it ("Monday, March
/// 25") is read by the rules above on the next tokens and wins downstream.
fn weekday(doc: &Doc<'_, '_>, item: Option<ItemDate>, k: usize) -> Option<DateSpan> {
    let tok = &doc.t.toks[k];
    if !tok.cap || !(6..=9).contains(&(tok.cend - tok.cstart)) {
        return None;
    }
    let wd = words::weekday(doc.t.lower(k))?;
    let future = k > 0 && words::future_before(doc.t.lower(k - 1));
    let date = item.filter(|_| !future).map(|it| {
        let back = (i64::from(it.weekday()) - i64::from(wd)).rem_euclid(7);
        it.add_days(-back)
    });
    let a = if k > 0 && matches!(doc.t.lower(k - 1), "on" | "last" | "past") {
        k - 1
    } else {
        k
    };
    Some(DateSpan { a, b: k + 1, date })
}

/// Rule "deictic": "today" is the item's date, "yesterday" the day before.
fn deictic(doc: &Doc<'_, '_>, item: Option<ItemDate>, k: usize) -> Option<DateSpan> {
    let back = match doc.t.lower(k) {
        "today" => 0,
        "yesterday" => 1,
        _ => return None,
    };
    Some(DateSpan {
        a: k,
        b: k + 1,
        date: item.map(|it| it.add_days(-back)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_and_weekdays() {
        let d = ItemDate::new(2024, 3, 26).unwrap();
        assert_eq!(ItemDate::from_days(d.days()), d);
        assert_eq!(d.weekday(), 1); // a Tuesday
        assert_eq!(ItemDate::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(
            ItemDate::new(2000, 3, 1).unwrap().add_days(-1).to_string(),
            "2000-02-29"
        );
        assert_eq!(ItemDate::parse("2023-02-29"), None);
        for n in -800_000..800_000i64 {
            if n % 997 == 0 {
                assert_eq!(ItemDate::from_days(n).days(), n);
            }
        }
    }

    #[test]
    fn explicit_dates_without_a_year_are_never_after_the_item() {
        let it = ItemDate::new(2024, 1, 10);
        assert_eq!(explicit(it, None, 3, 5), ItemDate::new(2023, 3, 5));
        assert_eq!(explicit(it, None, 1, 9), ItemDate::new(2024, 1, 9));
    }
}

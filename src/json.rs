//! The pieces the output event's JSON is written with (`Event::encode`): the same bytes
//! as `serde_json::to_vec`, in less time.
//!
//! Why not serde_json itself: encoding an event was ~10% of the per-item path. Most of it
//! was serde_json's string escaping, which looks up every byte of every string in a table
//! (the article text alone is ~1.8 KB an item); [`write_str`] skips eight bytes at a time
//! when none of them needs escaping. The rest was the serde layers a derived `Serialize`
//! goes through for each field (a call per field, its name searched for escapes); the
//! event's layout is fixed, so `crate::event` writes its field names as literals, with
//! the helpers here, into one pre-sized `Vec<u8>`.
//!
//! The output is a public contract (`schema/event.v1.json`), so these must write exactly
//! what serde_json writes for the same value: compact, `\b \t \n \f \r \" \\` and `\u00xx`
//! (lowercase hex) for the other control characters, nothing else escaped (not `/`, not
//! DEL, not non-ASCII), integers as itoa writes them. Values whose form is serde_json's
//! own business (floats, ids, dates, enum names) go through serde_json ([`write_serde`]).
//! The tests below compare the two on arbitrary strings; `crate::event`'s compare whole
//! events.

use serde::Serialize;

/// Eight copies of one byte, for the word-at-a-time tests of [`escape_mask`].
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The high bit of every byte of the little-endian word `w` that is below 0x20, `"` or
/// `\`, give or take bits above the first such byte. The classic "has a byte less than n"
/// test, `(w - splat(n)) & !w & splat(0x80)`: a byte below n borrows from the bytes above
/// it, which may set their bits too, but no byte below the first match is touched, so the
/// lowest set bit is exact. A byte equal to c is a byte below 1 of `w ^ splat(c)`. Bytes
/// of multi-byte UTF-8 characters (0x80 and up) never match, as they must not.
#[inline]
fn escape_mask(w: u64) -> u64 {
    let below = |x: u64, n: u8| x.wrapping_sub(splat(n)) & !x & splat(0x80);
    below(w, 0x20) | below(w ^ splat(b'"'), 1) | below(w ^ splat(b'\\'), 1)
}

/// Whether JSON must escape a byte (a control character, `"` or `\\`), by table: one
/// load a byte where three comparisons were, for the short strings read byte by byte.
const NEEDS_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b < 0x20 || b == b'"' as usize || b == b'\\' as usize;
        b += 1;
    }
    table
};

#[inline]
fn needs_escape(b: u8) -> bool {
    NEEDS_ESCAPE[b as usize]
}

/// The index of the first byte at or after `from` that JSON must escape.
#[inline]
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let first = |i: usize, mask: u64| i + (mask.trailing_zeros() / 8) as usize;
    let mut i = from;
    // Two words a step while there are: one test and branch for sixteen bytes (the
    // article text is most of an event's bytes).
    while let Some(block) = bytes.get(i..).and_then(<[u8]>::first_chunk::<16>) {
        let (low, high) = block.split_at(8);
        let word = |h: &[u8]| {
            let mut w = [0u8; 8];
            w.copy_from_slice(h);
            escape_mask(u64::from_le_bytes(w))
        };
        let (low, high) = (word(low), word(high));
        if low | high != 0 {
            return Some(if low != 0 {
                first(i, low)
            } else {
                first(i + 8, high)
            });
        }
        i += 16;
    }
    while let Some(word) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let mask = escape_mask(u64::from_le_bytes(*word));
        if mask != 0 {
            return Some(first(i, mask));
        }
        i += 8;
    }
    if i == bytes.len() {
        return None;
    }
    // The last 1-7 bytes: when the string has eight bytes from `from`, its last eight
    // bytes are one word whose first bytes were already found clean, so the lowest match
    // in it is the first escape of the rest (and exact, see `escape_mask`). Shorter
    // strings (most keys and names) go byte by byte.
    if let Some(last) = bytes.len().checked_sub(8).filter(|&start| start >= from) {
        let word = bytes.get(last..).and_then(<[u8]>::first_chunk::<8>)?;
        let mask = escape_mask(u64::from_le_bytes(*word));
        return (mask != 0).then(|| first(last, mask));
    }
    let rest = bytes.get(i..).unwrap_or_default();
    rest.iter().position(|&b| needs_escape(b)).map(|k| i + k)
}

/// The escape of a byte [`next_escape`] stopped at, as serde_json writes it: the short
/// forms, else `\u00xx` with lowercase hex.
#[inline]
fn escape_of(b: u8) -> &'static [u8] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // `\u00xx` for every control character; built once, at compile time.
    const CONTROL: [[u8; 6]; 32] = {
        let mut table = [[0u8; 6]; 32];
        let mut i = 0;
        while i < 32 {
            table[i] = [b'\\', b'u', b'0', b'0', HEX[i >> 4], HEX[i & 0xf]];
            i += 1;
        }
        table
    };
    match b {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        0x08 => b"\\b",
        b'\t' => b"\\t",
        b'\n' => b"\\n",
        0x0c => b"\\f",
        b'\r' => b"\\r",
        _ => &CONTROL[(b & 0x1f) as usize],
    }
}

/// Appends `s` as a JSON string literal, quotes included.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // `run` is where the bytes not yet copied start; they need no escape up to `at`.
    let mut run = 0;
    while let Some(at) = next_escape(bytes, run) {
        out.extend_from_slice(&bytes[run..at]);
        out.extend_from_slice(escape_of(bytes[at]));
        run = at + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// Appends `s` as a JSON string, or `null`.
pub fn write_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// Appends an integer as serde_json writes it.
pub fn write_int(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Appends an integer, or `null`.
pub fn write_opt_int(out: &mut Vec<u8>, n: Option<impl itoa::Integer>) {
    match n {
        Some(n) => write_int(out, n),
        None => out.extend_from_slice(b"null"),
    }
}

/// Appends `true` or `false`.
pub fn write_bool(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

/// Appends `value` as serde_json writes it, by serde_json: for the values whose form is
/// its own (floats: its shortest form has changed between releases, ryu then zmij) or
/// their type's (ids, dates, enum names), one each per event or entity.
pub fn write_serde<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
) -> Result<(), serde_json::Error> {
    serde_json::to_writer(out, value)
}

/// Appends `items` as a JSON array, each written by `write_item`.
pub fn write_array<T>(
    out: &mut Vec<u8>,
    items: &[T],
    mut write_item: impl FnMut(&mut Vec<u8>, &T) -> Result<(), serde_json::Error>,
) -> Result<(), serde_json::Error> {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_item(out, item)?;
    }
    out.push(b']');
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn same_as_serde_json(s: &str) {
        let mut ours = Vec::new();
        write_str(&mut ours, s);
        let theirs = serde_json::to_vec(s).expect("encodes");
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[test]
    fn every_byte_that_needs_escaping_is_escaped_as_serde_json_does() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            for s in [
                c.to_string(),
                format!("abcdefgh{c}"),
                format!("{c}abcdefghijklmnop"),
                format!("abc{c}{c}defghijklmnopq{c}"),
            ] {
                same_as_serde_json(&s);
            }
        }
        same_as_serde_json("caf\u{e9} \u{201c}quoted\u{201d} \u{1f600} \u{7f} / \\ \"");
    }

    /// The last 1-7 bytes of a string are searched in a word that overlaps bytes already
    /// found clean: an escape at any position of any length must still be found, and
    /// found first.
    #[test]
    fn an_escape_at_any_position_of_any_length_is_found() {
        for len in 1..=24 {
            for at in 0..len {
                for c in ['"', '\n', '\\'] {
                    let mut s: Vec<char> = "abcdefghijklmnopqrstuvwx".chars().take(len).collect();
                    s[at] = c;
                    let s: String = s.into_iter().collect();
                    same_as_serde_json(&s);
                    same_as_serde_json(&format!("{s}\"{s}"));
                }
            }
        }
    }

    #[test]
    fn integers_options_and_arrays_are_written_as_serde_json_writes_them() {
        let mut ours = Vec::new();
        write_array(
            &mut ours,
            &[Some(0usize), None, Some(usize::MAX)],
            |out, n| {
                write_opt_int(out, *n);
                Ok(())
            },
        )
        .expect("writes");
        ours.push(b',');
        write_array(&mut ours, &[Some("a\tb"), None], |out, s| {
            write_opt_str(out, *s);
            Ok(())
        })
        .expect("writes");
        ours.push(b',');
        write_array(&mut ours, &[i64::MIN, -1], |out, n| {
            write_int(out, *n);
            Ok(())
        })
        .expect("writes");
        ours.push(b',');
        write_array(&mut ours, &[true, false], |out, b| {
            write_bool(out, *b);
            Ok(())
        })
        .expect("writes");
        ours.push(b',');
        write_array(&mut ours, &[] as &[u8], |_, _| Ok(())).expect("writes");
        let theirs = serde_json::json!([
            [0, null, usize::MAX],
            ["a\tb", null],
            [i64::MIN, -1],
            [true, false],
            []
        ])
        .to_string();
        assert_eq!(String::from_utf8_lossy(&ours), &theirs[1..theirs.len() - 1]);
    }

    proptest! {
        #[test]
        fn arbitrary_strings_are_escaped_as_serde_json_does(s in any::<String>()) {
            let mut ours = Vec::new();
            write_str(&mut ours, &s);
            prop_assert_eq!(ours, serde_json::to_vec(&s).expect("encodes"));
        }
    }
}

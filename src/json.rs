//! A compact JSON writer for the output event: the same bytes as `serde_json::to_vec`,
//! in less time.
//!
//! Why not serde_json itself: encoding an event was ~10% of the per-item path, and most of
//! that was serde_json's string escaping, which looks up every byte of every string in a
//! table (the article text alone is ~1.8 KB an item). [`write_str`] skips eight bytes at a
//! time when none of them needs escaping, and the writer appends to one pre-sized
//! `Vec<u8>` with no `io::Write` layer in between.
//!
//! The output is a public contract (`schema/event.v1.json`), so this writer must produce
//! exactly what serde_json produces for the same value: compact, fields in declaration
//! order, `\b \t \n \f \r \" \\` and `\u00xx` (lowercase hex) for the other control
//! characters, nothing else escaped (not `/`, not DEL, not non-ASCII), and floats as
//! serde_json writes them (it writes them here). The tests below compare the two on
//! every event of the project's texts and on arbitrary strings and floats.

use serde::ser::{self, Serialize};

/// Serializes `value` as compact JSON into a new buffer of `capacity` bytes (a good guess
/// avoids the buffer growing and copying itself while the event is written).
pub fn to_vec_with_capacity<T: Serialize + ?Sized>(
    value: &T,
    capacity: usize,
) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(capacity);
    value.serialize(&mut Writer { out: &mut out })?;
    Ok(out)
}

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

/// Appends `"key":`, the name of a struct field. The schema's field names never need
/// escaping, so they are copied as they are, without [`write_str`]'s search; a name that
/// did would still be escaped.
#[inline]
fn write_key(out: &mut Vec<u8>, key: &str) {
    if key.bytes().any(needs_escape) {
        write_str(out, key);
        out.push(b':');
        return;
    }
    out.reserve(key.len() + 3);
    out.push(b'"');
    // A byte loop, not a call to memcpy: field names are a few bytes long.
    out.extend(key.bytes());
    out.extend_from_slice(b"\":");
}

/// The serializer: appends to `out`.
struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

impl Writer<'_> {
    fn integer(&mut self, n: impl itoa::Integer) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }
}

/// Writes the separators of one array or object: `,` before every element but the first,
/// and the closing bracket (`suffix`, which also closes a variant's wrapping object).
struct Compound<'w, 'a> {
    writer: &'w mut Writer<'a>,
    first: bool,
    suffix: &'static [u8],
}

impl Compound<'_, '_> {
    fn separator(&mut self) {
        if !self.first {
            self.writer.out.push(b',');
        }
        self.first = false;
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.separator();
        write_key(self.writer.out, key);
        value.serialize(&mut *self.writer)
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), serde_json::Error> {
        self.separator();
        value.serialize(&mut *self.writer)
    }

    fn close(self) -> Result<(), serde_json::Error> {
        self.writer.out.extend_from_slice(self.suffix);
        Ok(())
    }
}

impl<'w, 'a> Writer<'a> {
    /// Opens an array or object with `prefix` (`[`, `{`, or a variant's `{"name":[`).
    fn open(&'w mut self, prefix: &[u8], suffix: &'static [u8]) -> Compound<'w, 'a> {
        self.out.extend_from_slice(prefix);
        Compound {
            writer: self,
            first: true,
            suffix,
        }
    }

    /// `{"variant":` and then the opening bracket, for the externally tagged variants.
    fn open_variant(
        &'w mut self,
        variant: &str,
        bracket: u8,
        suffix: &'static [u8],
    ) -> Compound<'w, 'a> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
        self.open(&[bracket], suffix)
    }
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Self::Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Self::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Self::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Self::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Self::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Self::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Self::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Self::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Self::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Self::Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Self::Error> {
        self.integer(v);
        Ok(())
    }
    /// Floats (a location's `lat` and `lon`) go through serde_json itself: its shortest
    /// form has changed between releases (ryu, then zmij), and it must be its form.
    fn serialize_f32(self, v: f32) -> Result<(), Self::Error> {
        serde_json::to_writer(&mut *self.out, &v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Self::Error> {
        serde_json::to_writer(&mut *self.out, &v)
    }
    fn serialize_char(self, v: char) -> Result<(), Self::Error> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Self::Error> {
        write_str(self.out, v);
        Ok(())
    }
    /// As serde_json: an array of numbers.
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Self::Error> {
        let mut seq = self.open(b"[", b"]");
        for b in v {
            seq.element(b)?;
        }
        seq.close()
    }
    fn serialize_none(self) -> Result<(), Self::Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Self::Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Self::Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Self::Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Self::Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        let mut object = self.open(b"{", b"}");
        object.field(variant, value)?;
        object.close()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Self::Error> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Self::Error> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Self::Error> {
        Ok(self.open_variant(variant, b'[', b"]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Self::Error> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Self::Error> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Self::Error> {
        Ok(self.open_variant(variant, b'{', b"}}"))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Self::Error> {
        self.close()
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Self::Error> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Self::Error> {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Self::Error> {
        self.close()
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;
    /// Keys are written as serde_json writes them: strings as they are, numbers, booleans
    /// and unit variants quoted; other keys are an error, as there.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Self::Error> {
        self.separator();
        // Through serde_json's own key rules; only map keys take this (rare) path.
        let key = serde_json::to_value(key)?;
        match key {
            serde_json::Value::String(s) => write_str(self.writer.out, &s),
            serde_json::Value::Number(_) | serde_json::Value::Bool(_) => {
                write_str(self.writer.out, &key.to_string())
            }
            _ => return Err(ser::Error::custom("key must be a string")),
        }
        self.writer.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Self::Error> {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Self::Error> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Self::Error> {
        self.close()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde::Serialize;

    use super::*;

    fn same_as_serde_json<T: Serialize + ?Sized>(value: &T) {
        let ours = to_vec_with_capacity(value, 0).expect("encodes");
        let theirs = serde_json::to_vec(value).expect("encodes");
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

    /// Field names are copied without a search, unless they need escaping.
    #[test]
    fn field_names_are_written_as_serde_json_writes_them() {
        #[derive(Serialize)]
        struct Names {
            plain: u8,
            #[serde(rename = "quo\"te\n")]
            escaped: u8,
        }
        same_as_serde_json(&Names {
            plain: 1,
            escaped: 2,
        });
    }

    #[test]
    fn every_kind_of_value_is_written_as_serde_json_writes_it() {
        #[derive(Serialize)]
        enum Kind {
            Unit,
            New(u8),
            Tuple(i32, String),
            Fields { a: Option<f64>, b: Vec<u8> },
        }
        #[derive(Serialize)]
        struct Unit;
        #[derive(Serialize)]
        struct Wrap(i64);
        #[derive(Serialize)]
        struct All {
            t: bool,
            f: bool,
            i: (i8, i16, i32, i64, i128),
            u: (u8, u16, u32, u64, u128),
            floats: Vec<f64>,
            small: Vec<f32>,
            ch: char,
            none: Option<String>,
            unit: (),
            unit_struct: Unit,
            wrap: Wrap,
            kinds: Vec<Kind>,
            empty: Vec<u8>,
            map: BTreeMap<String, u8>,
            int_keys: BTreeMap<i32, bool>,
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<u8>,
        }
        same_as_serde_json(&All {
            t: true,
            f: false,
            i: (i8::MIN, i16::MIN, i32::MIN, i64::MIN, i128::MIN),
            u: (u8::MAX, u16::MAX, u32::MAX, u64::MAX, u128::MAX),
            floats: vec![
                0.0,
                -0.0,
                1.0,
                31.7683,
                -122.419_4,
                1e21,
                1e-7,
                f64::MAX,
                f64::MIN_POSITIVE,
                f64::NAN,
                f64::INFINITY,
            ],
            small: vec![1.5, f32::NEG_INFINITY, 0.1],
            ch: '"',
            none: None,
            unit: (),
            unit_struct: Unit,
            wrap: Wrap(-7),
            kinds: vec![
                Kind::Unit,
                Kind::New(3),
                Kind::Tuple(-1, "x\ny".into()),
                Kind::Fields {
                    a: Some(2.5),
                    b: vec![],
                },
            ],
            empty: vec![],
            map: [("k\t".to_string(), 1), ("z".to_string(), 2)].into(),
            int_keys: [(-3, true), (4, false)].into(),
            skipped: None,
        });
    }

    proptest! {
        #[test]
        fn arbitrary_strings_are_escaped_as_serde_json_does(s in any::<String>()) {
            let ours = to_vec_with_capacity(&s, 0).expect("encodes");
            prop_assert_eq!(ours, serde_json::to_vec(&s).expect("encodes"));
        }

        #[test]
        fn arbitrary_floats_are_written_as_serde_json_writes_them(bits in any::<u64>()) {
            let v = f64::from_bits(bits);
            let ours = to_vec_with_capacity(&v, 0).expect("encodes");
            prop_assert_eq!(ours, serde_json::to_vec(&v).expect("encodes"));
        }
    }
}

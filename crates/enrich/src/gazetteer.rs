//! The place table: one row per gazetteer entry (GeoNames-derived plus curated), parsed from
//! `data/gazetteer.tsv` embedded in the binary.
//!
//! This module only stores and parses places; it must never decide which entry a mention
//! means (that is `locations.rs`) and never touch the network or the file system.

use crate::{DataError, LocationKind};

/// ISO 3166-1 alpha-2 code as two ASCII bytes; `[0, 0]` means none.
pub type Cc = [u8; 2];

/// No country (seas, multi-country regions).
pub const NO_CC: Cc = [0, 0];

/// Converts a code to its string form.
pub fn cc_str(cc: Cc) -> Option<String> {
    if cc == NO_CC {
        None
    } else {
        Some(String::from_utf8_lossy(&cc).into_owned())
    }
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
    pub name: Box<str>,
    pub kind: LocationKind,
    pub cc: Cc,
    pub lat: f32,
    pub lon: f32,
    /// Population, used as the prior between same-named places (curated entries may set a
    /// prominence figure instead, e.g. for capitals that share a name with a larger region).
    pub pop: u32,
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

/// Parses the gazetteer and calls `alias(place_id, surface)` for its name and every alias.
pub fn load(mut alias: impl FnMut(u32, &'static str)) -> Result<Vec<Place>, DataError> {
    let mut places = Vec::with_capacity(80_000);
    for (ln, line) in GAZETTEER_TSV.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |reason: &str| DataError::Malformed {
            file: GAZETTEER_FILE,
            line: ln + 1,
            reason: reason.to_string(),
        };
        let mut f = line.split('\t');
        let (Some(kind), Some(cc), Some(lat), Some(lon), Some(pop), Some(name)) =
            (f.next(), f.next(), f.next(), f.next(), f.next(), f.next())
        else {
            return Err(bad("expected 7 tab-separated fields"));
        };
        let aliases = f.next().unwrap_or("");
        let kind = kind_of(kind).ok_or_else(|| bad("unknown kind"))?;
        let lat: f32 = lat.parse().map_err(|_| bad("bad latitude"))?;
        let lon: f32 = lon.parse().map_err(|_| bad("bad longitude"))?;
        let pop: u32 = pop
            .parse::<u64>()
            .map(|p| p.min(u64::from(u32::MAX)) as u32)
            .map_err(|_| bad("bad population"))?;
        let id = places.len() as u32;
        places.push(Place {
            name: name.into(),
            kind,
            cc: parse_cc(cc),
            lat,
            lon,
            pop,
        });
        alias(id, name);
        for a in aliases.split('|').filter(|a| !a.is_empty()) {
            alias(id, a);
        }
    }
    Ok(places)
}

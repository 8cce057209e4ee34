//! Generators of test texts shared by the passes' property tests.

use proptest::prelude::*;

/// Texts made of up to `max` of `pieces` end to end (the constructions a pass reads, so
/// that cases hit them often), or any string at all (what no list foresaw).
pub(crate) fn piece_soup(
    pieces: &'static [&'static str],
    max: usize,
) -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

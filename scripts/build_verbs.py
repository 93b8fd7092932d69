#!/usr/bin/env python3
"""Build src/fogline/resources/verbs.json from PETRARCH2's CAMEO verb dictionary and the PLOVER
conversion table, plus fogline's own additions (src/fogline/resources/verbs_additions.json).

    .venv/bin/python scripts/build_verbs.py [--shared ../shared]

Sources (MIT and CC BY-SA 4.0, see resources/PROVENANCE.md): ../shared/data/dictionaries/CAMEO.2.0.txt
(openeventdata/petrarch2, commit 676801c) and ../shared/data/events/cameo2plover_2021.txt
(openeventdata/PLOVER). The output is deterministic.

verbs.json:
  verbs:    {lemma or "lemma particle": {"block": BLOCK, "code": "190" | null}}
  blocks:   {BLOCK: {"code": "190" | null, "patterns": [{"pre": [[alt, ...], ...], "post": [...],
             "code": "195", "verb": "KILL"}]}}   # each slot a list of alternatives (synsets expanded)
  plover:   {cameo code: {"type": "ASSAULT", "mode": "heavy-weapons" | "", "context": [...]}}
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "fogline" / "resources" / "verbs.json"
ADDITIONS = ROOT / "src" / "fogline" / "resources" / "verbs_additions.json"

_BLOCK = re.compile(r"^---\s+(?P<name>[A-Z_\-]+)\s+\[(?P<code>[^\]]*)\]\s+---")
_CODE = re.compile(r"\[(?P<code>[^\]]+)\]")


def _code(raw: str | None) -> str | None:
    """'190' -> '190'; '042:043' -> '042'; '---' -> '---' (an explicit non-event)."""
    if raw is None:
        return None
    raw = raw.strip().split(":")[0].strip()
    return raw or None


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def parse_cameo(path: Path) -> tuple[dict, dict]:
    synsets: dict[str, list[str]] = {}
    verbs: dict[str, dict] = {}
    blocks: dict[str, dict] = {}
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    mode = None
    cur_syn = None
    block = None
    for raw in lines:
        if raw.startswith("####### SYNONYM SETS"):
            mode = "syn"
            continue
        if raw.startswith("####### VERB PATTERNS"):
            mode = "verbs"
            continue
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if mode == "syn":
            if line.startswith("&"):
                cur_syn = line.strip().rstrip("_")
                synsets[cur_syn] = []
            elif line.startswith("+") and cur_syn:
                synsets[cur_syn].append(line[1:].strip().strip("_").replace("_", " ").lower())
            continue
        if mode != "verbs":
            continue
        if m := _BLOCK.match(line):
            block = m.group("name")
            blocks[block] = {"code": _code(m.group("code")) if m.group("code").strip() != "---" else None,
                             "patterns": []}
            continue
        if block is None:
            continue
        if line.startswith("-"):
            m = _CODE.search(line)
            if not m:
                continue
            comment = (raw.split("#", 1)[1].split() or [""])[0] if "#" in raw else ""
            body = line[1:m.start()]
            pre, post = _pattern(body, synsets)
            if pre is None:
                continue
            blocks[block]["patterns"].append({"pre": pre, "post": post, "code": _code(m.group("code")),
                                              "verb": comment.upper()})
            continue
        # A verb (or multi-word verb with +) of this block, optional {forms}, optional [code].
        m = _CODE.search(line)
        own = _code(m.group("code")) if m else None
        head = line[: m.start()] if m else line
        head = re.sub(r"\{[^}]*\}", " ", head).strip()
        if not head:
            continue
        word = head.split()[0]
        multi = word.startswith("+")
        word = word.lstrip("+").strip("_").lower()
        parts = word.split("_")
        if multi:
            # Skip TABARI's conjunction entries (KILLED_AND) and auxiliary forms (IS_DETERMINED).
            if parts[-1] in {"and", "or", ""} or parts[0] in {"is", "was", "are", "be", "were", "has", "have", "had"}:
                continue
        key = " ".join(parts)
        verbs.setdefault(key, {"block": block, "code": own})
    return verbs, blocks | {"__synsets__": synsets}  # type: ignore[operator]


def _pattern(body: str, synsets: dict[str, list[str]]) -> tuple[list | None, list]:
    """Split a pattern into the words before and after '*', each slot a list of alternatives."""
    if "*" not in body:
        return None, []
    left, right = body.split("*", 1)

    def slots(s: str) -> list[list[str]]:
        s = s.replace("{", " ").replace("}", " ").replace("(", " ").replace(")", " ")
        out = []
        for tok in s.split():
            if tok in {"$", "+", "^", "%", "|"}:
                continue
            if tok.startswith("&"):
                alts = synsets.get(tok.rstrip("_"))
                if not alts:
                    continue
                out.append(sorted(set(alts)))
            else:
                out.append([tok.strip("_").replace("_", " ").lower()])
        return out

    return slots(left), slots(right)


def parse_plover(path: Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^(\d{2,4}):\s*(.*)$", raw)
        if not m:
            continue
        code, rest = m.groups()
        rest = rest.split("#", 1)[0]
        fields = [f.strip() for f in rest.split(",")]
        typ = fields[0] if fields else ""
        if not typ:
            continue
        mode = fields[1] if len(fields) > 1 else ""
        ctx = [c.strip() for c in (fields[2] if len(fields) > 2 else "").split(";") if c.strip()]
        out.setdefault(code, {"type": typ, "mode": mode, "context": ctx})
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    a = ap.parse_args(argv)
    shared = Path(a.shared) / "data"
    verbs, blocks = parse_cameo(shared / "dictionaries" / "CAMEO.2.0.txt")
    synsets = blocks.pop("__synsets__")
    plover = parse_plover(shared / "events" / "cameo2plover_2021.txt")
    add = json.loads(ADDITIONS.read_text(encoding="utf-8"))
    for k, v in add.get("verbs", {}).items():
        if not k.startswith("_"):
            verbs[k] = v
    for name, b in add.get("blocks", {}).items():
        if name.startswith("_"):
            continue  # a note
        blocks.setdefault(name, {"code": b.get("code"), "patterns": []})
        for p in b.get("patterns", []):
            blocks[name]["patterns"].append(p)
    for code, v in add.get("plover", {}).items():
        if not code.startswith("_"):
            plover[code] = v
    data = {
        "provenance": "Built by scripts/build_verbs.py from PETRARCH2 CAMEO.2.0.txt (openeventdata/petrarch2 "
                      "676801c, MIT), PLOVER cameo2plover_2021.txt (openeventdata/PLOVER, CC BY-SA 4.0) and "
                      "fogline's resources/verbs_additions.json.",
        "verbs": dict(sorted(verbs.items())),
        "blocks": dict(sorted(blocks.items())),
        "plover": dict(sorted(plover.items())),
        "synsets": {k: v for k, v in sorted(synsets.items()) if k in {"&AIRCRAFT", "&WEAPON", "&MILITARY"}},
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
                   encoding="utf-8")
    n_pat = sum(len(b["patterns"]) for b in blocks.values())
    print(f"wrote {OUT.relative_to(ROOT)}: {len(verbs)} verbs, {len(blocks)} blocks, {n_pat} patterns, "
          f"{len(plover)} PLOVER mappings, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

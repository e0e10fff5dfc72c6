#!/usr/bin/env python3
"""Builds src/Colour2Vec/Colours/Data/builtin-colours.csv from Debian's X11 rgb.txt.

rgb.txt spells many names twice ("ghost white" and "GhostWhite"); we keep the first spelling of each name,
comparing names case-insensitively with spaces removed. Usage: tools/make-builtin-colours.py [rgb.txt]
"""
import sys

source = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/X11/rgb.txt"
seen = set()
rows = []
with open(source, encoding="ascii") as f:
    for line in f:
        if line.startswith("!") or not line.strip():
            continue
        parts = line.split()
        r, g, b = (int(x) for x in parts[:3])
        name = " ".join(parts[3:])
        key = name.replace(" ", "").lower()
        if key in seen:
            continue
        seen.add(key)
        rows.append((name, r, g, b))
print("name,r,g,b")
for name, r, g, b in rows:
    print(f"{name},{r},{g},{b}")
print(f"{len(rows)} colours", file=sys.stderr)

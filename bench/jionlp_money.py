"""MB/s of JioNLP's extract_money over the first N report files of a folder (the text only:
HTML tags and undecodable files are skipped, as a user would have to)."""
import os
import sys
import time

import jionlp as jio

folder, limit = sys.argv[1], int(sys.argv[2])
texts = []
for root, _, names in sorted(os.walk(folder)):
    for name in sorted(names):
        if len(texts) >= limit:
            break
        try:
            texts.append(open(os.path.join(root, name), encoding="utf-8").read())
        except (UnicodeDecodeError, OSError):
            continue
size = sum(len(t.encode("utf-8")) for t in texts)
start = time.perf_counter()
found = 0
for t in texts:
    found += len(jio.ner.extract_money(t))
secs = time.perf_counter() - start
print(f"{size / 1e6 / secs:.2f}")

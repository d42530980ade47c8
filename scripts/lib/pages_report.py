#!/usr/bin/env python3
"""Writes the figures of Tests/browser/bench_pages.py (JSON) as the `pages` section of docs/benchmarks.md."""
import datetime, json, re, sys

figures = json.load(open(sys.argv[1]))
document = sys.argv[2]
lines = [
    "<!-- bench:pages -->",
    f"### Pages: weight and render time ({datetime.date.today()}, `scripts/bench pages`)",
    "",
    "Through the front door (nginx, gzip), the services' debug build (an upper bound of release), "
    f"{figures['rounds']} requests per page one after another. The stylesheet: {figures['stylesheetBytes']} B, "
    f"{figures['stylesheetGzipBytes']} B gzipped, cached a year. Targets: first load ≤ 100 KB, render p99 ≤ 30 ms.",
    "",
    "| page | HTML B | gzipped B | first load (gzip, with stylesheet) B | p50 ms | p99 ms |",
    "|---|---|---|---|---|---|",
]
for row in figures["pages"]:
    lines.append(f"| {row['page']} | {row['htmlBytes']} | {row['htmlGzipBytes']} | {row['firstLoadGzipBytes']} | {row['p50ms']} | {row['p99ms']} |")
lines.append("<!-- /bench:pages -->")
section = "\n".join(lines)
text = open(document, encoding="utf-8").read()
pattern = re.compile(r"<!-- bench:pages -->.*?<!-- /bench:pages -->", re.S)
text = pattern.sub(section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(document, "w", encoding="utf-8").write(text)
print(section)

"""Checks what `pipe` read from the WARC files of write.py, against expected.json, and writes the
articles keyed by page for html_score.py.

usage: check.py EXPECTED.json STATS.json OUT.jsonl DEAD_LETTERS.jsonl SCORED.jsonl [--damaged N] [--all-read]
Prints `records=… articles=… filtered=… damaged=…`; exits 1 when a count is not what it should be:
exactly N damaged records (default 0); with --all-read, every record of the file read, the damaged
ones included; and, in an undamaged file, every record read, every page's
response an article or a page without main text (dead-lettered, as the html format does), every
other record filtered."""
import json, sys

expected = json.load(open(sys.argv[1]))
stats = json.load(open(sys.argv[2]))
damaged_expected = int(sys.argv[sys.argv.index("--damaged") + 1]) if "--damaged" in sys.argv else 0
parse = next(stage for stage in stats["stages"] if stage["id"] == "parse")
articles = [json.loads(line) for line in open(sys.argv[3]) if line.strip()]
keys = [expected["urls"].get(article["url"]) for article in articles]
dead_letters = [json.loads(line) for line in open(sys.argv[4]) if line.strip()] if len(sys.argv) > 4 else []
damaged = [letter for letter in dead_letters if letter["error"].startswith("WARC record") or "ends early" in letter["error"]]
with open(sys.argv[5], "w") as out:
    for key, article in zip(keys, articles):
        out.write(json.dumps({"id": key, "body": article["body"]}) + "\n")
errors = []
if None in keys:
    errors.append("an article's url is no page's WARC-Target-URI")
if not all(a.get("warc_record_id", "").startswith("<urn:uuid:") for a in articles):
    errors.append("an article has no warc_record_id")
dead = parse["dead_lettered"] + parse["skipped"] - len(damaged)
print(f"records={parse['in']} articles={parse['out']} filtered={parse['filtered']} damaged={len(damaged)} no_main_text={dead}")
for letter in damaged:
    print("  damaged:", letter["id"], letter["error"])
if len(damaged) != damaged_expected:
    errors.append(f"{len(damaged)} damaged records, expected {damaged_expected}")
if "--all-read" in sys.argv and parse["in"] != expected["records"]:
    errors.append(f"{parse['in']} records read, the file has {expected['records']}")
if damaged_expected == 0:
    if parse["in"] != expected["records"]:
        errors.append(f"{parse['in']} records read, the file has {expected['records']}")
    if parse["out"] + dead != expected["pages"]:
        errors.append(f"{parse['out']} articles and {dead} pages without main text, of {expected['pages']} pages")
    if parse["filtered"] != expected["records"] - expected["pages"]:
        errors.append(f"{parse['filtered']} records filtered, {expected['records'] - expected['pages']} are no pages")
for error in errors:
    print("FAILED:", error, file=sys.stderr)
sys.exit(1 if errors else 0)

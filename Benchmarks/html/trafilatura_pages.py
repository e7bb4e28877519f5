"""The reference job of Benchmarks/html.sh: trafilatura (PyPI) extracts the main text of every
page of a folder, one process, one page at a time, writing JSON Lines with the file's name as id.

usage: trafilatura_pages.py PAGES_DIR OUT.jsonl"""
import json, os, sys
import trafilatura

pages, out = sys.argv[1:3]
with open(out, "w") as sink:
    for name in sorted(os.listdir(pages)):
        with open(os.path.join(pages, name), "rb") as f:
            html = f.read()
        text = trafilatura.extract(html) or ""
        sink.write(json.dumps({"id": name.rsplit(".", 1)[0], "body": text}) + "\n")

#!/usr/bin/env python3
"""An exec stage in Python: adds the custom field `title_upper` and counts the body's words.

Pipe starts this script once per worker and keeps it running: it reads one article per line on
standard input (a JSON object, as `export` writes it) and answers each with one line on standard
output, the article as it should be or {"error": "..."}. Flush after every answer: Pipe waits for
it. Anything printed on standard error goes to Pipe's log.
"""
import json
import sys

for line in sys.stdin:
    article = json.loads(line)
    if not article["body"].strip():
        answer = {"id": article["id"], "error": "the body is empty"}
    else:
        article["title_upper"] = article["title"].upper()
        article["body_words"] = len(article["body"].split())
        answer = article
    sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    sys.stdout.flush()

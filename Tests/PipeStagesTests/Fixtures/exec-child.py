#!/usr/bin/env python3
"""A child for the exec stage's tests: misbehaves on purpose when an article's title asks it to.

CRASH exits without answering, HANG never answers, GARBAGE prints a line that is not JSON,
WRONGID answers for another article, ERROR answers {"error": ...}, STDERR writes to standard
error first. Every answer carries the child's pid (to see restarts) and HOME from the
environment it inherited. With --always-crash it exits on the first article it reads.
"""
import json
import os
import sys
import time

for line in sys.stdin:
    article = json.loads(line)
    title = article["title"]
    if "--always-crash" in sys.argv or "CRASH" in title:
        sys.exit(3)
    if "HANG" in title:
        time.sleep(3600)
    if "GARBAGE" in title:
        answer = "this is not JSON"
    elif "WRONGID" in title:
        answer = json.dumps({**article, "id": "someone-else"})
    elif "ERROR" in title:
        answer = json.dumps({"id": article["id"], "error": "asked to fail"})
    else:
        if "STDERR" in title:
            print("a note on standard error", file=sys.stderr, flush=True)
        article["pid"] = os.getpid()
        article["env"] = os.environ.get("HOME")
        article["title"] = title.upper()
        answer = json.dumps(article)
    sys.stdout.write(answer + "\n")
    sys.stdout.flush()

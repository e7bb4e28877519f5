#!/bin/sh
# An exec stage in POSIX shell: adds "processed_by": "stamp.sh" to every article.
# Each article arrives as one JSON object on one line; the answer is that line with one more key.
# `sed -u` writes each line at once (GNU sed; on macOS use `sed -l`).
exec sed -u 's/}$/,"processed_by":"stamp.sh"}/'

#!/bin/sh
# An exec stage in POSIX shell: adds "processed_by": "stamp.sh" to every article.
# Each article arrives as one JSON object on one line; the answer is that line with one more key.
# Each answer must leave at once: `stdbuf -oL` makes sed's output line-buffered (GNU coreutils;
# on macOS, use `sed -l` instead). `sed -u` would too, but reads its input a byte at a time.
exec stdbuf -oL sed 's/}$/,"processed_by":"stamp.sh"}/'

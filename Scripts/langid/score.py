#!/usr/bin/env python3
"""Accuracy of the detected `language` against `expected`, by text length and by language.

usage: score.py OUTPUT.jsonl [--confusions]
OUTPUT.jsonl: pipe's export of Scripts/langid/catalogues.py's test set (each record keeps its
`expected` and `length` fields and gains the detected `language`).
Last lines: `accuracy@20=… accuracy@50=… accuracy@200=… texts=…`.
"""
import collections, json, sys


def main(argv):
    confusions = "--confusions" in argv
    path = [a for a in argv if not a.startswith("--")][0]
    right, total = collections.Counter(), collections.Counter()
    by_language = collections.defaultdict(collections.Counter)
    mistakes = collections.Counter()
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        length, expected, found = r["length"], r["expected"], r.get("language")
        total[length] += 1
        by_language[expected]["n@%d" % length] += 1
        if found == expected:
            right[length] += 1
            by_language[expected]["ok@%d" % length] += 1
        else:
            mistakes[(length, expected, found)] += 1
    lengths = sorted(total)
    print("language " + " ".join(f"{'@' + str(n):>7}" for n in lengths))
    for language in sorted(by_language):
        c = by_language[language]
        print(f"{language:8} " + " ".join(f"{c['ok@%d' % n] / max(1, c['n@%d' % n]):7.3f}" for n in lengths))
    if confusions:
        for (length, expected, found), count in mistakes.most_common(30):
            print(f"  @{length}: {expected} -> {found}: {count}")
    print(" ".join(f"accuracy@{n}={right[n] / total[n]:.4f}" for n in lengths) + f" texts={sum(total.values())}")


if __name__ == "__main__":
    main(sys.argv[1:])

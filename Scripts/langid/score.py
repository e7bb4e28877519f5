#!/usr/bin/env python3
"""Accuracy of the detected `language` against `expected`, by text length and by language.

usage: score.py OUTPUT.jsonl [--confusions] [--documented Docs/Quality.md]
OUTPUT.jsonl: pipe's export of Scripts/langid/catalogues.py's test set (each record keeps its
`expected` and `length` fields and gains the detected `language`).
Last lines: `accuracy@20=… accuracy@50=… accuracy@200=… texts=…`.
With --documented, every per-language figure of the table that file shows (the lines
`xx  0.968  0.998  1.000` after `language     @20 …`) is held at the figure minus 0.005: the
exit status is 1, naming them, when one is below.
"""
import collections, json, re, sys

MARGIN = 0.005


def documented(path):
    """{language: [figure per length]} from the per-language table of Docs/Quality.md."""
    table, inside = {}, False
    for line in open(path, encoding="utf-8"):
        if re.match(r"^language(\s+@\d+)+\s*$", line):
            inside = True
        elif inside and (m := re.match(r"^([a-z]{2})((?:\s+[0-9.]+)+)\s*$", line)):
            table[m.group(1)] = [float(x) for x in m.group(2).split()]
        elif inside:
            break
    return table


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
    below = []
    if "--documented" in argv:
        table = documented(argv[argv.index("--documented") + 1])
        if sorted(table) != sorted(by_language):
            below.append(f"the documented languages {sorted(table)} are not the tested ones {sorted(by_language)}")
        for language, figures in sorted(table.items()):
            c = by_language[language]
            for n, figure in zip(lengths, figures):
                value = c['ok@%d' % n] / max(1, c['n@%d' % n])
                if value < figure - MARGIN - 1e-9:
                    below.append(f"{language}@{n} = {value:.3f}, documented {figure:.3f}")
        print(f"per language: {len(table)} languages × {len(lengths)} lengths held at the documented figure minus {MARGIN}: "
              + ("ok" if not below else "BELOW"))
    print(" ".join(f"accuracy@{n}={right[n] / total[n]:.4f}" for n in lengths) + f" texts={sum(total.values())}")
    if below:
        print("\n".join("  " + b for b in below), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Texts in twelve languages from the translated message catalogues Debian packages install.

usage: catalogues.py train OUT.jsonl          one record per language and catalogue: {"language", "text"}
       catalogues.py test OUT.jsonl [--per 400] [--write-manifest]
                                               records {"id", "expected", "length", "title", "body"}, texts of
                                               20, 50 and 200 characters

The test set is pinned: Scripts/langid/test-catalogues.txt lists every test domain of every
language with its number of cleaned messages. `test` builds the set from exactly those domains
and stops, naming them, when one is missing or holds other messages on this machine (the figures
of Docs/Quality.md would not reproduce); a test domain the list does not hold is left out and
named. `--write-manifest` writes the list from this machine instead.

Each catalogue (/usr/share/locale/<locale>/LC_MESSAGES/<domain>.mo) is read with msgunfmt from
gettext. English is the msgids; every other language the msgstrs that differ from their msgid.
Messages are cleaned of format directives (%s, %1$d, {0}, ${x}), markup, accelerators (_File,
&Open) and escapes, and messages with fewer than two words are dropped. Catalogues are split by
domain, the same way for every language: a domain whose CRC-32 is divisible by 3 is a test domain,
the others train, so no message of the test set was seen in training. Lists of names (iso_*,
xkeyboard-config, tzdata) are left out. Nothing of the text is kept in the repository: the test
set is built when the check runs, and only n-gram statistics of the training part are shipped.
"""
import glob, json, os, random, re, subprocess, sys, zlib

LANGUAGES = {"en": None, "ru": ["ru"], "ar": ["ar"], "fr": ["fr"], "de": ["de"], "es": ["es"], "it": ["it"],
             "pt": ["pt", "pt_BR"], "nl": ["nl"], "tr": ["tr"], "uk": ["uk"], "zh": ["zh_CN", "zh_TW"]}
LENGTHS = [20, 50, 200]
# Languages the script alone tells apart: no profiles are trained for them.
SCRIPT_DECIDES = {"ar", "zh"}
# Trained besides the twelve, so that Polish text is not taken for one of them.
EXTRA = {"pl": ["pl"]}
SKIP = re.compile(r"^(iso_|xkeyboard-config|tzdata|language-names|country-names)")
ROOT = "/usr/share/locale"


def is_test(domain):
    return zlib.crc32(domain.encode()) % 3 == 0


def entries(path):
    """(msgid, msgstr) pairs of a .mo file, plural forms taken as their first form."""
    out = subprocess.run(["msgunfmt", "--no-wrap", path], capture_output=True, text=True, errors="replace").stdout
    pairs, current, key = [], {}, None
    for line in out.splitlines():
        m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[0\])?|msgstr\[\d+\]) "(.*)"$', line)
        if m:
            key = m.group(1)
            current.setdefault(key, "")
            current[key] += m.group(2)
        elif line.startswith('"') and key:
            current[key] += line[1:-1]
        elif not line.strip():
            if "msgid" in current:
                pairs.append((current.get("msgid", ""), current.get("msgstr", current.get("msgstr[0]", ""))))
            current, key = {}, None
    if "msgid" in current:
        pairs.append((current.get("msgid", ""), current.get("msgstr", current.get("msgstr[0]", ""))))
    return [(unescape(a), unescape(b)) for a, b in pairs if a]


def unescape(s):
    return s.replace('\\n', ' ').replace('\\t', ' ').replace('\\"', '"').replace('\\\\', '\\')


DIRECTIVE = re.compile(r"%(\d+\$)?[-+ #0']*(\*|\d+)?(\.(\*|\d+))?(hh|h|ll|l|L|q|j|z|t|I)?[diouxXeEfFgGaAcspnm%]"
                       r"|%\([a-zA-Z_]+\)[sd]|\{[^{}]*\}|\$\{[^}]*\}|<[^>]+>|&[a-z]+;|https?://\S+")


NOISE = re.compile(r"\S*[/=\\@|<>]\S*|(?<!\w)--?\w[\w-]*|\[[^\]]*\]|\b[A-Z0-9_]{2,}\b|\S*\d\S*")


def clean(s):
    s = DIRECTIVE.sub(" ", s)
    s = NOISE.sub(" ", s)
    s = re.sub(r"(?<=\s)[_&](?=\w)|^[_&](?=\w)|(?<=\w)_(?=\w)", "", s)
    s = re.sub(r"[_&](?=\w)", "", s)
    s = re.sub(r"\s+", " ", s).strip(" :;,.-")
    words = re.findall(r"[^\W\d_]+", s)
    letters = sum(c.isalpha() for c in s)
    if letters < 0.7 * len(s.replace(" ", "")):
        return ""
    return s if len(words) >= 2 or (words and len(s) >= 4 and not s.isascii()) else ""


def messages(language):
    """Cleaned messages of each domain: {domain: [message]}."""
    result = {}
    locales = {**LANGUAGES, **EXTRA}[language] or ["de", "fr", "es", "it", "ru", "pt_BR", "nl", "uk"]
    for locale in locales:
        for path in sorted(glob.glob(f"{ROOT}/{locale}/LC_MESSAGES/*.mo")):
            domain = os.path.basename(path)[:-3]
            if SKIP.match(domain) or (language == "en" and domain in result):
                continue
            found = []
            for msgid, msgstr in entries(path):
                text = clean(msgid) if language == "en" else (clean(msgstr) if msgstr and msgstr != msgid else "")
                if text:
                    found.append(text)
            if found:
                result.setdefault(domain, []).extend(found)
    return result


def sample(text, length, rng):
    """A stretch of about `length` characters, cut at word boundaries where it can be."""
    if len(text) <= length:
        return text
    start = rng.randrange(0, len(text) - length)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    piece = text[start:start + length]
    cut = piece.rfind(" ")
    return piece[:cut] if cut >= length * 0.75 else piece


MANIFEST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "test-catalogues.txt")


def read_manifest():
    """{(language, domain): message count} of the pinned test set."""
    pinned = {}
    for line in open(MANIFEST, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            language, domain, count = line.split()
            pinned[(language, domain)] = int(count)
    return pinned


def check_manifest(found, write):
    """Compares the test domains found here with the pinned ones; exits on a difference."""
    if write:
        with open(MANIFEST, "w", encoding="utf-8") as f:
            f.write("# The test domains of Scripts/langid/catalogues.py: language, domain, cleaned messages.\n")
            for (language, domain), count in sorted(found.items()):
                f.write(f"{language} {domain} {count}\n")
        return found
    pinned = read_manifest()
    missing = sorted(k for k in pinned if k not in found)
    changed = sorted(k for k in pinned if k in found and found[k] != pinned[k])
    extra = sorted(k for k in found if k not in pinned)
    for language, domain in extra:
        print(f"left out (not pinned): {language} {domain}", file=sys.stderr)
    if missing or changed:
        for language, domain in missing:
            print(f"missing: {language} {domain} (install the Debian package that ships it)", file=sys.stderr)
        for key in changed:
            print(f"changed: {key[0]} {key[1]}: {found[key]} messages, pinned {pinned[key]}", file=sys.stderr)
        sys.exit("the language-identification test set differs from Scripts/langid/test-catalogues.txt")
    return pinned


def main(argv):
    mode, out = argv[0], argv[1]
    per = int(argv[argv.index("--per") + 1]) if "--per" in argv else 400
    if mode == "test":
        return write_test(out, per, "--write-manifest" in argv)
    with open(out, "w", encoding="utf-8") as f:
        for language in list(LANGUAGES) + list(EXTRA):
            by_domain = messages(language)
            if language in SCRIPT_DECIDES:
                continue
            for domain in sorted(d for d in by_domain if not is_test(d)):
                f.write(json.dumps({"language": language, "text": " ".join(by_domain[domain])}, ensure_ascii=False) + "\n")


def write_test(out, per, write_manifest):
    """Test texts: messages of the pinned test domains, in order, joined into one running text per
    domain; samples taken at seeded random places."""
    by_language = {language: messages(language) for language in LANGUAGES}
    found = {(language, domain): len(v) for language, by_domain in by_language.items()
             for domain, v in by_domain.items() if is_test(domain) and len(" ".join(v)) >= 250}
    pinned = check_manifest(found, write_manifest)
    count = 0
    with open(out, "w", encoding="utf-8") as f:
        for language, by_domain in by_language.items():
            rng = random.Random(f"pipe-langid-{language}")
            texts = [" ".join(v) for d, v in sorted(by_domain.items()) if (language, d) in pinned]
            if not texts:
                sys.exit(f"no test catalogue for {language}")
            for length in LENGTHS:
                for n in range(per):
                    text = sample(rng.choice(texts), length, rng)
                    f.write(json.dumps({"id": f"{language}-{length}-{n}", "expected": language, "length": length,
                                        "title": "", "body": text}, ensure_ascii=False) + "\n")
                    count += 1
    expected = len(LANGUAGES) * len(LENGTHS) * per
    if count != expected:
        sys.exit(f"the test set has {count} texts, not {expected}")
    print(f"test set: {len(pinned)} pinned catalogues, {count} texts", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])

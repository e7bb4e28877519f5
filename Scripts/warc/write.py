"""Writes WARC files with warcio (PyPI) from the pages of ../shared/corpus/html-extraction, as a
crawler would have fetched them, for Scripts/warc.sh to read back with `pipe`.

Every page is a `request` record, a `response` record and a `metadata` record; one page in four is
sent plain, one gzip'd (Content-Encoding), one chunked (Transfer-Encoding), one both. A
`warcinfo` record opens the file; an image, a PDF, a 404 page and a `revisit` record are mixed in
(none of them an article). Written twice: `pages.warc.gz` (WARC/1.0, a gzip member per record, as
Common Crawl ships them) and `pages.warc` (WARC/1.1, plain). Then two damaged copies:
`lying.warc`, whose 10th record's Content-Length is 4,000 bytes too large and 20th's 50 too small,
and `truncated.warc.gz`, cut in the middle of its last page's response. `expected.json` says what
a reader should find.

usage: write.py HTML_DIR GROUND_TRUTH.json OUT_DIR"""
import gzip, io, json, os, sys
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def chunked(body, size=1000):
    out = b""
    for i in range(0, len(body), size):
        piece = body[i:i + size]
        out += b"%x;ext=1\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def records(writer, pages):
    yield writer.create_warcinfo_record("pages.warc", {"software": "warcio (Scripts/warc/write.py)", "format": "WARC"})
    for index, (key, url, html) in enumerate(pages):
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Server", "test")]
        body = html
        if index % 4 in (1, 3):
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        if index % 4 in (2, 3):
            body = chunked(body)
            headers.append(("Transfer-Encoding", "chunked"))
        else:
            headers.append(("Content-Length", str(len(body))))
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        yield writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request)
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        yield writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                        warc_headers_dict={"WARC-Date": "2021-03-04T05:06:07Z"})
        yield writer.create_warc_record(url, "metadata", payload=io.BytesIO(b"fetchTimeMs: 120\r\n"),
                                        warc_content_type="application/warc-fields")
        if index == 5:
            for status, kind, payload in [("200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(300)),
                                          ("200 OK", "application/pdf", b"%PDF-1.4\n" + bytes(500)),
                                          ("404 Not Found", "text/html", b"<html><body><p>Not found, sorry, nothing here at all.</p></body></html>")]:
                http = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
                yield writer.create_warc_record(url + "/x", "response", payload=io.BytesIO(payload), http_headers=http)
            yield writer.create_revisit_record(url, digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                               refers_to_uri=url, refers_to_date="2021-01-01T00:00:00Z")


def write(path, pages, gzipped, version):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzipped, warc_version=version)
        count = 0
        for record in records(writer, pages):
            writer.write_record(record)
            count += 1
    return count


def main():
    html_dir, truth, out_dir = sys.argv[1:4]
    urls = {key: page["url"] for key, page in json.load(open(truth)).items()}
    pages = []
    for name in sorted(os.listdir(html_dir)):
        key = name.split(".")[0]
        with gzip.open(os.path.join(html_dir, name)) as f:
            pages.append((key, urls[key], f.read()))
    total = write(os.path.join(out_dir, "pages.warc.gz"), pages, True, "1.0")
    write(os.path.join(out_dir, "pages.warc"), pages, False, "1.1")

    # lying.warc: the plain file with two Content-Lengths changed.
    data = open(os.path.join(out_dir, "pages.warc"), "rb").read()
    starts = [i for i in range(len(data)) if data.startswith(b"WARC/1.1\r\n", i) and (i == 0 or data[i - 4:i] == b"\r\n\r\n")]
    for number, change in [(10, 4000), (20, -50)]:
        start = starts[number - 1]
        line = data.index(b"Content-Length: ", start)
        end = data.index(b"\r\n", line)
        length = int(data[line + 16:end]) + change
        data = data[:line + 16] + str(length).encode() + data[end:]
        starts = [i for i in range(len(data)) if data.startswith(b"WARC/1.1\r\n", i) and (i == 0 or data[i - 4:i] == b"\r\n\r\n")]
    open(os.path.join(out_dir, "lying.warc"), "wb").write(data)

    # truncated.warc.gz: cut 2,000 bytes into the last page's response member.
    whole = open(os.path.join(out_dir, "pages.warc.gz"), "rb").read()
    last_request = whole.rfind(b"\x1f\x8b\x08", 0, whole.rfind(b"\x1f\x8b\x08"))
    open(os.path.join(out_dir, "truncated.warc.gz"), "wb").write(whole[:last_request + 2000])

    json.dump({"records": total, "pages": len(pages), "urls": {url: key for key, url, _ in pages}},
              open(os.path.join(out_dir, "expected.json"), "w"))


main()

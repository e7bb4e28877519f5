#!/usr/bin/env python3
"""A LibreTranslate-compatible server for the tests: POST /translate {q, source, target} answers
{"translatedText": "<target>: " + q.upper()}, deterministically. Texts that ask for trouble:
FAIL500 answers 500 every time, FLAKY answers 503 the first time it is seen, RATE429 answers
429 the first time, SLOW sleeps 3 s, WAIT sleeps 0.3 s, BADJSON answers something that is not
JSON, REFUSE answers 400. GET /stats gives the number of translate requests, the requests per
text, the most in flight at once and the API keys sent. It listens on 127.0.0.1 at a free port, printed on the first line of output,
and stops when its standard input ends.
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
requests = 0
seen = set()
counts = {}
inflight = 0
max_inflight = 0
api_keys = set()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, kind="application/json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            self.reply(200, json.dumps({"requests": requests, "counts": counts, "max_inflight": max_inflight,
                                        "api_keys": sorted(api_keys)}))

    def do_POST(self):
        global inflight, max_inflight
        with lock:
            inflight += 1
            max_inflight = max(max_inflight, inflight)
        try:
            self.answer()
        finally:
            with lock:
                inflight -= 1

    def answer(self):
        global requests
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        text = payload["q"]
        with lock:
            requests += 1
            first = text not in seen
            seen.add(text)
            counts[text] = counts.get(text, 0) + 1
            if "api_key" in payload:
                api_keys.add(payload["api_key"])
        if "FAIL500" in text:
            return self.reply(500, '{"error": "boom"}')
        if "FLAKY" in text and first:
            return self.reply(503, '{"error": "busy"}')
        if "RATE429" in text and first:
            return self.reply(429, '{"error": "slow down"}')
        if "WAIT" in text:
            time.sleep(0.3)
        if "REFUSE" in text:
            return self.reply(400, '{"error": "bad language pair"}')
        if "SLOW" in text:
            time.sleep(3)
        if "BADJSON" in text:
            return self.reply(200, "this is not json", "text/plain")
        self.reply(200, json.dumps({"translatedText": payload["target"] + ": " + text.upper()}))


def stop_when_input_ends():
    # The test holds our standard input; when it closes it, or exits, we stop too.
    sys.stdin.read()
    os._exit(0)


threading.Thread(target=stop_when_input_ends, daemon=True).start()
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()

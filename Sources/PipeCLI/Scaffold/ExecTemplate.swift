/// The files of a new `exec` stage: a program in Python or shell that speaks Pipe's line
/// protocol, and a test that runs it as Pipe would.
struct ExecTemplate {
    /// The languages a stage can be written in.
    enum Language: String, CaseIterable {
        case python, sh
    }

    let name: StageName
    let language: Language

    /// The program's file name.
    var program: String {
        switch language {
        case .python: "\(name.field).py"
        case .sh: "\(name.field).sh"
        }
    }

    /// The program and its test, by file name.
    var files: [(path: String, text: String)] {
        switch language {
        case .python: [(program, python), ("test_\(name.field).py", pythonTest)]
        case .sh: [(program, shell), ("test_\(name.field).sh", shellTest)]
        }
    }

    /// The stage to put in a pipeline file, with the program at `folder`.
    func yaml(folder: String) -> String {
        let command = language == .python ? "[python3, \(folder)/\(program)]" : "[\(folder)/\(program)]"
        return """
              - type: exec
                id: \(name.type)
                timeout: 10s
                options:
                  command: \(command)
                  reads: [body]
                  writes: [\(name.field)]
            """
    }

    var python: String {
        """
        #!/usr/bin/env python3
        \"\"\"The exec stage `\(name.type)`: counts an article's words into the custom field `\(name.field)`.

        Pipe starts this program once per worker and keeps it running. It reads one article per line
        on standard input (a JSON object, as `export` writes it) and answers each, in order, with one
        line on standard output: the article as it should be, or {"error": "..."} for an article it
        cannot process. Flush after every answer. Standard error goes to Pipe's log.
        \"\"\"
        import json
        import sys


        def process(article):
            \"\"\"Returns the changed article; raises ValueError for one that cannot be processed.\"\"\"
            words = article["body"].split()
            if not words:
                raise ValueError("the body has no words")
            article["\(name.field)"] = {"words": len(words)}
            return article


        def main():
            for line in sys.stdin:
                article = json.loads(line)
                try:
                    answer = process(article)
                except ValueError as error:
                    answer = {"id": article["id"], "error": str(error)}
                sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\\n")
                sys.stdout.flush()


        if __name__ == "__main__":
            main()

        """
    }

    var pythonTest: String {
        """
        #!/usr/bin/env python3
        \"\"\"Runs \(program) the way Pipe does: articles in, one answer per line out. python3 test_\(name.field).py\"\"\"
        import json
        import os
        import subprocess
        import sys
        import unittest

        PROGRAM = os.path.join(os.path.dirname(os.path.abspath(__file__)), "\(program)")


        class Test\(name.module)(unittest.TestCase):
            def test_answers_each_article_in_order(self):
                articles = [
                    {"id": "a", "source": "t", "date": None, "url": None, "title": "One", "body": "three short words"},
                    {"id": "b", "source": "t", "date": None, "url": None, "title": "Two", "body": "  "},
                ]
                lines = "".join(json.dumps(article) + "\\n" for article in articles)
                done = subprocess.run([sys.executable, PROGRAM], input=lines, capture_output=True, text=True, check=True)
                answers = [json.loads(line) for line in done.stdout.splitlines()]
                self.assertEqual(len(answers), 2)
                self.assertEqual(answers[0]["id"], "a")
                self.assertEqual(answers[0]["\(name.field)"], {"words": 3})
                self.assertEqual(answers[1], {"id": "b", "error": "the body has no words"})


        if __name__ == "__main__":
            unittest.main()

        """
    }

    var shell: String {
        """
        #!/bin/sh
        # The exec stage `\(name.type)`: adds the custom field "\(name.field)": true to every article.
        # Pipe starts this program once per worker and keeps it running: one article per line (a JSON
        # object) on standard input, one answer per line on standard output, in order. Each answer
        # must leave at once: `stdbuf -oL` makes sed's output line-buffered (GNU coreutils; on
        # macOS, use `sed -l` instead). `sed -u` would too, but reads its input a byte at a time.
        exec stdbuf -oL sed 's/}$/,"\(name.field)":true}/'

        """
    }

    var shellTest: String {
        """
        #!/bin/sh
        # Runs \(program) the way Pipe does: sh test_\(name.field).sh
        set -eu
        here=$(dirname "$0")
        answer=$(printf '%s\\n' '{"id":"a","source":"t","date":null,"url":null,"title":"One","body":"Text."}' | sh "$here/\(program)")
        expected='{"id":"a","source":"t","date":null,"url":null,"title":"One","body":"Text.","\(name.field)":true}'
        [ "$answer" = "$expected" ] || { echo "FAILED: $answer"; exit 1; }
        echo "ok: \(program) answered as expected"

        """
    }
}

#!/usr/bin/env python3
"""An exec stage in Python: drops documents whose text is too short and
adds metadata.chars (the text's length in characters) to the others.

Reads one JSON document per line on stdin, answers one JSON line each:
  {"id": ..., "metadata": {"chars": N}}
  {"id": ..., "drop": "too_short", "detail": {"chars": N}}

Usage in a pipeline:
  {"use": "exec", "with": {"argv": ["python3", "langfilter.py", "40"]}}
"""
import json
import sys


def main():
    min_chars = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    for line in sys.stdin:
        doc = json.loads(line)
        chars = len(doc["text"])
        if chars < min_chars:
            answer = {"id": doc["id"], "drop": "too_short",
                      "detail": {"chars": chars}}
        else:
            answer = {"id": doc["id"], "metadata": {"chars": chars}}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()  # one answer per document, now


if __name__ == "__main__":
    main()

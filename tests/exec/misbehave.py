#!/usr/bin/env python3
"""A command that misbehaves on marker documents, for tests/exec/failures.sh.

Text holding SLEEP: sleeps 30 s (past the stage's timeout).
Text holding EXIT: writes "giving up on the marker" to stderr, exits 3.
Text holding GARBAGE: answers a line that is not JSON.
Text holding LONG: answers a line of 100000 bytes.
Any other: answers metadata.handled, the count of documents this process
has answered (1 for the first after a restart).
"""
import json
import sys
import time

handled = 0
for line in sys.stdin:
    doc = json.loads(line)
    text = doc["text"]
    if "SLEEP" in text:
        time.sleep(30)
    if "EXIT" in text:
        sys.stderr.write("giving up on the marker\n")
        sys.stderr.flush()
        sys.exit(3)
    if "GARBAGE" in text:
        print("this is not json", flush=True)
        continue
    if "LONG" in text:
        print('{"metadata": {"x": "' + "y" * 100000 + '"}}', flush=True)
        continue
    handled += 1
    print(json.dumps({"id": doc["id"], "metadata": {"handled": handled}}),
          flush=True)

#!/usr/bin/env python3
"""The plain Python loop Claimdesk's JSONL import and export are measured
against (make bench-vs): read a JSONL file, json.loads each line and
json.dumps it again, writing the lines to OUT (default: nowhere).

    python3 scripts/pyjsonloop.py IN.jsonl [OUT.jsonl]
"""
import json
import os
import sys


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit("usage: pyjsonloop.py IN.jsonl [OUT.jsonl]")
    out_path = argv[2] if len(argv) == 3 else os.devnull
    lines = 0
    with open(argv[1], encoding="utf-8") as src, open(out_path, "w", encoding="utf-8") as out:
        for line in src:
            if not line.strip():
                continue
            record = json.loads(line)
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
            lines += 1
    print(f"{lines} lines", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)

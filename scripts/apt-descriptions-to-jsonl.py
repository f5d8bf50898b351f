#!/usr/bin/env python3
"""Shape Debian package descriptions (text no one here wrote) into agent-conversation JSONL for text JEPA.

Reads `apt-cache dumpavail`, and for each package writes two records, a user question and an assistant answer
({"role", "content", "timestamp"} per line, as TextTrainingDataSource expects), PER_FILE packages per file.
Usage: scripts/apt-descriptions-to-jsonl.py OUT_DIR [MAX_PACKAGES]
"""
import json
import os
import subprocess
import sys

PER_FILE = 200


def packages(dump):
    record = {}
    key = None
    for line in dump.splitlines():
        if not line.strip():
            if record:
                yield record
            record, key = {}, None
        elif line[0] in " \t" and key:
            record[key] += "\n" + (line.strip() if line.strip() != "." else "")
        elif ":" in line:
            key, _, value = line.partition(":")
            record[key] = value.strip()
    if record:
        yield record


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    os.makedirs(out, exist_ok=True)
    dump = subprocess.run(["apt-cache", "dumpavail"], check=True, capture_output=True, text=True).stdout
    seen, files, lines = set(), 0, []
    for pkg in packages(dump):
        name, description = pkg.get("Package"), pkg.get("Description")
        if not name or not description or name in seen:
            continue
        seen.add(name)
        stamp = f"2026-01-01T00:{len(seen) // 60 % 60:02d}:{len(seen) % 60:02d}Z"
        section = pkg.get("Section", "misc")
        lines.append({"role": "user", "content": f"What does the {section} package {name} do?", "timestamp": stamp})
        lines.append({"role": "assistant", "content": description, "timestamp": stamp})
        if len(seen) % PER_FILE == 0 or len(seen) >= limit:
            write(out, files, lines)
            files, lines = files + 1, []
        if len(seen) >= limit:
            break
    if lines:
        write(out, files, lines)
        files += 1
    print(f"{len(seen)} packages into {files} files under {out}")


def write(out, index, lines):
    with open(os.path.join(out, f"apt-{index:04d}.jsonl"), "w", encoding="utf-8") as f:
        for record in lines:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

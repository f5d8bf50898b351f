#!/usr/bin/env python3
"""Shape Debian package descriptions into agent-conversation JSONL for text JEPA.

Real text that nobody on this project wrote: the short and long descriptions of Debian packages,
read from apt's lists (/var/lib/apt/lists/*_Packages*, any compression apt uses), with long
descriptions taken from the Packages stanzas, apt's Translation-en files, dpkg's status file or
the AppStream (DEP-11) component files, whichever has one. Each conversation is a few packages of
one section: a templated user question (ours, four phrasings) and the description as the
assistant's answer (Debian's). Output is deterministic for the same lists: packages sorted by
name, and a conversation is held out when sha256 of its first package name falls in the held-out
percentage, so the split does not move when other packages come or go.

Layout: OUT/{train,heldout}/conversations/<section>/<n>.jsonl, one {role, content, timestamp}
object per line, OUT/{train,heldout}/conversations/autonet-corpus.json (the public-corpus marker), and OUT/MANIFEST.txt with the counts and the sha256 of every source file.
Standard library only. Usage: scripts/make-text-corpus.py [--out DIR] [--heldout-percent 10] [--long-only]
"""
import argparse
import datetime
import glob
import gzip
import hashlib
import html
import json
import lzma
import os
import re
import shutil
import subprocess
import sys

QUESTIONS = [
    "What is the Debian package {name} for?",
    "Can you tell me what {name} does?",
    "I found the package {name} in Debian. What is it?",
    "Explain the purpose of the {name} package.",
]
BASE_TIME = datetime.datetime(2023, 6, 10, tzinfo=datetime.timezone.utc)  # Debian 12 release day


def read_compressed(path):
    """Bytes of an apt list file, decompressed by its suffix (lz4 through apt's own helper)."""
    if path.endswith(".lz4"):
        for command in (["/usr/lib/apt/apt-helper", "cat-file", path], ["lz4", "-dc", path]):
            if shutil.which(command[0]) or os.path.exists(command[0]):
                return subprocess.run(command, check=True, capture_output=True).stdout
        sys.exit(f"cannot decompress {path}: neither /usr/lib/apt/apt-helper nor lz4 is installed")
    if path.endswith(".xz"):
        return lzma.open(path).read()
    if path.endswith(".gz"):
        return gzip.open(path).read()
    with open(path, "rb") as f:
        return f.read()


def stanzas(text):
    """deb822 paragraphs as dicts; continuation lines are kept with their leading space."""
    for block in re.split(r"\n\s*\n", text):
        fields, key = {}, None
        for line in block.split("\n"):
            if line.startswith((" ", "\t")) and key:
                fields[key] += "\n" + line
            elif ":" in line:
                key, value = line.split(":", 1)
                fields[key] = value.strip()
        if fields:
            yield fields


def long_description(raw):
    """Debian long description (continuation lines) to plain text: ' .' lines are blank lines."""
    lines = []
    for line in raw.split("\n")[1:]:
        line = line[1:] if line.startswith(" ") else line
        lines.append("" if line.strip() == "." else line.rstrip())
    return "\n".join(lines).strip()


def dep11_descriptions(path):
    """Package -> English description from an AppStream DEP-11 YAML file (block scalars, HTML stripped)."""
    result = {}
    for doc in read_compressed(path).decode("utf-8", "replace").split("\n---\n"):
        package = re.search(r"^Package: (\S+)", doc, re.M)
        block = re.search(r"^Description:\n((?:  .*\n?)+)", doc, re.M)
        if not package or not block:
            continue
        english = re.search(r"^  C: ?(.*)\n((?:    .*\n?)*)", block.group(1), re.M)
        if not english:
            continue
        body = english.group(2) if english.group(1) in (">-", ">", "|", "|-", "") else english.group(1)
        text = re.sub(r"\s+", " ", body)
        text = re.sub(r"</p>|<li>", "\n", text)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
        text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
        if text:
            result.setdefault(package.group(1), text)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lists-dir", default="/var/lib/apt/lists")
    parser.add_argument("--dpkg-status", default="/var/lib/dpkg/status")
    parser.add_argument("--out", default="artifacts/text-corpus")
    parser.add_argument("--heldout-percent", type=int, default=10)
    parser.add_argument("--per-conversation", type=int, default=6, help="packages per conversation")
    parser.add_argument("--max-packages", type=int, default=0, help="keep only the first N packages by name (0: all)")
    parser.add_argument("--long-only", action="store_true", help="keep only packages with a long description (richer, fewer)")
    args = parser.parse_args()
    if not 0 < args.heldout_percent < 100:
        sys.exit(f"--heldout-percent {args.heldout_percent} must be in 1..99")
    if args.per_conversation < 1:
        sys.exit(f"--per-conversation {args.per_conversation} must be at least 1")

    lists = sorted(p for p in glob.glob(os.path.join(args.lists_dir, "*_Packages*")) if not p.endswith((".diff", ".IndexDiff")))
    if not lists:
        sys.exit(f"no Debian package lists (*_Packages*) under {args.lists_dir}: run `sudo apt-get update` first, then rerun this script")
    translations = sorted(glob.glob(os.path.join(args.lists_dir, "*_i18n_Translation-en*")))
    components = sorted(glob.glob(os.path.join(args.lists_dir, "*_dep11_Components-*.yml*")))
    sources = lists + translations + components + ([args.dpkg_status] if os.path.exists(args.dpkg_status) else [])

    packages, longs = {}, {}
    for path in lists:
        for s in stanzas(read_compressed(path).decode("utf-8", "replace")):
            name, description = s.get("Package"), s.get("Description", "")
            if not name or not description:
                continue
            short = description.split("\n", 1)[0].strip()
            packages.setdefault(name, {"short": short, "section": s.get("Section", "misc").split("/")[-1], "homepage": s.get("Homepage", "")})
            if "\n" in description:
                longs.setdefault(name, long_description(description))
    for path in translations + ([args.dpkg_status] if os.path.exists(args.dpkg_status) else []):
        for s in stanzas(read_compressed(path).decode("utf-8", "replace")):
            name = s.get("Package")
            description = s.get("Description-en", s.get("Description", ""))
            if name and "\n" in description:
                longs.setdefault(name, long_description(description))
    for path in components:
        for name, text in dep11_descriptions(path).items():
            longs.setdefault(name, text)

    names = sorted(n for n in packages if n in longs or not args.long_only)
    if args.max_packages > 0:
        names = names[: args.max_packages]
    by_section = {}
    for name in names:
        by_section.setdefault(packages[name]["section"], []).append(name)

    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    counts = {"train": [0, 0, 0], "heldout": [0, 0, 0]}  # conversations, turns, bytes
    conversation_index = 0
    for section in sorted(by_section):
        group = by_section[section]
        for start in range(0, len(group), args.per_conversation):
            chunk = group[start : start + args.per_conversation]
            digest = int.from_bytes(hashlib.sha256(chunk[0].encode()).digest()[:8], "big")
            split = "heldout" if digest % 100 < args.heldout_percent else "train"
            folder = os.path.join(args.out, split, "conversations", section)
            os.makedirs(folder, exist_ok=True)
            time = BASE_TIME + datetime.timedelta(hours=conversation_index)
            lines = []
            for turn, name in enumerate(chunk):
                info = packages[name]
                question = QUESTIONS[int(hashlib.sha256(name.encode()).hexdigest(), 16) % len(QUESTIONS)].format(name=name)
                answer = f"{name}: {info['short']}."
                if name in longs and longs[name]:
                    answer += "\n\n" + longs[name]
                if info["homepage"]:
                    answer += f"\n\nHomepage: {info['homepage']}"
                for role, content, offset in (("user", question, 2 * turn), ("assistant", answer, 2 * turn + 1)):
                    stamp = (time + datetime.timedelta(seconds=30 * offset)).strftime("%Y-%m-%dT%H:%M:%SZ")
                    lines.append(json.dumps({"role": role, "content": content, "timestamp": stamp}, ensure_ascii=False))
            data = ("\n".join(lines) + "\n").encode("utf-8")
            with open(os.path.join(folder, f"{start // args.per_conversation:05d}.jsonl"), "wb") as f:
                f.write(data)
            counts[split][0] += 1
            counts[split][1] += len(lines)
            counts[split][2] += len(data)
            conversation_index += 1

    # The public-corpus marker (Autonet.Data's CorpusFolder): this text is Debian's, not a user's agent data, so
    # `autonet train --text-dir` may read it without data.train_on_agent_data.
    for split in counts:
        folder = os.path.join(args.out, split, "conversations")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "autonet-corpus.json"), "w", encoding="utf-8") as marker:
            json.dump({"source": "Debian package descriptions (scripts/make-text-corpus.py)", "note": "a public corpus, not a user's agent data"}, marker)
            marker.write("\n")
    with open(os.path.join(args.out, "MANIFEST.txt"), "w", encoding="utf-8") as manifest:
        manifest.write("Debian package descriptions shaped into conversation JSONL by scripts/make-text-corpus.py\n")
        manifest.write(f"packages {len(names)}, with long description {sum(1 for n in names if n in longs)}\n")
        for split, (conversations, turns, size) in counts.items():
            manifest.write(f"{split}: {conversations} conversations, {turns} turns, {size} bytes\n")
        for path in sources:
            with open(path, "rb") as f:
                manifest.write(f"source {hashlib.sha256(f.read()).hexdigest()} {path}\n")
    with open(os.path.join(args.out, "MANIFEST.txt"), encoding="utf-8") as manifest:
        print(manifest.read(), end="")


if __name__ == "__main__":
    main()

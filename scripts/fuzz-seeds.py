#!/usr/bin/env python3
"""Writes the seed corpus of the parser fuzz tests from the real lines of sample-logs/.

Each sample log (gzipped ones decompressed) becomes seeds: the whole file, and windows of WINDOW lines, so the
fuzzer starts from every record shape the formats know. The normal build replays these seeds (Jazzer's regression
mode); a fuzzing run starts from them. Xeams seeds begin with one byte that picks the file name the parser is told
(see XeamsParserFuzzTest). Run it again after sample-logs/ change: python3 scripts/fuzz-seeds.py

A format may have more sample folders (SAMPLE_FOLDERS: Axigen's default-level copy) and hand-written parser fixtures
for line shapes no sample has (EXTRA_FIXTURES). Inputs the fuzzer found (crash-*) are kept: they are regression
seeds.
"""
import gzip
import hashlib
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
WINDOW = 25
METHOD = "everyLineIsAccountedFor"

# Xeams: the index of the file name in XeamsParserFuzzTest.FILE_NAMES, by the sample file's base name
XEAMS_NAMES = ["SMTPOutboundConversation", "OutboundAuditTrailSuccess", "OutboundAuditTrailFailure", "SmtpQueue"]

# the sample folders of a format (default: sample-logs/<format>)
SAMPLE_FOLDERS = {"axigen": ["axigen", "axigen-default"]}
# parser fixtures (under modules/format-<format>/src/test/resources/) with shapes that no sample log has
EXTRA_FIXTURES = {"axigen": ["axigen/state-word-variants.log", "axigen/default-level-ties.log"]}


def read(path):
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def samples(fmt):
    for folder in SAMPLE_FOLDERS.get(fmt, [fmt]):
        for path in sorted((ROOT / "sample-logs" / folder).rglob("*")):
            if path.is_file() and path.suffix not in (".md", ".py", ".sh", ".jsonl"):
                yield path
    for fixture in EXTRA_FIXTURES.get(fmt, []):
        yield ROOT / "modules" / f"format-{fmt}" / "src" / "test" / "resources" / fixture


def seeds_of(data):
    lines = data.splitlines(keepends=True)
    yield data
    for start in range(0, len(lines), WINDOW):
        yield b"".join(lines[start:start + WINDOW])


def write(fmt, test_class):
    folder = (ROOT / "modules" / f"format-{fmt}" / "src" / "test" / "resources" / "org" / "smtptrail" / "format"
              / fmt / f"{test_class}Inputs" / METHOD)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if not old.name.startswith("crash-"):
            old.unlink()
    count = 0
    for path in samples(fmt):
        prefix = b""
        if fmt == "xeams":
            base = path.name.split(".")[0]
            prefix = bytes([XEAMS_NAMES.index(base) if base in XEAMS_NAMES else len(XEAMS_NAMES)])
        for seed in seeds_of(read(path)):
            content = prefix + seed
            name = f"{path.name.split('.')[0]}-{hashlib.sha1(content).hexdigest()[:12]}"
            (folder / name).write_bytes(content)
            count += 1
    print(f"{fmt}: {count} seeds in {folder.relative_to(ROOT)}")


if __name__ == "__main__":
    write("postfix", "PostfixParserFuzzTest")
    write("axigen", "AxigenParserFuzzTest")
    write("xeams", "XeamsParserFuzzTest")

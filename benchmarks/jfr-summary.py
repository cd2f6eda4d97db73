#!/usr/bin/env python3
"""Where an `smtptrail index` run spent its time, from a JFR recording: one table row per stage of the ingest path.

Usage: benchmarks/jfr-summary.py RECORDING.jfr [JFR_TOOL]

Reads `jfr print` output (JFR_TOOL defaults to `jfr` on PATH). Every Java execution sample (jdk.ExecutionSample, a
thread running Java code) is put in the first stage of STAGES whose pattern occurs anywhere in its stack, so the
order of STAGES matters: background Lucene work (merges, segment flushes, commits) is matched before the per-event
path, and within the per-event path the innermost owner wins by listing callees before callers. Native samples
(jdk.NativeMethodSample: a thread inside a native method, running or blocked) are listed apart by their top frame:
inflating gzip is native, so it shows there, not among the Java samples. GC work is on VM threads, which execution
samples do not cover; its CPU time comes from jdk.GCCPUTime. JIT compilations (jdk.Compilation) are summed by tier
and, for C2, by the owner of the compiled method.
"""
import collections
import re
import subprocess
import sys

# (stage, patterns): the first stage with a pattern found in a sample's stack takes the sample
STAGES = [
    ("Lucene merges (background)", ["SegmentMerger.", "IndexWriter.merge(", "MergeThread.run"]),
    ("Lucene flush: stored fields re-sorted (index sort)", ["SortingStoredFieldsConsumer.flush"]),
    ("Lucene flush: other (postings, points, doc values, sort)", ["DocumentsWriterPerThread.flush",
                                                                   "DocumentsWriter.doFlush"]),
    ("Lucene commit (sync, segments file)", ["IndexWriter.commit", "IndexWriter.prepareCommit"]),
    ("Lucene add: stored fields (buffer, LZ4)", ["StoredFieldsConsumer.", "StoredFieldsWriter."]),
    ("Lucene add: terms, points, doc values", ["IndexingChain.processDocument", "IndexWriter.addDocument"]),
    ("stored event encode (EventCodec)", ["EventCodec.encode", "EventCodec.write", "EventEncoder."]),
    ("document building (EventDocuments)", ["EventDocuments."]),
    # rows are computed inside the parser's callback: matched before parse
    ("stored verdict rows (StoredRows: verdicts, row documents, read-backs)", ["StoredRows.", "MessageRows.",
                                                                              "RowDocuments.", "VerdictEngine."]),
    ("correlator flush to Chronicle Map", ["Correlator.flush", "Correlator.prune"]),
    ("correlate (Correlator.keyFor)", ["Correlator.", "PendingRecipients."]),
    ("parse (PostfixLineParser, syslog prefix, clock)", ["PostfixLineParser.", "org.smtptrail.core.syslog.",
                                                         "SmtpReplies.", "LineParser.parse"]),
    ("line decode to String (LineReader.text)", ["LineReader.text"]),
    ("gzip inflate (Java side)", ["GZIPInputStream.", "InflaterInputStream.", "Inflater."]),
    ("line split (LineReader.next)", ["LineReader."]),
    ("rest of the ingest loop (FileProgress)", ["FileProgress.", "Ingester."]),
    ("JVM start, CLI, class loading, JFR", ["org.smtptrail.cli.", "jdk.jfr.", "ClassLoader.", "picocli."]),
]
OTHER = "other"
# the units `jfr print` writes durations in
SECONDS_PER_UNIT = {"s": 1, "ms": 1e-3, "us": 1e-6, "ns": 1e-9}


def samples(jfr, recording, event):
    """Yields (thread, frames) per sample of one event type, frames innermost first."""
    text = subprocess.run([jfr, "print", "--events", event, "--stack-depth", "96", recording],
                          check=True, capture_output=True, text=True).stdout
    for block in text.split(event + " {")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', block)
        frames = re.findall(r"^\s{4}(\S.*?)(?: line: \d+)?$", block.split("stackTrace = [", 1)[-1], re.M)
        yield (thread.group(1) if thread else "?"), [f for f in frames if f not in ("]", "...")]


def stage_of(frames):
    for stage, patterns in STAGES:
        if any(p in f for f in frames for p in patterns):
            return stage
    return OTHER


def gc_cpu_seconds(jfr, recording):
    text = subprocess.run([jfr, "print", "--events", "jdk.GCCPUTime", recording], check=True, capture_output=True,
                          text=True).stdout
    total = 0.0
    for value, unit in re.findall(r"(?:userTime|systemTime) = ([\d.]+) (ms|s|us|ns)", text):
        total += float(value) * SECONDS_PER_UNIT[unit]
    return total


def compilations(jfr, recording):
    """(level, owner, seconds) of every JIT compilation the recording holds (jdk.Compilation above its threshold)."""
    text = subprocess.run([jfr, "print", "--events", "jdk.Compilation", recording], check=True, capture_output=True,
                          text=True).stdout
    for block in text.split("jdk.Compilation {")[1:]:
        duration = re.search(r"duration = ([\d.]+) (ms|s|us|ns)", block)
        level = re.search(r"compileLevel = (\d+)", block)
        method = re.search(r"method = (\S+)", block)
        if duration and level and method:
            seconds = float(duration.group(1)) * SECONDS_PER_UNIT[duration.group(2)]
            yield int(level.group(1)), owner_of(method.group(1)), seconds


def owner_of(method):
    for owner, prefix in (("Lucene", "org.apache.lucene."), ("smtptrail", "org.smtptrail."),
                          ("Chronicle", "net.openhft."), ("JDK", "java."), ("JDK", "jdk."), ("JDK", "sun.")):
        if method.startswith(prefix):
            return owner
    return "other"


def print_compilations(jfr, recording):
    by_level = collections.defaultdict(lambda: [0, 0.0])
    c2_by_owner = collections.Counter()
    c2_each = []
    for level, owner, seconds in compilations(jfr, recording):
        by_level[level][0] += 1
        by_level[level][1] += seconds
        if level == 4:
            c2_by_owner[owner] += seconds
            c2_each.append(seconds)
    if not by_level:
        return
    print()
    print("JIT compilations (jdk.Compilation; all of them only when recorded with jdk.Compilation#threshold=0ms):")
    print("| tier | compilations | compile time |")
    print("|---|---|---|")
    for level in sorted(by_level):
        count, seconds = by_level[level]
        print(f"| {level} ({'C2' if level == 4 else 'C1'}) | {count} | {seconds:.2f} s |")
    c2_each.sort(reverse=True)
    print(f"C2 by owner of the compiled method: "
          + ", ".join(f"{owner} {seconds:.2f} s" for owner, seconds in c2_by_owner.most_common())
          + f"; the 200 longest C2 compilations: {sum(c2_each[:200]):.2f} s")


def main():
    recording = sys.argv[1]
    jfr = sys.argv[2] if len(sys.argv) > 2 else "jfr"
    by_stage = collections.Counter()
    by_thread = collections.Counter()
    for thread, frames in samples(jfr, recording, "jdk.ExecutionSample"):
        by_stage[stage_of(frames)] += 1
        by_thread[re.sub(r"\d+", "N", thread)] += 1
    total = sum(by_stage.values())
    print(f"Java execution samples: {total} (jdk.ExecutionSample, every 10 ms per running thread with 'profile')")
    print("| stage | samples | share |")
    print("|---|---|---|")
    for stage, count in by_stage.most_common():
        print(f"| {stage} | {count} | {100.0 * count / total:.1f} % |")
    print()
    print("| thread | samples |")
    print("|---|---|")
    for thread, count in by_thread.most_common(6):
        print(f"| {thread} | {count} |")
    native = collections.Counter()
    for _, frames in samples(jfr, recording, "jdk.NativeMethodSample"):
        if frames:
            native[re.sub(r"\(.*", "", frames[0])] += 1
    print()
    print("Native samples (jdk.NativeMethodSample, every 20 ms per thread in native code, running or blocked):")
    print("| top frame | samples |")
    print("|---|---|")
    for method, count in native.most_common(6):
        print(f"| {method} | {count} |")
    print()
    print(f"GC CPU time (jdk.GCCPUTime, user + system): {gc_cpu_seconds(jfr, recording):.1f} s")
    print_compilations(jfr, recording)


if __name__ == "__main__":
    main()

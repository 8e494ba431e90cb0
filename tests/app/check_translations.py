#!/usr/bin/env python3
"""Fails while a translation is incomplete (test app.translations_complete).

Runs lupdate over app/ and ui/ exactly as `cmake --build build --target update_translations`
does, but into a scratch copy, then compares with the committed .ts files:
  - every string lupdate finds is in the .ts, and every .ts entry is still in the sources;
  - every entry is finished: a translation (all plural forms), no "unfinished", "obsolete" or
    "vanished" mark;
  - the placeholders of a translation (%1..%99, %n, %Ln) are the ones of its source;
  - lupdate itself printed no warning (a tr() it cannot place translates nothing at run time);
  - lrelease compiles the file with 0 unfinished entries.
Usage: check_translations.py <lupdate> <lrelease> <source dir> <zh ts> <en ts>
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

LUPDATE_OPTIONS = ["-locations", "none", "-extensions", "cpp,h"]
PLACEHOLDER = re.compile(r"%L?(n|\d{1,2})")


def entries(path):
    """{(context, source, comment, numerus): [translations] or None when unfinished}"""
    result = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            key = (name, message.findtext("source"), message.findtext("comment") or "",
                   message.get("numerus") == "yes")
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if translation is None or kind in ("obsolete", "vanished"):
                result.setdefault(("#stale",) + key, None)
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")] if key[3] else \
                [translation.text or ""]
            result[key] = None if kind == "unfinished" or not any(forms) or not all(forms) \
                else forms
    return result


def describe(key):
    return "[%s] %r%s" % (key[0], key[1], " (plural)" if key[3] else "")


def lupdate(tool, source_dir, ts, extra):
    scratch = tempfile.mkdtemp(prefix="redscope-ts-")
    copy = os.path.join(scratch, os.path.basename(ts))
    shutil.copy(ts, copy)
    run = subprocess.run([tool] + LUPDATE_OPTIONS + extra +
                         [os.path.join(source_dir, "app"), os.path.join(source_dir, "ui"),
                          "-ts", copy], capture_output=True, text=True)
    output = run.stdout + run.stderr
    warnings = [line for line in output.splitlines()
                if re.search(r"warning|error|lacks Q_OBJECT|cannot|Discarding", line, re.I)]
    if run.returncode != 0:
        warnings.append("lupdate exited with %d" % run.returncode)
    found = {k for k in entries(copy) if k[0] != "#stale"}
    shutil.rmtree(scratch)
    return found, warnings


def check(lupdate_tool, lrelease_tool, source_dir, ts, extra, problems):
    committed = entries(ts)
    stale = [k[1:] for k in committed if k[0] == "#stale"]
    live = {k: v for k, v in committed.items() if k[0] != "#stale"}
    found, warnings = lupdate(lupdate_tool, source_dir, ts, extra)
    name = os.path.basename(ts)
    for line in warnings:
        problems.append("%s: lupdate: %s" % (name, line))
    for key in sorted(found - live.keys()):
        problems.append("%s: missing (run the update_translations target): %s"
                        % (name, describe(key)))
    for key in sorted(live.keys() - found):
        problems.append("%s: no longer in the sources (run update_translations): %s"
                        % (name, describe(key)))
    for key in stale:
        problems.append("%s: obsolete entry (run update_translations): %s" % (name, describe(key)))
    for key, forms in sorted(live.items()):
        if forms is None:
            problems.append("%s: unfinished: %s" % (name, describe(key)))
            continue
        wanted = sorted(set(PLACEHOLDER.findall(key[1])))
        for form in forms:
            got = sorted(set(PLACEHOLDER.findall(form)))
            # A plural form may leave the count out ("一个" for 1): %n is optional there.
            if got != wanted and not (key[3] and sorted(set(wanted) - {"n"}) == got):
                problems.append("%s: placeholders %s in %r differ from the source's %s: %s"
                                % (name, got, form, wanted, describe(key)))
    scratch = tempfile.mkdtemp(prefix="redscope-qm-")
    run = subprocess.run([lrelease_tool, ts, "-qm", os.path.join(scratch, "out.qm")],
                         capture_output=True, text=True)
    shutil.rmtree(scratch)
    summary = re.search(r"\((\d+) finished and (\d+) unfinished\)", run.stdout)
    if run.returncode != 0 or not summary or summary.group(2) != "0":
        problems.append("%s: lrelease: %s" % (name, (run.stdout + run.stderr).strip()))
    return len(live)


def main():
    lupdate_tool, lrelease_tool, source_dir, zh, en = sys.argv[1:6]
    problems = []
    zh_count = check(lupdate_tool, lrelease_tool, source_dir, zh, [], problems)
    en_count = check(lupdate_tool, lrelease_tool, source_dir, en, ["-pluralonly"], problems)
    for problem in problems:
        print(problem)
    print("%d problem(s); %d entries in %s, %d plural entries in %s"
          % (len(problems), zh_count, os.path.basename(zh), en_count, os.path.basename(en)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

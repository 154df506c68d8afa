#!/usr/bin/env python3
"""Fail when CMakeLists.txt and wscript disagree on what the module builds.

Both build descriptions list sources, headers, test sources and examples by
hand (ns-3's build_lib and waf's create_ns3_module want literal lists). This
check compares the lists of the two files with each other and with the files
on disk, so a file added to one build and forgotten in the other, or never
added at all, fails the test run.

Usage: check-source-lists.py [MODULE_DIR]
"""

import ast
import pathlib
import re
import sys

CMAKE_LISTS = {
    "sources": ("CMakeLists.txt", "smkd_sources"),
    "headers": ("CMakeLists.txt", "smkd_headers"),
    "tests": ("CMakeLists.txt", "smkd_test_sources"),
    "examples": ("examples/CMakeLists.txt", "smkd_examples"),
}
WSCRIPT_LISTS = {
    "sources": ("wscript", "smkd_sources"),
    "headers": ("wscript", "smkd_headers"),
    "tests": ("wscript", "smkd_test_sources"),
    "examples": ("examples/wscript", "smkd_examples"),
}


def cmake_list(path, name):
    text = path.read_text()
    match = re.search(r"set\(\s*%s\b(.*?)\)" % re.escape(name), text, re.S)
    if not match:
        raise SystemExit("%s: no set(%s ...)" % (path, name))
    body = re.sub(r"#[^\n]*", "", match.group(1))
    return sorted(body.split())


def wscript_list(path, name):
    tree = ast.parse(path.read_text(), str(path))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return sorted(ast.literal_eval(node.value))
    raise SystemExit("%s: no top-level list %s" % (path, name))


def on_disk(root):
    found = {
        "sources": sorted(str(p.relative_to(root)) for d in ("model", "helper") for p in (root / d).glob("*.cc")),
        "headers": sorted(str(p.relative_to(root)) for d in ("model", "helper") for p in (root / d).glob("*.h")),
        "tests": sorted(
            str(p.relative_to(root)) for p in (root / "test").glob("*.cc") if p.name != "smkd-test-runner.cc"
        ),
        "examples": sorted(p.stem for p in (root / "examples").glob("*.cc")),
    }
    return found


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    disk = on_disk(root)
    problems = []
    for kind in CMAKE_LISTS:
        cmake = cmake_list(root / CMAKE_LISTS[kind][0], CMAKE_LISTS[kind][1])
        waf = wscript_list(root / WSCRIPT_LISTS[kind][0], WSCRIPT_LISTS[kind][1])
        for label, a, b in (("CMake", cmake, waf), ("wscript", waf, cmake), ("CMake", cmake, disk[kind])):
            other = "wscript" if b is waf else ("CMake" if b is cmake else "the file system")
            missing = sorted(set(b) - set(a))
            if missing:
                problems.append("%s %s lacks what %s has: %s" % (label, kind, other, ", ".join(missing)))
        for name in set(cmake) | set(waf):
            if kind != "examples" and not (root / name).exists():
                problems.append("%s lists %s, which does not exist" % (kind, name))
    cmake_modules = sorted(
        m.group(1) for m in re.finditer(r"\$\{lib([\w-]+)\}", " ".join(cmake_list(root / "CMakeLists.txt", "smkd_libraries_to_link")))
    )
    waf_modules = wscript_list(root / "wscript", "smkd_ns3_modules")
    if cmake_modules != waf_modules:
        problems.append("ns-3 modules differ: CMake %s, wscript %s" % (cmake_modules, waf_modules))
    if problems:
        print("source lists out of step:")
        for p in problems:
            print("  " + p)
        return 1
    total = sum(len(v) for v in disk.values())
    print("source lists agree: %d files in CMakeLists.txt, wscript and on disk" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main())

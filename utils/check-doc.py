#!/usr/bin/env python3
"""Fail when doc/smkd.rst does not render cleanly with docutils.

The manual is built by Sphinx in ns-3's tree; docutils alone knows none of
Sphinx's directives, so the ones the manual uses are registered here as
directives that render nothing. Any other warning or error fails, naming
its line.

Usage: check-doc.py [MODULE_DIR]
"""

import io
import pathlib
import sys

import docutils.core
from docutils.parsers.rst import Directive, directives


class SphinxOnly(Directive):
    """A Sphinx directive, taken as rendering nothing."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = None

    def run(self):
        return []


SPHINX_DIRECTIVES = ("highlight", "toctree", "code-block")


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    for name in SPHINX_DIRECTIVES:
        directives.register_directive(name, SphinxOnly)
    doc = root / "doc" / "smkd.rst"
    # ns-3's manual pulls its substitutions from doc/replace.txt of the ns-3
    # tree, which is not here; this manual uses none of them.
    text = "\n".join(
        "" if line.strip() == ".. include:: replace.txt" else line
        for line in doc.read_text(encoding="utf-8").splitlines()
    )
    messages = io.StringIO()
    docutils.core.publish_string(
        text,
        source_path=str(doc),
        writer_name="null",
        settings_overrides={"warning_stream": messages, "report_level": 2, "halt_level": 5},
    )
    problems = [line for line in messages.getvalue().splitlines() if line.strip()]
    if problems:
        print("doc/smkd.rst does not render cleanly:")
        print("\n".join(problems))
        return 1
    print("doc/smkd.rst renders cleanly")
    return 0


if __name__ == "__main__":
    sys.exit(main())

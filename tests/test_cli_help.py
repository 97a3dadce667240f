"""Every `factoryfl` subcommand and argument has help text, and docs/cli.md is generated from the same tree."""

from __future__ import annotations

import argparse

from cli.main import build_parser
from cli.reference import DOCS_PATH, REGENERATE, arguments, main, render, subcommands, walk


def missing_help(parser: argparse.ArgumentParser) -> list[str]:
    """Each subcommand and argument in the tree below ``parser`` that has no help text."""
    missing = []
    for path, _, node in walk(parser):
        missing += [f"{path} {name}" for name, text, _ in subcommands(node) if not text.strip()]
        for action in arguments(node):
            if not (action.help or "").strip() or action.help == argparse.SUPPRESS:
                missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    return missing


def test_every_subcommand_and_argument_has_help():
    missing = missing_help(build_parser())
    assert not missing, "give these help= (cli/*.py, deploy/cli.py): " + ", ".join(missing)


def test_the_walk_sees_every_command_and_catches_a_missing_help():
    parser = build_parser()
    names = {name for name, _, _ in subcommands(parser)}
    assert {"simulate", "lopo", "validate", "report", "certs", "coordinator", "plant", "run", "predict",
            "export"} <= names
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sub.add_parser("no-help-here").add_argument("--bare")
    sub.add_parser("documented", help="has help").add_argument("bare_positional")
    assert missing_help(parser) == ["factoryfl no-help-here", "factoryfl no-help-here --bare",
                                    "factoryfl documented bare_positional"]


def test_committed_cli_reference_is_current():
    assert DOCS_PATH.read_text() == render(), f"docs/cli.md is out of date: run `{REGENERATE}`"
    assert main(["--check"]) == 0


def test_reference_lists_every_command_and_option():
    text = render()
    for path, _, parser in walk(build_parser()):
        assert f"## {path.removeprefix('factoryfl ')}\n" in text
        for action in arguments(parser):
            for flag in action.option_strings:
                assert f"`{flag}" in text, f"{path} {flag} missing from docs/cli.md"

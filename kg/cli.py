"""The `kg` command. Parses arguments and hands them to one subcommand module of
`kg.commands`; each of those calls the public API and prints. No logic lives here."""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys

from .errors import KgError

# subcommand name -> module under kg.commands (each defines `add_parser(subparsers)`)
COMMANDS = {
    "build": "build",
    "extract": "extract",
    "query": "query",
    "export": "export",
    "remove": "remove",
    "serve": "serve",
    "viz": "viz",
    "eval": "evaluate",
    "validate": "validate",
    "train-ner": "train_ner",
}

EPILOG = """examples:
  kg build seeds/ --out out/              build out/graph.ttl and out/graph.html from a folder
  kg query out/ queries/leads.rq -f       who leads what, as a table
  kg export out/ --format trig            every article in its own named graph
  kg viz out/ --focus NAME --hops 2       the neighbourhood of one entity
run 'kg COMMAND --help' for the options of one command."""


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="kg",
        description="Knowledge graphs from Chinese news articles and newspaper pages.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        try:
            mod = importlib.import_module(f"kg.commands.{module}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("kg.commands"):
                continue  # a command whose module is not there yet
            raise
        mod.add_parser(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    args = ap.parse_args(argv)
    if not getattr(args, "run", None):
        ap.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _quiet_pipe()
    except KgError as exc:
        return fail(args.command, exc.line())
    except OSError as exc:
        return fail(args.command, os_error_line(exc))


def fail(command: str, line: str) -> int:
    """`kg COMMAND: what happened (what to do)` on stderr; exit status 1."""
    print(f"kg {command}: {line}", file=sys.stderr)
    return 1


def os_error_line(exc: OSError) -> str:
    """An OSError that reached the CLI (a full disk, a permission) as one line."""
    where = f" {exc.filename}" if exc.filename else ""
    if exc.errno == errno.ENOSPC or "no space left" in str(exc).lower():
        return f"no space left on the device{where} (free some space, or write elsewhere with --out)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied{where} (check who owns it)"
    return f"{exc.strerror or exc}{where}"


def _quiet_pipe() -> int:
    """The reader of our output went away (`kg query ... | head`): stop quietly. stdout is
    pointed at /dev/null so that the interpreter's final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

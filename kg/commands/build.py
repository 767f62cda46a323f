"""`kg build INPUT… --out OUT`"""

from __future__ import annotations

import sys

from . import add_backend_option


def add_parser(sub) -> None:
    p = sub.add_parser(
        "build",
        help="build the knowledge graph of articles and newspaper pages",
        description="Read .txt/.md/.html/.jsonl files and folders, extract entities and relations, "
        "store them (OUT/store) and write OUT/graph.ttl and OUT/graph.html.\n\n"
        "example:\n  kg build seeds/ --out out/",
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (searched recursively)")
    p.add_argument("--out", default="out", help="output folder (default: out)")
    p.add_argument(
        "--store",
        help="write to this store instead of OUT/store, e.g. a SPARQL "
        "Graph Store Protocol URL such as http://127.0.0.1:7878",
    )
    p.add_argument("--no-html", action="store_true", help="do not write OUT/graph.html")
    p.add_argument("--strict", action="store_true", help="stop at the first bad input")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    p.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="extract with N processes (default: all cores; 1 runs in this process)",
    )
    p.add_argument(
        "--executor",
        default="local",
        metavar="NAME",
        help="local: a pool of processes on this machine (default); spawn: the same, "
        "started fresh; dask: a Dask cluster (see --scheduler); serial: in this process; "
        "or one a plugin registers (entry-point group kg.executors)",
    )
    p.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="with --executor dask, the scheduler of a running Dask cluster "
        "(default: start a local cluster of --workers processes)",
    )
    p.add_argument(
        "--region",
        metavar="CODE",
        help="the division the inputs are about, as a code or a name (e.g. 320500 or "
        "苏州市), for inputs without a region of their own: settles namesakes "
        "such as 鼓楼区 and places what names no division",
    )
    p.add_argument(
        "--disable-rule",
        action="append",
        default=[],
        metavar="NAME",
        help="do not run the rule NAME (repeatable; `kg build --list-rules` lists them)",
    )
    p.add_argument("--list-rules", action="store_true", help="list the rules in the order they run, and stop")
    add_backend_option(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from ..api import build
    from ..pipeline import Pipeline

    nlp = Pipeline(disabled_rules=args.disable_rule)  # an unknown name: one line from kg.cli
    if args.list_rules:
        for r in nlp.rules:
            print(f"{r.kind:8}  {r.priority:4}  {r.name:32}  {', '.join(r.produces)}")
        return 0
    from ..rules.areas import region_code

    if args.region and not region_code(args.region):
        print(
            f"kg build: --region {args.region}: not a division code or name of China's list", file=sys.stderr
        )
        return 2
    # a KgError (a bad input under --strict, a locked store) is one line from kg.cli
    summary = build(
        args.inputs,
        args.out,
        store=args.store,
        backend=args.backend,
        html=not args.no_html,
        strict=args.strict,
        workers=args.workers,
        executor=args.executor,
        pipeline=nlp if args.disable_rule else None,
        scheduler=args.scheduler,
        progress=False if args.quiet else None,
        region=args.region,
    )
    for problem in summary.problems:
        print(f"kg: {problem}", file=sys.stderr)
    for warning in summary.warnings:
        print(f"kg: warning: {warning}", file=sys.stderr)
    if not args.quiet:
        print(report(summary))
    return 0 if summary.ok else 1


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise __import__("argparse").ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def report(s) -> str:
    lines = [
        f"articles   {s.articles} ({s.written} written, {s.unchanged} unchanged), "
        f"{s.characters} characters in {s.seconds:.1f} s",
        f"           articles without a byline: {s.without_byline}",
    ]
    lines.append("entities   " + (", ".join(f"{k} {v}" for k, v in s.entities.most_common()) or "none"))
    lines.append("relations  " + (", ".join(f"{k} {v}" for k, v in s.relations.most_common()) or "none"))
    lines.append(
        f"failed     {len(s.problems)} input(s)" + (": see the messages above" if s.problems else "")
    )
    lines.append("shapes     " + shapes_line(s.violations))
    lines += [f"           {v}" for v in (s.violations or [])[:10]]
    lines += [f"wrote      {path}" for path in s.outputs]
    return "\n".join(lines)


def shapes_line(violations) -> str:
    if violations is None:
        return "not checked here (a large graph): run kg validate OUT"
    if not violations:
        return "the graph conforms to the contract's SHACL shapes"
    return f"{len(violations)} SHACL violation(s)" + (", the first 10:" if len(violations) > 10 else ":")

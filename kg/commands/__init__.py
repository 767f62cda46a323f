"""One module per `kg` subcommand: `add_parser(subparsers)` registers it and sets `run`."""


def add_backend_option(p) -> None:
    """`--backend NAME`: the store back end by its registered name (kg.store.STORES)."""
    p.add_argument(
        "--backend",
        metavar="NAME",
        help="the store back end: oxigraph (a folder), rdflib (memory), remote (a SPARQL "
        "server), or one a plugin registers (entry-point group kg.stores); default: "
        "what the location says",
    )

"""One module per `kg` subcommand: `add_parser(subparsers)` registers it and sets `run`."""

"""The root of kg's own errors: the CLI reports a `KgError` in one line."""


class KgError(Exception):
    """Something kg can explain in one line (what happened, and what to do)."""

"""`Closing`: a resource with `close()` that is also a context manager."""

from __future__ import annotations


class Closing:
    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

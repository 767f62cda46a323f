"""One registry type for everything kg finds by name: pipeline components, entity and
relation rules, input readers, stores, exporters and executors.

A registry is a read-only mapping from name to what was registered, filled by decorators
in kg's own modules and by *entry points* of installed packages (as rdflib finds its
`rdf.plugins.*`): a plugin package declares

    [project.entry-points."kg.rules"]
    hospital-name = "my_plugin.rules"

and the module it names is imported the first time the registry is read, in every process
(worker pools and Dask workers included), so the plugin's decorators run there too. An
entry point names a module; what it registers is what its decorators register.
Registering a name twice with two different definitions is an error that names both."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import metadata
from typing import Generic, TypeVar

from .errors import KgError

T = TypeVar("T")
F = TypeVar("F")  # what a decorator is put on: a function or a class


class RegistryError(KgError):
    """A name registered twice, or asked for and not registered."""


def definition(obj: object) -> str:
    """Where an object was defined, as `module:qualname`."""
    target = getattr(obj, "func", obj)
    module = getattr(target, "__module__", None) or type(target).__module__
    name = getattr(target, "__qualname__", None) or type(target).__qualname__
    return f"{module}:{name}"


class Registry(Mapping[str, T], Generic[T]):
    def __init__(self, kind: str, group: str, order: Callable[[T], object] | None = None):
        self.kind = kind  # "pipeline component", "entity rule", …
        self.group = group  # the entry-point group plugins declare
        self._items: dict[str, T] = {}
        self._order = order
        self._discovered = False

    def add(self, name: str, obj: T) -> T:
        old = self._items.get(name)
        if old is not None and definition(old) != definition(obj):
            raise RegistryError(
                f"{self.kind} {name!r} is registered twice: by {definition(old)} and by {definition(obj)}"
            )
        self._items[name] = obj
        return obj

    def decorator(self, name: str, make: Callable[[F], T]) -> Callable[[F], F]:
        """`@registry.decorator(name, make)`: registers `make(func)` and returns `func`."""

        def wrap(func: F) -> F:
            self.add(name, make(func))
            return func

        return wrap

    def discover(self) -> None:
        """Import the modules that installed packages declare for this registry's group."""
        if self._discovered:
            return
        self._discovered = True
        for point in metadata.entry_points(group=self.group):
            try:
                point.load()
            except RegistryError:
                raise
            except Exception as exc:
                raise RegistryError(
                    f"plugin {point.name!r} ({point.value}) of {self.group} failed to load: {exc}"
                ) from exc

    def get_or_fail(self, name: str) -> T:
        self.discover()
        if name not in self._items:
            raise RegistryError(f"no {self.kind} named {name!r}; known: {', '.join(sorted(self._items))}")
        return self._items[name]

    def __getitem__(self, name: str) -> T:
        self.discover()
        return self._items[name]

    def __iter__(self) -> Iterator[str]:
        self.discover()
        if self._order is None:
            return iter(list(self._items))
        order, position = self._order, {n: i for i, n in enumerate(self._items)}
        return iter(sorted(self._items, key=lambda n: (order(self._items[n]), position[n])))

    def __len__(self) -> int:
        self.discover()
        return len(self._items)

    def __repr__(self) -> str:
        return f"Registry({self.kind!r}, {sorted(self._items)})"


# What the rules and components declare about the extractor names their mentions carry,
# gathered as they register, so that later layers (vetting, resolution) read declarations
# without importing the stages: how far each extractor's classes are trusted, and which
# extractors are statistical models.
TRUST: dict[str, int] = {}
MODELS: set[str] = set()


def declare_extractors(
    names: tuple[str, ...], trust: int | dict[str, int] | None = None, source: str = "rule"
) -> None:
    for name in names:
        value = trust.get(name) if isinstance(trust, dict) else trust
        if value is not None:
            TRUST[name] = value
        if source == "model":
            MODELS.add(name)

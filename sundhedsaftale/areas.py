"""An agreement area plugs into the kernel at one place: its ``AppConfig``.

An area app subclasses ``AreaConfig`` and declares what it brings: its dashboard panel, its entries in the
navigation, its pages (an urls module), its API routes, its demo loader and its periodic tasks. The kernel
reads them from ``django.apps.apps.get_app_configs()`` in ``INSTALLED_APPS`` order and never names an area,
so a new area touches its own folder and ``INSTALLED_APPS`` only. Everything is given as dotted paths, read
when first used, so ``apps.py`` imports no models.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from django.apps import AppConfig, apps
from django.urls import URLResolver, include, path
from django.utils.functional import Promise
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from django.http import HttpRequest
    from rest_framework.routers import BaseRouter

Panel = Callable[["HttpRequest"], dict[str, Any] | None]
DemoLoader = Callable[..., object]


@dataclass(frozen=True)
class LiveCount:
    """A count shown in a navigation link and refreshed by htmx: ``template`` renders the current count inside
    the link; every ``trigger`` the link fetches ``url_name`` and swaps it into ``target``."""

    url_name: str
    template: str
    trigger: str
    target: str


@dataclass(frozen=True)
class NavEntry:
    """One link in the navigation bar.

    Shown to an active membership whose organisation kind is in ``kinds`` (every kind, and no membership,
    when ``None``) and not in ``except_kinds``, whose role is in ``roles`` (every role when ``None``), and, if
    ``citizens_only``, to users who may see citizen data at all. ``order`` places it among every area's
    entries; ``active`` are the url names that mark it as the current page (its own when empty).
    """

    label: str | Promise
    url_name: str
    order: int
    kinds: frozenset[str] | None = None
    except_kinds: frozenset[str] = frozenset()
    roles: frozenset[str] | None = None
    citizens_only: bool = False
    active: tuple[str, ...] = ()
    live_count: LiveCount | None = None

    @property
    def active_url_names(self) -> tuple[str, ...]:
        return self.active or (self.url_name,)

    def shown_to(self, *, kind: str | None, role: str | None, can_see_citizens: bool) -> bool:
        return (
            (self.kinds is None or kind in self.kinds)
            and kind not in self.except_kinds
            and (self.roles is None or role in self.roles)
            and (can_see_citizens or not self.citizens_only)
        )


@dataclass(frozen=True)
class CourseAction:
    """One thing the viewer may do about a course in an area: a link, or a button when ``post``."""

    label: str | Promise
    url: str
    post: bool = False


@dataclass(frozen=True)
class CourseLink:
    """An area's page about one course, shown on the course page (the hub) with what the viewer may do there;
    ``status`` says in a few words where things stand ("Planlagt til fredag 27.11.2026")."""

    label: str | Promise
    url: str
    status: str = ""
    actions: tuple[CourseAction, ...] = ()


class AreaConfig(AppConfig):
    """The ``AppConfig`` of an agreement area: what it plugs into the kernel, all optional.

    ``panel``: dotted path to ``panel(request) -> dict | None`` (a template and its context for the dashboard).
    ``nav``: its navigation entries. ``urls``: dotted path of its pages' urls module, included at the root.
    ``api_routes``: dotted path to ``register(router)`` for the one API router. ``demo_loader``: dotted path
    to ``load(*, now)``, run by ``load_demo_data`` by ascending ``demo_order``. ``beat_schedule``: its Celery
    beat entries, merged with the kernel's. ``course_links``: dotted path to
    ``course_links(request, course) -> list[CourseLink]``, the area's pages about a course for the viewer.

    Subclass it as ``areas.AreaConfig`` (``from sundhedsaftale import areas``): Django picks an app's config
    from ``apps.py`` only when the module binds exactly one ``AppConfig`` subclass.
    """

    panel: ClassVar[str | None] = None
    nav: ClassVar[tuple[NavEntry, ...]] = ()
    urls: ClassVar[str | None] = None
    api_routes: ClassVar[str | None] = None
    demo_loader: ClassVar[str | None] = None
    demo_order: ClassVar[int] = 0
    beat_schedule: ClassVar[Mapping[str, Mapping[str, Any]]] = {}
    course_links: ClassVar[str | None] = None


def area_configs() -> list[AreaConfig]:
    """The installed areas in ``INSTALLED_APPS`` order."""
    return [config for config in apps.get_app_configs() if isinstance(config, AreaConfig)]


def url_patterns() -> list[URLResolver]:
    """Every area's pages, included at the root in ``INSTALLED_APPS`` order."""
    return [path("", include(config.urls)) for config in area_configs() if config.urls]


def register_api_routes(router: "BaseRouter") -> None:
    """Register every area's viewsets on the one API router."""
    for config in area_configs():
        if config.api_routes:
            import_string(config.api_routes)(router)


def course_links(request: "HttpRequest", course: Any) -> list[CourseLink]:
    """Every area's pages about the course that the viewer may open, in ``INSTALLED_APPS`` order."""
    links: list[CourseLink] = []
    for config in area_configs():
        if config.course_links:
            links += import_string(config.course_links)(request, course)
    return links


@cache
def dashboard_panels() -> tuple[Panel, ...]:
    """The areas' dashboard panels in ``INSTALLED_APPS`` order."""
    return tuple(import_string(config.panel) for config in area_configs() if config.panel)


def demo_loaders() -> list[DemoLoader]:
    """The areas' demo loaders by ``demo_order``: each builds on the ones before it."""
    configs = sorted((c for c in area_configs() if c.demo_loader), key=lambda config: config.demo_order)
    return [import_string(str(config.demo_loader)) for config in configs]


def nav_entries() -> list[NavEntry]:
    """Every area's navigation entries by ``order``."""
    return sorted((entry for config in area_configs() for entry in config.nav), key=lambda entry: entry.order)


def beat_schedule(kernel: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """The kernel's beat entries, then every area's; a name used twice is an error, not an overwrite."""
    merged = {name: dict(entry) for name, entry in kernel.items()}
    for config in area_configs():
        for name, entry in config.beat_schedule.items():
            if name in merged:
                raise ValueError(f"beat entry {name!r} of {config.name} is already scheduled")
            merged[name] = dict(entry)
    return merged


class BeatSchedule(Mapping[str, dict[str, Any]]):
    """``beat_schedule`` for the Celery app, merged when first read: the Celery app is made before Django has
    loaded the apps, beat reads its schedule after (Celery's Django fix-up sets Django up first)."""

    def __init__(self, kernel: Mapping[str, Mapping[str, Any]]) -> None:
        self._kernel = kernel
        self._merged: dict[str, dict[str, Any]] | None = None

    def _schedule(self) -> dict[str, dict[str, Any]]:
        if self._merged is None:
            self._merged = beat_schedule(self._kernel)
        return self._merged

    def __getitem__(self, name: str) -> dict[str, Any]:
        return self._schedule()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._schedule())

    def __len__(self) -> int:
        return len(self._schedule())

from django.utils.translation import gettext_lazy as _

from sundhedsaftale import areas
from sundhedsaftale.areas import NavEntry

_PAGES = ("psychiatry-board", "psychiatry-inbox", "psychiatry-course")


class PsychiatryConfig(areas.AreaConfig):
    """Psykiatri: psychiatric courses (adult, child and adolescent), their deadlines and plans, and the
    children-in-the-family duty (001, "Aftale om indsatsen for mennesker med sindslidelser")."""

    name = "psychiatry"
    verbose_name = "Psykiatri"

    panel = "psychiatry.panels.panel"
    # Municipalities and practices receive notices; hospital staff work the psychiatric ward board.
    nav = (
        NavEntry(
            _("Psykiatri"),
            "psychiatry-inbox",
            order=95,
            kinds=frozenset({"municipality", "practice"}),
            citizens_only=True,
            active=_PAGES,
        ),
        NavEntry(
            _("Psykiatri"),
            "psychiatry-board",
            order=95,
            kinds=frozenset({"hospital", "department"}),
            citizens_only=True,
            active=_PAGES,
        ),
    )
    urls = "psychiatry.urls"
    course_links = "psychiatry.hub.course_links"
    api_routes = "psychiatry.api.routes.register"
    demo_loader = "psychiatry.demo.load"
    demo_order = 40
    # Psychiatry pulls what admissions decided (a discharge, death or cancellation of the admission under a
    # psychiatric course) instead of admissions pushing it: the GP letter's deadline starts at the discharge.
    beat_schedule = {
        "psychiatry-sync-admissions": {"task": "psychiatry.tasks.sync_with_admissions", "schedule": 300.0},
    }

    def ready(self) -> None:
        from psychiatry import audit

        audit.register()

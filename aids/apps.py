from django.utils.translation import gettext_lazy as _

from sundhedsaftale import areas
from sundhedsaftale.areas import NavEntry

_AIDS_PAGES = ("aids-worklist", "aids-course", "aids-need", "aids-dispute", "aids-depots")


class AidsConfig(areas.AreaConfig):
    """Hjælpemidler: who delivers and pays, loans with their slip, ready at discharge, disputes."""

    name = "aids"
    verbose_name = "Hjælpemidler"

    nav = (
        NavEntry(
            _("Hjælpemidler"),
            "aids-worklist",
            order=93,
            kinds=frozenset({"municipality", "hospital", "department"}),
            citizens_only=True,
            active=_AIDS_PAGES,
        ),
    )
    urls = "aids.urls"
    course_links = "aids.hub.course_links"
    api_routes = "aids.api.routes.register"
    demo_loader = "aids.demo.load"
    demo_order = (
        45  # after rehab (30) and psychiatry (40): on the AUH ward's courses of admissions and discharge
    )
    beat_schedule = {
        # A discharge with an aid still missing raises an alert to both parties (few open needs; every 5 min).
        "aids-missing-at-discharge": {"task": "aids.tasks.alert_missing_at_discharge", "schedule": 300.0},
    }

    def ready(self) -> None:
        from aids import audit

        audit.register()

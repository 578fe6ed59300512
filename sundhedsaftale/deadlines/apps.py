from django.utils.translation import gettext_lazy as _

from sundhedsaftale import areas
from sundhedsaftale.areas import LiveCount, NavEntry


class DeadlinesConfig(areas.AreaConfig):
    name = "sundhedsaftale.deadlines"
    label = "deadlines"
    verbose_name = "Frister og advarsler"

    panel = "sundhedsaftale.deadlines.panels.panel"
    nav = (
        NavEntry(
            _("Advarsler"),
            "alert-inbox",
            order=80,
            citizens_only=True,
            live_count=LiveCount(
                url_name="alert-count",
                template="deadlines/_nav_count.html",
                trigger="every 30s, alerts-changed from:body",
                target="find .app-alert-count",
            ),
        ),
    )
    urls = "sundhedsaftale.deadlines.urls"
    api_routes = "sundhedsaftale.deadlines.api.routes.register"
    # A 30-second scan raises every alert within 60 s of its due time, tick time included (bench/README.md).
    beat_schedule = {
        "scan-deadlines": {"task": "sundhedsaftale.deadlines.tasks.scan_deadlines", "schedule": 30.0},
    }

    def ready(self) -> None:
        from sundhedsaftale.deadlines import audit

        audit.register()

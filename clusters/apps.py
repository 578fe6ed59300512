from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from sundhedsaftale import areas
from sundhedsaftale.areas import NavEntry

_KEY_FIGURE_PAGES = ("keyfigures", "keyfigure-reports", "meetings", "meeting-detail")


class ClustersConfig(areas.AreaConfig):
    name = "clusters"
    verbose_name = "Klynger og nøgletal"

    nav = (
        NavEntry(
            _("Nøgletal"),
            "keyfigures",
            order=95,
            roles=frozenset({"steering_group", "regional_admin"}),
            active=_KEY_FIGURE_PAGES,
        ),
        NavEntry(_("Kontaktliste"), "contact-list", order=100),
    )
    panel = "clusters.panels.panel"
    urls = "clusters.urls"
    demo_loader = "clusters.demo.load"
    demo_order = 100  # after every area: the key figures count their demo data
    api_routes = "clusters.api.routes.register"
    beat_schedule = {
        # the key-figure cells follow the day's activity within minutes
        "clusters-refresh-keyfigures": {"task": "clusters.tasks.refresh_keyfigures", "schedule": 300.0},
        # "2 gange årligt (1. april og 1. oktober)": checked every morning, so a day missed is caught up
        "clusters-semiannual-reports": {
            "task": "clusters.tasks.semiannual_reports",
            "schedule": crontab(minute=15, hour=6),
        },
    }

from django.utils.translation import gettext_lazy as _

from sundhedsaftale import areas
from sundhedsaftale.areas import NavEntry


class PreventionConfig(areas.AreaConfig):
    """Forebyggelse og sundhedsfremme (agreement 5): the shared offer catalogue, screening, referrals and
    their follow-up figures."""

    name = "prevention"
    verbose_name = "Forebyggelse"

    panel = "prevention.panels.panel"
    nav = (
        NavEntry(
            _("Forebyggelse"),
            "prevention-catalogue",
            order=97,
            active=(
                "prevention-catalogue",
                "prevention-offer",
                "prevention-referrals",
                "prevention-referral",
                "prevention-figures",
                "prevention-import",
            ),
        ),
    )
    urls = "prevention.urls"
    api_routes = "prevention.api.routes.register"
    demo_loader = "prevention.demo.load"
    demo_order = 50
    beat_schedule = {}
    course_links = "prevention.hub.course_links"

    def ready(self) -> None:
        from prevention import audit

        audit.register()

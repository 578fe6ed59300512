from django.utils.translation import gettext_lazy as _

from sundhedsaftale import areas
from sundhedsaftale.areas import NavEntry


class DischargeConfig(areas.AreaConfig):
    name = "discharge"
    verbose_name = "Udskrivning"

    panel = "discharge.panels.panel"
    nav = (
        NavEntry(_("Tavle"), "ward-board", order=20, kinds=frozenset({"department", "hospital"})),
        NavEntry(_("Udskrivninger"), "municipal-discharges", order=20, kinds=frozenset({"municipality"})),
        NavEntry(_("Epikriser"), "gp-letters", order=20, kinds=frozenset({"practice"})),
    )
    urls = "discharge.urls"
    api_routes = "discharge.api.routes.register"
    demo_loader = "discharge.demo.load"
    course_links = "discharge.hub.course_links"
    demo_order = 20

    def ready(self) -> None:
        from discharge import audit

        audit.register()

from django.utils.translation import gettext_lazy as _

from sundhedsaftale import areas
from sundhedsaftale.areas import NavEntry


class AdmissionsConfig(areas.AreaConfig):
    name = "admissions"
    verbose_name = "Indlæggelser"

    panel = "admissions.panels.panel"
    nav = (
        NavEntry(_("Borgere"), "citizen-search", order=10, citizens_only=True),
        NavEntry(_("Indbakke"), "municipal-inbox", order=30, kinds=frozenset({"municipality"})),
        NavEntry(_("Praksis"), "gp-inbox", order=30, kinds=frozenset({"practice"})),
        NavEntry(
            _("Ny indlæggelse"),
            "course-admit",
            order=30,
            except_kinds=frozenset({"municipality", "practice"}),
            roles=frozenset({"ward_staff"}),
        ),
        NavEntry(_("Opslag med formål"), "citizen-lookup", order=35, roles=frozenset({"regional_admin"})),
    )
    urls = "admissions.urls"
    api_routes = "admissions.api.routes.register"
    demo_loader = "admissions.demo.load"
    demo_order = 10

    def ready(self) -> None:
        from admissions import audit

        audit.register()

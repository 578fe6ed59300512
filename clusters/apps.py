from django.utils.translation import gettext_lazy as _

from sundhedsaftale import areas
from sundhedsaftale.areas import NavEntry


class ClustersConfig(areas.AreaConfig):
    name = "clusters"
    verbose_name = "Organisationer og klynger"

    nav = (NavEntry(_("Kontaktliste"), "contact-list", order=100),)
    urls = "clusters.urls"
    api_routes = "clusters.api.routes.register"

    def ready(self) -> None:
        from clusters import audit

        audit.register()

from django.utils.translation import gettext_lazy as _

from sundhedsaftale import areas
from sundhedsaftale.areas import NavEntry


class ClustersConfig(areas.AreaConfig):
    name = "clusters"
    verbose_name = "Klynger og nøgletal"

    nav = (NavEntry(_("Kontaktliste"), "contact-list", order=100),)
    urls = "clusters.urls"
    api_routes = "clusters.api.routes.register"

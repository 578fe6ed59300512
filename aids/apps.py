from sundhedsaftale import areas


class AidsConfig(areas.AreaConfig):
    """Hjælpemidler: an area skeleton. Its panel, navigation, pages, API routes, demo data and periodic tasks
    are declared here as the area grows (see ``sundhedsaftale.areas.AreaConfig``); nothing else is edited."""

    name = "aids"
    verbose_name = "Hjælpemidler"

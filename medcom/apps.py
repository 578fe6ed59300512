from django.utils.translation import gettext_lazy as _

from sundhedsaftale import areas
from sundhedsaftale.areas import NavEntry


class MedcomConfig(areas.AreaConfig):
    """MedCom FHIR messages in and out (HospitalNotification, CareCommunication), calling the areas' services."""

    name = "medcom"
    verbose_name = "MedCom"

    nav = (
        # the log shows no citizen data: the region runs the integrations, it reads no citizen through them
        NavEntry(_("MedCom"), "medcom-log", order=90, roles=frozenset({"regional_admin"})),
    )
    urls = "medcom.urls"
    demo_loader = "medcom.demo.load"
    demo_order = 90
    beat_schedule = {
        # our own admissions, leaves, discharges, deaths and correspondence out as MedCom messages
        "medcom-outbound-scan": {"task": "medcom.tasks.outbound_scan", "schedule": 60.0},
    }

    def ready(self) -> None:
        from medcom import audit

        audit.register()

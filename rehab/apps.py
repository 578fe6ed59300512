from django.utils.translation import gettext_lazy as _

from sundhedsaftale import areas
from sundhedsaftale.areas import NavEntry

_REHAB_PAGES = ("rehab-inbox", "rehab-ward")


class RehabConfig(areas.AreaConfig):
    name = "rehab"
    verbose_name = "Genoptræning"

    panel = "rehab.panels.panel"
    # Municipalities receive training plans and GPs their copies, hospitals write them: one entry, two pages.
    nav = (
        NavEntry(
            _("Genoptræning"),
            "rehab-inbox",
            order=90,
            kinds=frozenset({"municipality", "practice"}),
            citizens_only=True,
            active=_REHAB_PAGES,
        ),
        NavEntry(
            _("Genoptræning"),
            "rehab-ward",
            order=90,
            except_kinds=frozenset({"municipality", "practice"}),
            citizens_only=True,
            active=_REHAB_PAGES,
        ),
    )
    urls = "rehab.urls"
    api_routes = "rehab.api.routes.register"
    demo_loader = "rehab.demo.load"
    course_links = "rehab.hub.course_links"
    demo_order = 30
    # Rehab pulls moved planned discharge dates into rehab.plan_by_discharge (few unsent plans; every 5 min).
    beat_schedule = {
        "rehab-sync-plan-deadlines": {"task": "rehab.tasks.sync_plan_deadlines", "schedule": 300.0},
        # A plan delivered while the citizen was admitted starts rehab.first_contact at the discharge.
        "rehab-sync-first-contact": {"task": "rehab.tasks.sync_first_contact_deadlines", "schedule": 300.0},
        # A plan PDF whose message was lost (the broker was down at finalise) is enqueued again after 5 min.
        "rehab-render-pending-pdfs": {"task": "rehab.tasks.render_pending_plan_pdfs", "schedule": 120.0},
    }

    def ready(self) -> None:
        from rehab import audit

        audit.register()

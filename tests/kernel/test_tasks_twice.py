"""Every Celery task of the project, delivered twice with the same arguments, leaves the same end state.

A broker delivers at least once (acks_late, a worker killed before its ack, a visibility timeout passed): every
task must be safe to run again. The test walks the Celery app's registry, so a new task fails here until it is
given arguments below. For each task, in a world where it has work to do, it runs the task once, takes a
snapshot (the rows of every model, the e-mails sent, the files stored) and runs it again with the same
arguments and task id: nothing may be added. Alerts, PDFs, MedCom messages and mails are never doubled.
"""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import LazySettings
from django.core import mail
from django.db import connection
from django.utils import timezone

from admissions.models import Course
from admissions.services import leave_start
from clusters.keyfigures.periods import period_parse
from clusters.models import KeyFigureReport
from clusters.services.reports import report_request
from medcom.demo import example_receivers_register
from medcom.models import OutboundMessage
from rehab.models import PlanPdf
from sundhedsaftale.celery import app
from sundhedsaftale.deadlines.models import Alert
from sundhedsaftale.organisations.models import Organisation
from tests.factories import CitizenFactory, member
from tests.factories.deadlines import DeadlineFactory
from tests.factories.rehab import course_at, local, plan_written

pytestmark = pytest.mark.django_db

Args = Callable[[], tuple[Any, ...]]


def _first(queryset: Any) -> tuple[Any, ...]:
    pk = queryset.order_by("pk").values_list("pk", flat=True).first()
    assert pk is not None, f"the world has no {queryset.model.__name__} for the task"
    return (pk,)


def _version_of_first_pdf() -> tuple[int]:
    """The plan version whose PDF waits (the task takes the version's id, not the PDF row's: the two differ
    once other tests have used the sequences)."""
    version_id = PlanPdf.objects.order_by("pk").values_list("version_id", flat=True).first()
    assert version_id is not None, "the world has no PlanPdf for the task"
    return (version_id,)


# Every task of the project and how it is called: no arguments (the beat's periodic tasks) or the id of a row
# of the world below.
ARGUMENTS: dict[str, Args] = {
    "sundhedsaftale.ops.tasks.beat_tick": tuple,
    "sundhedsaftale.deadlines.tasks.scan_deadlines": tuple,
    "sundhedsaftale.deadlines.tasks.notify_alerts": tuple,
    "medcom.tasks.outbound_scan": tuple,
    "medcom.tasks.outbound_deliver": lambda: _first(OutboundMessage.objects.all()),
    "rehab.tasks.render_plan_pdf": _version_of_first_pdf,
    "rehab.tasks.render_pending_plan_pdfs": tuple,
    "rehab.tasks.sync_plan_deadlines": tuple,
    "rehab.tasks.sync_first_contact_deadlines": tuple,
    "rehab.tasks.render_letter_3_10": lambda: _first(Organisation.objects.filter(code="AUH-ORT")),
    "clusters.tasks.refresh_keyfigures": tuple,
    "clusters.tasks.render_report": lambda: _first(KeyFigureReport.objects.all()),
    "clusters.tasks.semiannual_reports": tuple,
    "aids.tasks.alert_missing_at_discharge": tuple,
    "psychiatry.tasks.sync_with_admissions": tuple,
}
# The order they run in: producers before consumers (the scan raises alerts, notify mails them; the outbound
# scan queues messages, deliver sends one), so that each has work when it runs.
ORDER = list(ARGUMENTS)


def _project_tasks() -> set[str]:
    app.loader.import_default_modules()
    return {name for name in app.tasks if not name.startswith("celery.")}


def test_every_task_of_the_project_is_delivered_twice_here() -> None:
    assert _project_tasks() == set(ARGUMENTS)


def snapshot(media: Path) -> dict[str, Any]:
    """What a user could notice: how many rows of each model, the e-mails sent, the files stored."""
    tables = set(connection.introspection.table_names())
    rows = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.db_table in tables and not model._meta.proxy
    }
    files = sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())
    return {"rows": rows, "mails": [(m.subject, tuple(m.to)) for m in mail.outbox], "files": files}


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    rows = {k: (before["rows"][k], v) for k, v in after["rows"].items() if before["rows"].get(k) != v}
    changes: dict[str, Any] = {"rows": rows} if rows else {}
    if len(after["mails"]) != len(before["mails"]):
        changes["mails"] = after["mails"][len(before["mails"]) :]
    if after["files"] != before["files"]:
        changes["files"] = sorted(set(after["files"]) - set(before["files"]))
    return changes


@pytest.fixture
def world(settings: LazySettings, tmp_path: Path) -> Path:
    """Work for the tasks: due deadlines with members to mail, a course with events for the MedCom scan,
    a final rehabilitation plan whose PDF waits, a key-figure report ordered and not rendered."""
    settings.MEDIA_ROOT = tmp_path
    ward = member("ward_staff", "AUH-ORT", email="afdeling@example.dk")
    member("visitation", "751", email="visitation@example.dk")
    now = timezone.now()
    for _ in range(3):
        DeadlineFactory.create(due_at=now - timedelta(hours=1), warn_at=now - timedelta(hours=2))
    example_receivers_register()
    Organisation.objects.filter(code="AUH-ORT").update(sor_code="441211000016000", gln="5790001987244")
    citizen = CitizenFactory.create(municipality=Organisation.objects.get(code="751"))
    admitted = course_at(citizen=citizen, at="AUH-ORT", admitted_at=now - timedelta(days=3))
    leave_start(course=admitted, started_at=now - timedelta(hours=2), acting_user=ward)
    discharged = course_at(
        citizen=CitizenFactory.create(),
        admitted_at=local(2026, 3, 25, 8),
        discharged_at=local(2026, 4, 1, 11),
        state=Course.State.DISCHARGED,
    )
    plan_written(course=discharged, author=ward)
    report_request(unit=Organisation.objects.get(code="751"), period=period_parse("2026-Q3"), user=None)
    return tmp_path


def test_every_task_delivered_twice_leaves_the_same_end_state(world: Path) -> None:
    worked: list[str] = []
    for name in ORDER:
        task = app.tasks[name]
        args = ARGUMENTS[name]()
        before = snapshot(world)
        # when the task is delivered, and delivered again with the same arguments and id
        first = task.apply(args=args, task_id=f"twice-{name}")
        assert first.successful(), (name, first.result)
        once = snapshot(world)
        second = task.apply(args=args, task_id=f"twice-{name}")
        assert second.successful(), (name, second.result)
        # then the second delivery added nothing: no row, no e-mail, no file
        assert _changes(once, snapshot(world)) == {}, name
        if _changes(before, once):
            worked.append(name)
    # and the world gave the tasks that make alerts, messages and files real work to do
    assert {
        "sundhedsaftale.deadlines.tasks.scan_deadlines",
        "medcom.tasks.outbound_scan",
        "rehab.tasks.render_plan_pdf",
        "rehab.tasks.render_letter_3_10",
    } <= set(worked), worked
    # each breach alerted once per organisation (the ward and the municipality), each mailed once (the scan's
    # notify ran inside it: the notify task delivered twice afterwards found nothing left to send)
    home_care = Alert.objects.filter(kind=Alert.Kind.BREACH, deadline__rule_code="discharge.home_care")
    assert home_care.filter(notified_at__isnull=False).count() == 3 * 2
    mailed = Alert.objects.filter(notified_at__isnull=False, organisation__code__in=["AUH-ORT", "751"])
    assert (
        len([m for m in mail.outbox if m.subject.startswith("[Sundhedsaftale] ")]) == mailed.count() >= 3 * 2
    )
    assert PlanPdf.objects.filter(state=PlanPdf.State.READY).count() == 1
    assert KeyFigureReport.objects.get(period="2026-Q3").state == KeyFigureReport.State.DONE

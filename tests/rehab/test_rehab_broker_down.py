"""With the Celery broker unreachable a finalised plan stays finalised (2xx, committed), and the periodic
pick-up renders its PDF once the broker is back."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from rehab.models import PlanPdf, PlanVersion
from rehab.tasks import render_pending_plan_pdfs
from sundhedsaftale.celery import app as celery_app
from tests.factories.rehab import plan_written

DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1: every connection is refused


@contextmanager
def broker_down() -> Iterator[None]:
    """Send tasks for real (not eagerly) to a broker nobody answers on."""
    app: Any = celery_app  # the connection pools are private: dropped so the next send connects anew
    saved = (app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool)
    app.conf.update(broker_url=DEAD_BROKER, task_always_eager=False)
    app._pool = app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.update(broker_url=saved[0], task_always_eager=saved[1])
        app._pool, app.amqp._producer_pool = saved[2], saved[3]


@pytest.mark.django_db(transaction=True)
def test_finalise_commits_with_the_broker_down_and_the_pdf_is_rendered_later(
    course_discharged_before_easter, therapist, caplog: pytest.LogCaptureFixture
) -> None:
    plan = plan_written(course=course_discharged_before_easter, author=therapist, finalise=False)
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(therapist)
    # when the therapist finalises while the broker is unreachable
    with broker_down():
        response = client.post(f"/api/v1/rehab/plans/{plan.pk}/finalise/")
    # then the answer is a success, the version is final in the database and the PDF waits
    assert response.status_code == 200, response.content
    version = PlanVersion.objects.get(plan=plan)
    assert version.state == PlanVersion.State.FINAL
    assert PlanPdf.objects.get(version=version).state == PlanPdf.State.PENDING
    assert "was not enqueued" in caplog.text
    # and a retry of the same request is the usual conflict, not a second finalisation
    assert client.post(f"/api/v1/rehab/plans/{plan.pk}/finalise/").status_code == 409
    # when the periodic pick-up runs while the PDF is still fresh, it leaves it to the first message
    assert render_pending_plan_pdfs() == 0
    # but once it has been pending for more than five minutes it is enqueued (and rendered: eager here)
    PlanPdf.objects.filter(version=version).update(requested_at=timezone.now() - timedelta(minutes=6))
    assert render_pending_plan_pdfs() == 1
    assert PlanPdf.objects.get(version=version).state == PlanPdf.State.READY


def test_the_pick_up_is_on_the_beat_schedule() -> None:
    schedule = celery_app.conf.beat_schedule
    assert any(entry["task"] == "rehab.tasks.render_pending_plan_pdfs" for entry in schedule.values())

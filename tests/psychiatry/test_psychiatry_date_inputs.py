"""The psychiatric course page's hand-written date fields read Danish dates like the other forms: the ward types
"10.04.2026 14.00" into a text field with the hint "dd.mm.åååå tt.mm", and a date that is no date is a Danish
message with a 400, never a 500."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from psychiatry.models import PsychiatricCourse
from tests.psychiatry.conftest import local

pytestmark = pytest.mark.django_db


def test_the_course_page_asks_for_danish_dates(
    client: Client, course: PsychiatricCourse, psychiatrist: User
) -> None:
    client.force_login(psychiatrist)
    page = client.get(f"/psykiatri/forloeb/{course.pk}/").content.decode()
    assert 'type="date"' not in page and "datetime-local" not in page
    assert 'id="agreed_at" name="agreed_at" aria-describedby="agreed_at-hint" required' in page
    assert '<span class="form-hint" id="agreed_at-hint">dd.mm.åååå tt.mm</span>' in page


@pytest.mark.parametrize(
    "typed", ["10.04.2026 14.00", "10-04-2026 14:00", "10.04.2026 kl. 14.00", "2026-04-10T14:00"]
)
def test_the_agreed_discharge_time_is_read_the_danish_way(
    client: Client, course: PsychiatricCourse, psychiatrist: User, typed: str
) -> None:
    client.force_login(psychiatrist)
    response = client.post(f"/psykiatri/forloeb/{course.pk}/udskrivningstidspunkt/", {"agreed_at": typed})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.agreed_discharge_at == local(2026, 4, 10, 14)


@pytest.mark.parametrize(
    ("action", "field", "typed", "message"),
    [
        (
            "udskrivningstidspunkt",
            "agreed_at",
            "04/10/2026 2:00 PM",
            "Skriv tidspunktet som dd.mm.åååå tt.mm",
        ),
        ("udskrivningstidspunkt", "agreed_at", "١٠.٠٤.٢٠٢٦ 14.00", "Skriv tidspunktet som dd.mm.åååå tt.mm"),
        ("boern", "concern_reported_on", "31.04.2026", "Skriv datoen som dd.mm.åååå"),
    ],
)
def test_a_bad_date_is_a_danish_message(
    client: Client,
    course: PsychiatricCourse,
    psychiatrist: User,
    action: str,
    field: str,
    typed: str,
    message: str,
) -> None:
    client.force_login(psychiatrist)
    data = {field: typed, "has_children": "ja", "concern_reported": "1"}
    response = client.post(f"/psykiatri/forloeb/{course.pk}/{action}/", data)
    assert response.status_code == 400
    assert message in response.content.decode()

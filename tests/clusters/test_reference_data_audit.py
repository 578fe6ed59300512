"""Writes to memberships and reference data are audited with before/after and the acting user."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.test import Client

from sundhedsaftale.deadlines.models import CalendarConventions, ClosedDay
from sundhedsaftale.organisations.models import Contact, Membership
from tests.factories import member, organisation_get

pytestmark = pytest.mark.django_db


def test_a_new_membership_is_audited() -> None:
    # when add_user's service makes a member of Randers visitation
    user = member("visitation", "730")
    # then the audit trail has the membership's creation
    membership = Membership.objects.get(user=user)
    created = LogEntry.objects.get_for_object(membership).get(action=LogEntry.Action.CREATE)
    assert created.changes_dict["role"] == ["None", "visitation"]


def test_a_phone_number_changed_in_the_admin_is_audited_with_before_after_and_who() -> None:
    # given the regional secretariat in the admin
    admin = member("regional_admin")
    client = Client()
    client.force_login(admin)
    # when the admin changes the contact's phone number
    contact = Contact.objects.filter(organisation=organisation_get("751")).first()
    assert contact is not None
    response = client.post(
        f"/admin/organisations/contact/{contact.pk}/change/",
        {
            "organisation": contact.organisation_id,
            "purpose": contact.purpose,
            "label": contact.label,
            "phone": "89 40 00 00",
            "email": contact.email,
            "address": contact.address,
            "notes": contact.notes,
            "opening_hours-TOTAL_FORMS": "0",
            "opening_hours-INITIAL_FORMS": "0",
        },
    )
    # then the change is kept with the old and the new number and the admin as actor
    assert response.status_code == 302
    update = LogEntry.objects.get_for_object(contact).get(action=LogEntry.Action.UPDATE)
    assert update.changes_dict["phone"] == [contact.phone, "89 40 00 00"]
    assert update.actor == admin


def test_a_closed_day_that_moves_deadlines_is_audited() -> None:
    closed = ClosedDay.objects.create(organisation=organisation_get("AUH"), day=date(2025, 8, 15))

    assert LogEntry.objects.get_for_object(closed).filter(action=LogEntry.Action.CREATE).exists()


def test_the_regional_secretariat_switches_a_calendar_convention_in_the_admin_and_it_is_audited() -> None:
    admin = member("regional_admin")
    client = Client()
    client.force_login(admin)

    # Unchecked boxes are not posted: Christmas Eve is switched to a working day, the rest stay on.
    response = client.post(
        "/admin/deadlines/calendarconventions/add/",
        {
            "region": organisation_get("1082").pk,
            "constitution_day_closed": "on",
            "new_years_eve_closed": "on",
            "may_day_open": "on",
            "move_off_closed_days": "on",
        },
    )

    assert response.status_code == 302
    conventions = CalendarConventions.objects.get(region__code="1082")
    assert conventions.christmas_eve_closed is False
    assert conventions.new_years_eve_closed is True
    created = LogEntry.objects.get_for_object(conventions).get(action=LogEntry.Action.CREATE)
    assert created.actor == admin

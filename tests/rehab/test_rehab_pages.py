"""The ward's editor (autosave and plain submit), the municipal inbox, the timeline, and scoping (404)."""

import pytest

from rehab.models import Plan, PlanType
from rehab.services import delivery_receive, plan_send
from sundhedsaftale.access.models import AccessLog
from tests.factories import member
from tests.factories.rehab import course_at, local, plan_written


def test_ward_creates_a_plan_prefilled_from_the_course(client, course_discharged_before_easter, therapist):
    client.force_login(therapist)
    response = client.post(f"/genoptraening/forloeb/{course_discharged_before_easter.pk}/ny-plan/")
    plan = Plan.objects.get(course=course_discharged_before_easter)
    assert response.status_code == 302 and response["Location"] == f"/genoptraening/plan/{plan.pk}/"
    version = plan.latest
    assert version.recipient_municipality_id == course_discharged_before_easter.citizen.municipality_id
    assert str(version.admission_date) == "2026-03-25" and str(version.discharge_date) == "2026-04-01"
    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="input changed delay:1s"' in page and "autosave" in page


def test_autosave_saves_valid_fields_and_reports_invalid_ones(
    client, course_discharged_before_easter, therapist
):
    plan = plan_written(course=course_discharged_before_easter, author=therapist, finalise=False)
    client.force_login(therapist)
    response = client.post(
        f"/genoptraening/plan/{plan.pk}/autosave/",
        {
            "health_state": "Ny tekst",
            "diagnosis_code": "S720",
            "secondary_0_code": "ikke en kode",
            "intervention_0_code": "blha",
            "intervention_0_text": "Gangtræning",
            "plan_type": "ZZ0175X",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Gemt kl." in response.content.decode() and "ugyldige" in response.content.decode()
    version = plan.latest
    version.refresh_from_db()
    assert version.health_state == "Ny tekst"
    assert (version.diagnosis_code, version.diagnosis_text) == (
        "S72.0",
        "Brud på lårbenshals (collum femoris)",
    )
    assert version.interventions == [{"code": "BLHA", "text": "Gangtræning"}]


def test_plain_submit_saves_and_finalises_without_javascript(
    client, course_discharged_before_easter, therapist
):
    plan = plan_written(course=course_discharged_before_easter, author=therapist, finalise=False)
    client.force_login(therapist)
    form = client.get(f"/genoptraening/plan/{plan.pk}/").context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "recipient_municipality": plan.latest.recipient_municipality_id,
            "plan_type": "ZZ0175X",
            "outpatient_control": "no",
            "finalise": "1",
            "secondary_0_code": "M80.0",
            "measurement_0_test": "TUG",
            "measurement_0_date": "2026-03-30",
            "measurement_0_score": "18 s",
        }
    )
    data = {k: v for k, v in data.items() if not hasattr(v, "pk")}
    for key in ("sender_department", "gp_practice", "recipient_hospital"):
        data.pop(key, None)
    response = client.post(f"/genoptraening/plan/{plan.pk}/gem/", data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.final is not None and plan.final.measurements[0]["score"] == "18 s"


def test_municipal_inbox_sorts_by_first_contact_deadline(client, therapist, visitator):
    deliveries = []
    # sent electronically after the discharge on 7 April (due Fri 10/4) and 1 April (due Thu 9/4, across
    # Easter): the delivery is the receipt; the acknowledgement afterwards moves nothing
    for day in (7, 1):
        course = course_at(
            admitted_at=local(2026, 3, 20, 8), discharged_at=local(2026, 3, 31, 10), state="discharged"
        )
        plan = plan_written(course=course, author=therapist)
        municipal = next(
            d
            for d in plan_send(
                plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, day, 9)
            )
            if d.recipient == "municipality"
        )
        delivery_receive(delivery=municipal, acting_user=visitator, at=local(2026, 4, 8, 9))
        deliveries.append(municipal)
    client.force_login(visitator)
    response = client.get("/genoptraening/indbakke/")
    rows = [d.pk for d in response.context["deliveries"]]
    assert rows == [deliveries[1].pk, deliveries[0].pk]
    body = response.content.decode()
    assert "torsdag 09.04.2026" in body and "fredag 10.04.2026" in body
    assert AccessLog.objects.filter(user_id=visitator.pk, what="Genoptræning: indbakke").count() == 2


def test_timeline_shows_the_rehab_events(client, course_discharged_before_easter, therapist, visitator):
    plan = plan_written(course=course_discharged_before_easter, author=therapist, plan_type=PlanType.GENERAL)
    municipal = next(
        d
        for d in plan_send(
            plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, 1, 9)
        )
        if d.recipient == "municipality"
    )
    delivery_receive(delivery=municipal, acting_user=visitator, at=local(2026, 4, 1, 12))
    client.force_login(visitator)
    body = client.get(f"/genoptraening/borger/{course_discharged_before_easter.citizen_id}/").content.decode()
    assert "færdiggjort" in body and "Sendt til Aarhus" in body and "Modtaget af Aarhus" in body


@pytest.mark.parametrize(
    "url",
    [
        "/genoptraening/plan/{plan}/",
        "/genoptraening/plan/{plan}/v1/",
        "/genoptraening/plan/{plan}/v1/pdf/",
        "/genoptraening/plan/{plan}/eksport.json",
        "/genoptraening/modtaget/{delivery}/",
        "/genoptraening/borger/{citizen}/",
    ],
)
def test_foreign_users_get_404(client, course_discharged_before_easter, therapist, url):
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    delivery = plan_send(
        plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, 1, 9)
    )[-1]
    client.force_login(member("visitation", "730"))  # Randers: not the citizen's municipality, not a receiver
    response = client.get(
        url.format(plan=plan.pk, delivery=delivery.pk, citizen=course_discharged_before_easter.citizen_id)
    )
    assert response.status_code == 404


def test_the_receiving_hospital_sees_a_specialised_plan_without_a_stay(
    client, course_discharged_before_easter, therapist
):
    plan = plan_written(
        course=course_discharged_before_easter,
        author=therapist,
        plan_type=PlanType.SPECIALISED,
        recipient_hospital=__import__("tests.factories", fromlist=["x"]).organisation_get("RHS"),
    )
    hospital = next(
        d
        for d in plan_send(
            plan=plan, acting_user=therapist, consent_municipality=False, at=local(2026, 4, 1, 9)
        )
        if d.recipient == "hospital"
    )
    client.force_login(member("ward_staff", "RHS"))
    assert client.get(f"/genoptraening/modtaget/{hospital.pk}/").status_code == 200
    assert client.get("/genoptraening/indbakke/").context["deliveries"][0].pk == hospital.pk
    client.force_login(member("ward_staff", "RHH"))
    assert client.get(f"/genoptraening/modtaget/{hospital.pk}/").status_code == 404


def test_receiving_and_contact_through_the_pages(
    client, course_discharged_before_easter, therapist, visitator
):
    plan = plan_written(course=course_discharged_before_easter, author=therapist)
    municipal = next(
        d
        for d in plan_send(
            plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, 1, 9)
        )
        if d.recipient == "municipality"
    )
    client.force_login(visitator)
    client.post(f"/genoptraening/modtaget/{municipal.pk}/kvitter/")
    municipal.refresh_from_db()
    assert municipal.received_at is not None
    client.post(
        f"/genoptraening/modtaget/{municipal.pk}/kontakt/",
        {
            "contacted_at": municipal.received_at.strftime("%d.%m.%Y %H.%M"),
            "method": "phone",
            "contacted_by_name": "Bo Lind",
            "offer_provider": "municipality",
            "offer_form": "individual",
        },
    )
    municipal.refresh_from_db()
    assert municipal.contacted_at is not None


def test_dashboard_and_ward_list_lead_to_the_plans(
    client, course_discharged_before_easter, therapist, visitator
):
    client.force_login(therapist)
    dashboard = client.get("/").content.decode()
    assert "/genoptraening/afdeling/" in dashboard
    ward = client.get("/genoptraening/afdeling/").content.decode()
    assert (
        course_discharged_before_easter.citizen.name in ward
        and "Ny genoptræningsplan" in ward
        and "bilag 3.10" in ward
    )
    client.force_login(visitator)
    assert "/genoptraening/indbakke/" in client.get("/").content.decode()


def test_capacity_notice_page_sends_and_flags_short_notice(client, visitator):
    from sundhedsaftale.organisations.models import Organisation

    client.force_login(visitator)
    auh = Organisation.objects.get(code="AUH")
    response = client.post(
        "/genoptraening/kapacitet/",
        {
            "kind": "taking_home",
            "receiver": auh.pk,
            "description": "Hjemtagning af skuldertræning",
            "effective_on": "2026-12-01",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "kort varsel" in body and "Hjemtagning af genoptræningsopgaver" in body


def test_specialised_hospital_sends_final_status_from_the_page(
    client, course_discharged_before_easter, therapist, hospital_therapist
):
    from rehab.models import FinalStatus
    from rehab.services import rehab_course_start

    plan = plan_written(
        course=course_discharged_before_easter, author=therapist, plan_type=PlanType.SPECIALISED
    )
    hospital = next(
        d
        for d in plan_send(
            plan=plan, acting_user=therapist, consent_municipality=True, at=local(2026, 4, 1, 9)
        )
        if d.recipient == "hospital"
    )
    delivery_receive(delivery=hospital, acting_user=hospital_therapist, at=local(2026, 4, 1, 10))
    rehab_course = rehab_course_start(
        plan=plan,
        acting_user=hospital_therapist,
        level="specialised",
        provider_kind="hospital",
        provider=hospital.organisation,
        started_on=local(2026, 4, 8).date(),
    )
    client.force_login(hospital_therapist)
    assert "Send slutstatus" in client.get(f"/genoptraening/modtaget/{hospital.pk}/").content.decode()
    client.post(
        f"/genoptraening/forloeb-genoptraening/{rehab_course.pk}/slutstatus/",
        {"summary": "Går 500 m", "ended_on": "2026-05-20"},
    )
    status = FinalStatus.objects.get(rehab_course=rehab_course)
    assert status.municipality_id == course_discharged_before_easter.citizen.municipality_id
    rehab_course.refresh_from_db()
    assert str(rehab_course.ended_on) == "2026-05-20"

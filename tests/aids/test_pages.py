"""The aids pages: the course's aids with the decision shown and overridable, the need's page where the
municipality lends and prints the loan slip, the worklist with ready-at-discharge, the dispute's page; foreign
rows are 404 and every read is access-logged."""

import io
from datetime import timedelta

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from admissions.models import Course
from aids import services
from aids.models import AidNeed, AidType, Dispute, Loan
from sundhedsaftale.access.models import AccessLog
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.workdays import local_date
from tests.factories import CitizenFactory
from tests.factories.rehab import course_at


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_ward_registers_a_need_and_sees_who_delivers_and_why(
    course: Course, rollator: AidType, ward: User
) -> None:
    client = _client(ward)

    page = client.get(f"/hjaelpemidler/forloeb/{course.pk}/").content.decode()
    assert "Registrér et behov" in page

    response = client.post(
        f"/hjaelpemidler/forloeb/{course.pk}/nyt-behov/",
        {
            "aid_type": rollator.pk,
            "situation": "general_rehab",
            "known_at_hospital": "on",
            "why": "Går usikkert",
        },
        follow=True,
    )

    body = response.content.decode()
    assert "Kommunen leverer, fordi aftalen (1.2 Kommunernes ansvarsområder)" in body
    assert AidNeed.objects.get(course=course).delivers == "municipality"


def test_an_override_without_a_reason_is_refused_in_danish(
    course: Course, rollator: AidType, ward: User
) -> None:
    response = _client(ward).post(
        f"/hjaelpemidler/forloeb/{course.pk}/nyt-behov/",
        {"aid_type": rollator.pk, "situation": "general_rehab", "delivers": "hospital"},
    )

    assert response.status_code == 400
    assert "Angiv en begrundelse, når ansvaret afviger fra aftalen." in response.content.decode()
    assert not AidNeed.objects.exists()


def test_the_decision_is_previewed_as_the_situation_is_chosen(ward: User) -> None:
    client = _client(ward)

    shown = client.get(
        "/hjaelpemidler/ansvar/",
        {"situation": "specialised_rehab", "treated_at": "", "known_at_hospital": "on"},
    )
    unknown = client.get(
        "/hjaelpemidler/ansvar/", {"situation": "awaiting_treatment", "treated_at": ""}
    )  # the box "kendt i hospitalsregi" is not ticked

    assert "Hospitalet leverer, fordi" in shown.content.decode()
    assert "Betaler: Kommunen." in shown.content.decode()
    assert "Hospitalet leverer ikke, fordi" in unknown.content.decode()


def test_the_municipality_lends_from_the_worklist_and_prints_the_loan_slip(
    course: Course, rollator: AidType, ward: User, depot_worker: User
) -> None:
    need = services.need_register(
        course=course, aid_type=rollator, situation="general_rehab", acting_user=ward
    )
    client = _client(depot_worker)

    worklist = client.get("/hjaelpemidler/").content.decode()
    assert f'href="/hjaelpemidler/behov/{need.pk}/"' in worklist
    assert "Mangler: Rollator" in worklist

    response = client.post(
        f"/hjaelpemidler/behov/{need.pk}/udlaan/",
        {
            "item_number": "R-10231",
            "contact_name": "Bo Depot",
            "contact_phone": "87131313",
            "instruction_given": "on",
            "follow_up_on": (local_date(timezone.now()) + timedelta(days=30)).strftime("%d.%m.%Y"),
        },
        follow=True,
    )
    assert "Udlånet er registreret (nr. R-10231)" in response.content.decode()
    loan = Loan.objects.get(need=need)

    slip = client.get(f"/hjaelpemidler/udlaan/{loan.pk}/laaneseddel.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(slip.content)).pages)
    assert slip["Content-Type"] == "application/pdf"
    for expected in ("Låneseddel", "Rollator", "R-10231", "Bo Depot", "87131313", "Inger Aidsen", "Vilkår"):
        assert expected in text
    assert "Klar: alle 1 leveret eller på vej" in client.get("/hjaelpemidler/").content.decode()


def test_only_the_deliverer_is_offered_the_loan_form(course: Course, rollator: AidType, ward: User) -> None:
    need = services.need_register(
        course=course, aid_type=rollator, situation="general_rehab", acting_user=ward
    )

    page = _client(ward).get(f"/hjaelpemidler/behov/{need.pk}/").content.decode()

    assert "Kommunen leverer, fordi" in page
    assert "Udlån med låneseddel" not in page
    assert _client(ward).post(f"/hjaelpemidler/behov/{need.pk}/lever/", {}).status_code == 400


def test_a_foreign_municipality_gets_404_and_the_reads_are_logged(
    course: Course, rollator: AidType, ward: User, visitator: User, foreign_visitator: User
) -> None:
    need = services.need_register(
        course=course, aid_type=rollator, situation="general_rehab", acting_user=ward
    )
    foreign = _client(foreign_visitator)

    assert foreign.get(f"/hjaelpemidler/behov/{need.pk}/").status_code == 404
    assert foreign.get(f"/hjaelpemidler/forloeb/{course.pk}/").status_code == 404
    assert need.aid_type.name not in foreign.get("/hjaelpemidler/").content.decode()

    assert _client(visitator).get(f"/hjaelpemidler/behov/{need.pk}/").status_code == 200
    assert AccessLog.objects.filter(user=visitator, citizen_id=course.citizen_id).exists()


def test_a_dispute_goes_up_the_ladder_on_its_page(
    course: Course, rollator: AidType, ward: User, visitator: User
) -> None:
    need = services.need_register(
        course=course, aid_type=rollator, situation="general_rehab", acting_user=ward
    )
    ward_client = _client(ward)

    opened = ward_client.post(
        f"/hjaelpemidler/behov/{need.pk}/tvivl/", {"question": "Almen eller specialiseret?"}, follow=True
    )
    dispute = Dispute.objects.get(need=need)
    assert "leverer i mellemtiden" in opened.content.decode()

    _client(visitator).post(
        f"/hjaelpemidler/tvivl/{dispute.pk}/forelaeg/",
        {"decision": "Ingen enighed lokalt", "to": "council"},
    )
    decided = ward_client.post(
        f"/hjaelpemidler/tvivl/{dispute.pk}/afgoer/",
        {"outcome": "municipality", "decision": "Almen genoptræning efter 1.2"},
        follow=True,
    ).content.decode()

    assert "Afgjort: Kommunen er ansvarlig" in decided
    assert "Regionalt Samarbejdsråd på hjælpemiddelområdet" in decided
    assert "Ingen enighed lokalt" in decided


def test_with_htmx_only_the_section_is_swapped_with_the_notice_in_it(
    course: Course, rollator: AidType, ward: User
) -> None:
    response = _client(ward).post(
        f"/hjaelpemidler/forloeb/{course.pk}/nyt-behov/",
        {"aid_type": rollator.pk, "situation": "home_nursing", "known_at_hospital": "on"},
        headers={"HX-Request": "true"},
    )

    body = response.content.decode()
    assert body.startswith('<div id="aids-section">')
    assert "Rollator er registreret. Kommunen leverer, fordi" in body


def test_the_gp_reads_the_citizens_aids_but_is_not_offered_to_register_one(
    practice: Organisation, gp: User
) -> None:
    course = course_at(citizen=CitizenFactory(name="Gerda Lægesen", gp_practice=practice), at="AUH-ORT")

    response = _client(gp).get(f"/hjaelpemidler/forloeb/{course.pk}/")

    assert response.status_code == 200
    assert "Gerda Lægesen" in response.content.decode()
    assert "Registrér et behov" not in response.content.decode()


def test_the_lender_records_the_return_on_the_needs_page(
    course: Course, rollator: AidType, ward: User, depot_worker: User
) -> None:
    need = services.need_register(
        course=course, aid_type=rollator, situation="general_rehab", acting_user=ward
    )
    loan = services.loan_create(
        need=need, acting_user=depot_worker, item_number="R-5", contact_name="Bo", contact_phone="8713"
    )
    client = _client(depot_worker)
    assert (
        "Retur af Rollator nr. R-5: hvordan"
        in client.get(f"/hjaelpemidler/behov/{need.pk}/").content.decode()
    )

    page = client.post(f"/hjaelpemidler/udlaan/{loan.pk}/retur/", {"kind": "collected"}, follow=True)

    body = page.content.decode()
    assert "Udlånet er afsluttet." in body
    assert "Afhentet af udlåner" in body
    assert "Retur af Rollator" not in body

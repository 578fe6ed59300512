"""One of every record a citizen's course can hold, written through the services as the parties would, for the
role × endpoint matrix (``tests/citizen_endpoints.py``) and the route-coverage walk."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.utils import timezone

from admissions import services as admissions
from admissions.models import AdmissionNotice, Course
from aids import services as aids
from aids.models import AidType
from aids.reference_data import aid_types_load
from discharge import services as discharge
from discharge.models import DischargePlan
from rehab import services as rehab
from sundhedsaftale.citizens.models import Citizen
from sundhedsaftale.deadlines.models import Deadline
from sundhedsaftale.workdays import local_date
from tests.factories import member, organisation_get
from tests.factories.deadlines import AlertFactory
from tests.factories.rehab import plan_written
from tests.prevention.records import prevention_records_create
from tests.psychiatry.records import psychiatric_records_create

ALERTED = "AUH-ORT"  # the ward the matrix's ward staff work at: the alerts of the records are addressed to it


def records_create(citizen: Citizen) -> None:
    """Give the citizen's first course one of each record: admission report, consent, information request,
    a message with an attachment, the discharge (plan, notification, finished treatment, conference, report,
    notice, epikrise when the citizen has a GP, the municipality's reply, a sudden change), a rehab plan sent to
    the municipality with first contact and a rehab course, an advance notice, aid needs
    (one lent, with a dispute; one missing at the discharge), and an alert at ``ALERTED``."""
    course = Course.objects.filter(citizen=citizen).order_by("pk").first()
    if course is None or DischargePlan.objects.filter(course=course).exists():
        return
    now = timezone.now()
    today = local_date(now)
    ward = member("ward_staff", course.department.code)
    municipality = citizen.municipality
    visitation = member("visitation", municipality.code)
    AdmissionNotice.objects.create(course=course, municipality=municipality, sent_at=course.admitted_at)
    admissions.admission_report_request(course=course, acting_user=ward)
    admissions.admission_report_submit(course=course, acting_user=visitation, functional_level="Selvhjulpen")
    admissions.consent_record(
        course=course, given_by="citizen", given_at=now, to_municipality=True, to_gp=True, acting_user=ward
    )
    admissions.information_request_send(
        course=course, recipient=municipality, question="Modtager borgeren hjemmepleje?", acting_user=ward
    )
    admissions.message_send(
        course=course,
        category="discharge",
        recipient=municipality,
        body="Se vedlagte notat.",
        author_phone="78450000",
        acting_user=ward,
        attachments=[SimpleUploadedFile("notat.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")],
    )
    plan = discharge.discharge_plan_save(
        course=course,
        functional_ability="reduced",
        need="home_care",
        planned_date=today + timedelta(days=3),
        acting_user=ward,
    )
    notification = discharge.discharge_notification_send(
        plan=plan, text="Forventet udskrivning.", acting_user=ward
    )
    weekday = today - timedelta(days=max(0, today.weekday() - 4))
    discharge.finished_treatment_record(
        course=course, finished_on=weekday, doctor_name="Overlæge Per Holm", acting_user=ward
    )
    discharge.discharge_conference_schedule(
        course=course,
        kind="phone",
        scheduled_at=now + timedelta(hours=2),
        participants="Hjemmeplejen",
        acting_user=ward,
    )
    discharge.municipal_reply_send(
        course=course, answer="ready", notification=notification, acting_user=visitation
    )
    discharge.discharge_report_send(
        course=course, functional_level="Går med rollator", nursing="Sårpleje", acting_user=ward
    )
    discharge.sudden_change_report(
        course=course, kind="condition", description="Feber", occurred_at=now, acting_user=ward
    )
    discharge.discharge_time_propose(  # the 2021 dialogue: the municipality asks for a day more
        course=course,
        proposed_date=today + timedelta(days=4),
        reason="Hjemmeplejen kan først starte dagen efter",
        acting_user=visitation,
    )
    rehab.advance_notice_send(course=course, acting_user=ward, diagnosis_code="S72.0")
    written = plan_written(course=course, author=ward)
    deliveries = rehab.plan_send(plan=written, acting_user=ward, consent_municipality=True)
    delivery = next(d for d in deliveries if d.organisation_id == municipality.pk)
    rehab.delivery_receive(delivery=delivery, acting_user=visitation)
    rehab.first_contact_record(
        delivery=delivery,
        acting_user=visitation,
        contacted_at=timezone.now(),
        method="phone",
        contacted_by_name="Terapeut",
    )
    rehab.rehab_course_start(
        plan=written,
        acting_user=visitation,
        level="general",
        provider_kind="municipality",
        provider=municipality,
        started_on=today,
    )
    aid_types_load()  # a transactional test emptied the catalogue the migration loaded
    rollator = AidType.objects.get(code="rollator")
    need = aids.need_register(
        course=course,
        aid_type=rollator,
        situation="general_rehab",
        acting_user=ward,
    )
    aids.loan_create(
        need=need, acting_user=visitation, item_number="R-1", contact_name="Depotet", contact_phone="87130000"
    )
    aids.dispute_open(need=need, acting_user=ward, question="Er det almen eller specialiseret genoptræning?")
    aids.need_register(  # still missing at the discharge below: an alert to both parties
        course=course,
        aid_type=rollator,
        situation="lasting_reduced_function",
        needed_from=today,
        acting_user=ward,
    )
    discharge.discharge_notice_send(course=course, discharged_at=now, acting_user=ward)
    aids.missing_aid_alerts_raise()
    if citizen.gp_practice_id:
        discharge.discharge_letter_send(course=course, summary="Hoftebrud, opereret.", acting_user=ward)
    deadline = Deadline.objects.filter(citizen=citizen).order_by("pk").first()
    AlertFactory.create(deadline=deadline, organisation=organisation_get(ALERTED))
    psychiatric_records_create(citizen, course)
    prevention_records_create(citizen, course)


def first_of[M: Model](
    model: type[M], citizen: Citizen, path: str = "course__citizen", **extra: object
) -> M | None:
    """The citizen's first ``model`` row (by ``path``), or None when it has none."""
    return model._default_manager.filter(**{path: citizen}, **extra).order_by("pk").first()

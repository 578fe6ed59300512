from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sundhedsaftale.organisations.models import Contact, Organisation
from sundhedsaftale.organisations.selectors import contact_is_open, contact_list
from sundhedsaftale.requests import AppRequest


def contact_list_view(request: AppRequest) -> HttpResponse:
    """Kontaktliste: the annexes' contact data, searchable, with whether each phone is open now.

    Public reference data (no citizen data), so it needs no log-in, like the printed pocket edition.
    """
    search = request.GET.get("q", "")
    purpose = request.GET.get("formaal", "")
    now = timezone.now()
    organisations = list(contact_list(search=search, purpose=purpose))
    rows = [
        {
            "organisation": organisation,
            "contacts": [
                {"contact": contact, "open_now": contact_is_open(contact=contact, at=now)}
                for contact in organisation.contacts.all()
            ],
            # a municipality whose out-of-hours nursing number is not known says so ("ikke oplyst")
            "out_of_hours_unknown": organisation.kind == Organisation.Kind.MUNICIPALITY
            and purpose in ("", Contact.Purpose.OUT_OF_HOURS)
            and not any(c.purpose == Contact.Purpose.OUT_OF_HOURS for c in organisation.contacts.all()),
        }
        for organisation in organisations
    ]
    template = "clusters/contact_list.html#results" if request.htmx else "clusters/contact_list.html"
    return render(
        request,
        template,
        {"rows": rows, "search": search, "purpose": purpose, "purposes": Contact.Purpose.choices, "now": now},
    )

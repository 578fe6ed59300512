"""Looking ICD-10 and SKS codes up as the therapist types (htmx), or by a plain search without JavaScript."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rehab.code_search import CodeLookupForm, code_search
from sundhedsaftale.access.throttles import UserRateThrottle
from sundhedsaftale.requests import AppRequest


@login_required
@require_GET
def code_lookup(request: AppRequest) -> HttpResponse:
    """The codes matching ``q`` in the list ``kind``: htmx gets the list of choices beside the plan's field,
    a plain request the search page. Throttled per user like the API; a bad query (too long, NUL) is a 400.
    Reads no citizen's data, so nothing is access-logged."""
    throttle = UserRateThrottle()
    if not throttle.allow_request(request, None):  # it reads the user and META only
        response = HttpResponse("For mange opslag – vent lidt og prøv igen.", status=429)
        response["Retry-After"] = str(int(throttle.wait() or 60))
        return response
    form = CodeLookupForm(request.GET or {"kind": "icd10"})
    valid = form.is_valid()
    query = form.cleaned_data.get("q", "") if valid else ""
    codes = code_search(query=query, kind=form.cleaned_data["kind"]) if valid else []
    context = {"form": form, "codes": codes, "query": query, "searched": bool(query)}
    status = 200 if valid else 400
    if request.htmx:
        return render(request, "rehab/code_lookup.html#results", context, status=status)
    return render(request, "rehab/code_lookup.html", context, status=status)

"""The offer catalogue: for everyone logged in (htmx live filtering, the cluster at a glance), a public
read-only copy without log-in, the providers' forms, and CSV export and import.

No page here shows a citizen: offers name none."""

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from prevention import services
from prevention.forms import CatalogueFilterForm, CsvImportForm, OfferForm, ReferralForm
from prevention.models import Offer
from prevention.models.offers import KRAM_FIELDS
from prevention.permissions import may_maintain_offer, may_refer
from prevention.selectors import offer_filters_from, offer_list
from sundhedsaftale.access.throttles import AnonRateThrottle
from sundhedsaftale.errors import DomainError
from sundhedsaftale.forms import form_add_domain_error
from sundhedsaftale.organisations.actor import actor_of
from sundhedsaftale.organisations.models import Organisation
from sundhedsaftale.requests import AppRequest
from sundhedsaftale.workdays import local_date

PAGE = 200  # offers on one page: the region's catalogue is a few hundred


def _municipalities() -> list[tuple[str, str]]:
    return list(
        Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
        .order_by("name")
        .values_list("code", "name")
    )


def _cluster_of(organisation: Organisation | None) -> Organisation | None:
    if organisation is None:
        return None
    if organisation.kind == Organisation.Kind.CLUSTER:
        return organisation
    hospital = organisation.hospital
    return (hospital or organisation).cluster


def _catalogue_context(request: HttpRequest) -> dict[str, Any]:
    actor = actor_of(request)
    filters = offer_filters_from(request.GET)
    offers = list(offer_list(actor=actor, filters=filters, on=local_date(timezone.now()))[: PAGE + 1])
    cluster = (
        Organisation.objects.filter(pk=filters.cluster, kind="cluster").first() if filters.cluster else None
    )
    by_provider: dict[Organisation, list[Offer]] = defaultdict(list)
    if cluster is not None:
        for offer in offers:
            by_provider[offer.provider].append(offer)
    overview = [
        {
            "provider": provider,
            "count": len(items),
            "kram": [any(key in o.kram for o in items) for key in KRAM_FIELDS],
            "programmes": sorted({o.get_programme_display() for o in items if o.programme}),
        }
        for provider, items in sorted(by_provider.items(), key=lambda item: str(item[0]))
    ]
    return {
        "offers": offers[:PAGE],
        "more": len(offers) > PAGE,
        "form": CatalogueFilterForm(request.GET or None, municipalities=_municipalities()),
        "cluster": cluster,
        "overview": overview,
        "query": request.GET.urlencode(),
    }


@login_required
def catalogue(request: AppRequest) -> HttpResponse:
    """Search and filter the shared catalogue; an htmx request gets the result rows only."""
    context = _catalogue_context(request)
    own_cluster = _cluster_of(request.actor.acting_organisation)
    context |= {
        "own_cluster": own_cluster,
        "may_add": request.actor.is_regional_admin
        or (
            request.actor.acting_organisation is not None
            and request.actor.reads_personal_data
            and request.actor.acting_organisation.kind
            in {"municipality", "hospital", "department", "practice"}
        ),
        "public": False,
    }
    template = "prevention/catalogue.html#results" if request.htmx else "prevention/catalogue.html"
    return render(request, template, context)


def _throttled(request: HttpRequest) -> HttpResponse | None:
    """Anonymous requests count against the same per-address rate as the API's anonymous requests."""
    throttle = AnonRateThrottle()
    if throttle.allow_request(request, None):  # it reads user and META only
        return None
    response = render(request, "prevention/throttled.html", status=429)
    response["Retry-After"] = str(int(throttle.wait() or 60))
    return response


def public_catalogue(request: HttpRequest) -> HttpResponse:
    """The catalogue for citizens and anyone else, without log-in: offers only, nothing about anyone."""
    if (refused := _throttled(request)) is not None:
        return refused
    context = _catalogue_context(request) | {"public": True}
    template = (
        "prevention/catalogue.html#results"
        if getattr(request, "htmx", False)
        else "prevention/catalogue.html"
    )
    return render(request, template, context)


def _offer_or_404(pk: int, *, public: bool) -> Offer:
    rows = Offer.objects.select_related("provider__parent")
    if public:
        rows = rows.active(local_date(timezone.now()))
    return get_object_or_404(rows, pk=pk)


def public_offer(request: HttpRequest, pk: int) -> HttpResponse:
    if (refused := _throttled(request)) is not None:
        return refused
    return render(request, "prevention/offer.html", {"offer": _offer_or_404(pk, public=True), "public": True})


@login_required
def offer_detail(request: AppRequest, pk: int) -> HttpResponse:
    offer = _offer_or_404(pk, public=False)
    actor = request.actor
    return render(
        request,
        "prevention/offer.html",
        {
            "offer": offer,
            "public": False,
            "may_edit": may_maintain_offer(actor=actor, provider=offer.provider),
            "may_refer": may_refer(actor) and offer.accepts_referrals,
            "refer_form": ReferralForm(initial={"offer": offer.pk}),
        },
    )


def _providers(request: AppRequest) -> list[Organisation]:
    """The organisations the user may add offers for: its own, or for the region every provider."""
    actor = request.actor
    if actor.is_regional_admin:
        return list(
            Organisation.objects.filter(kind__in=["municipality", "hospital", "practice"]).order_by(
                "kind", "name"
            )
        )
    organisation = actor.acting_organisation
    return (
        [organisation]
        if organisation is not None and may_maintain_offer(actor=actor, provider=organisation)
        else []
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request: AppRequest) -> HttpResponse:
    providers = _providers(request)
    if not providers:
        return HttpResponseForbidden("Kun udbydere (kommuner, hospitaler, praksis) opretter tilbud.")
    form = OfferForm(request.POST or None, initial={"active_from": local_date(timezone.now())})
    chosen = request.POST.get("provider", "") if request.method == "POST" else ""
    provider = next((p for p in providers if p.code == chosen), providers[0])
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_create(
                provider=provider,
                data=form.service_data(),
                acting_user=request.user,
                organisation=request.actor.acting_organisation,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, "Tilbuddet er oprettet i kataloget.")
            return redirect("prevention-offer", pk=offer.pk)
    return render(
        request, "prevention/offer_form.html", {"form": form, "providers": providers, "provider": provider}
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: AppRequest, pk: int) -> HttpResponse:
    offer = _offer_or_404(pk, public=False)
    if not may_maintain_offer(actor=request.actor, provider=offer.provider):
        return HttpResponseForbidden("Kun udbyderen retter tilbuddet.")
    form = OfferForm(request.POST or None, initial=OfferForm.initial_of(offer))
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_update(
                offer=offer,
                data=form.service_data(),
                acting_user=request.user,
                organisation=request.actor.acting_organisation,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, "Tilbuddet er opdateret.")
            return redirect("prevention-offer", pk=offer.pk)
    return render(
        request,
        "prevention/offer_form.html",
        {"form": form, "offer": offer, "providers": [offer.provider], "provider": offer.provider},
    )


@login_required
def offers_export(request: AppRequest) -> HttpResponse:
    """The catalogue (with the current filters) as CSV; cells a spreadsheet would run are neutralised."""
    filters = offer_filters_from(request.GET)
    offers = offer_list(actor=request.actor, filters=filters, on=local_date(timezone.now()))
    response = HttpResponse(services.offers_export_csv(offers), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="forebyggelsestilbud.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def offers_import(request: AppRequest) -> HttpResponse:
    """Import offers from CSV: every row right, or nothing imported and every error listed by line."""
    form = CsvImportForm(request.POST or None, request.FILES or None)
    errors: list[services.RowError] = []
    problem = ""
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read(services.offer_csv.MAX_BYTES + 1)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            problem = "Filen skal være gemt som UTF-8 (CSV UTF-8 i regnearket)."
        else:
            try:
                saved = services.offers_import_csv(
                    text=text, acting_user=request.user, organisation=request.actor.acting_organisation
                )
            except services.OfferImportError as error:
                problem, errors = error.message, error.rows
            else:
                messages.success(request, f"{len(saved)} tilbud er indlæst.")
                return redirect("prevention-catalogue")
    status = 400 if problem else 200
    return render(
        request, "prevention/import.html", {"form": form, "problem": problem, "errors": errors}, status=status
    )

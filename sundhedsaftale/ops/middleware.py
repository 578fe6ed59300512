"""Two guards around every request: refuse what no view can use before it is read, and keep health data out of
every cache.

``request_guard_middleware`` sits early in the chain: a body larger than the limits is refused on its
Content-Length before a byte of it is read (413), and a NUL byte in the query string or a form body is refused
(400), since no field may hold one and the database refuses them. The API gets JSON (``detail``, ``code``,
``errors``), people get a Danish page.

``no_store_middleware`` marks every response to an authenticated request ``Cache-Control: no-store, private``
(citizen pages, PDFs, attachments, exports and API answers alike). Anonymous responses (static files, the
public "Frister" page and rule catalogue) are left as the view made them, so they stay cacheable.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

Handler = Callable[[HttpRequest], HttpResponse]

NO_STORE = "no-store, private"
FORM_TYPES = ("application/x-www-form-urlencoded",)


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def refusal(request: HttpRequest, *, status: int, code: str, detail: str) -> HttpResponse:
    """The error answer in the form the client reads: JSON under /api/, the Danish error page otherwise."""
    if is_api(request):
        return JsonResponse({"detail": detail, "code": code, "errors": {}}, status=status)
    return render(request, "kernel/request_refused.html", {"detail": detail}, status=status)


def body_limit(request: HttpRequest) -> int:
    """The most a body may hold: uploads (multipart) may carry attachments, anything else is fields only."""
    if request.content_type == "multipart/form-data":
        return int(settings.REQUEST_MAX_BYTES)
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def _has_nul(text: str | bytes) -> bool:
    if isinstance(text, bytes):
        return b"\x00" in text or b"%00" in text.lower()
    return "\x00" in text or "%00" in text.lower()


def request_guard_middleware(get_response: Handler) -> Handler:
    def middleware(request: HttpRequest) -> HttpResponse:
        raw_length = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw_length)
        except ValueError:
            length = -1
        if length < 0:
            return refusal(request, status=400, code="bad_request", detail="Ugyldig Content-Length.")
        limit = body_limit(request)
        if length > limit:
            megabytes = f"{limit / (1024 * 1024):.0f}"
            return refusal(
                request,
                status=413,
                code="request_too_large",
                detail=f"Forespørgslen er for stor: højst {megabytes} MB.",
            )
        if _has_nul(request.META.get("QUERY_STRING", "")) or (
            request.content_type in FORM_TYPES and length and _has_nul(request.body)
        ):
            return refusal(
                request, status=400, code="invalid", detail="Forespørgslen indeholder et ugyldigt tegn (NUL)."
            )
        return get_response(request)

    return middleware


def no_store_middleware(get_response: Handler) -> Handler:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            response["Cache-Control"] = NO_STORE
            del response["Expires"]
        return response

    return middleware

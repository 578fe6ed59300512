"""Correspondence threads: read, reply, forward, attachments."""

from contextlib import suppress

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render

from admissions import forms as f
from admissions import selectors, services
from admissions.parties import course_related_organisations
from admissions.views.common import active_organisation
from sundhedsaftale.access.services import access_log_record
from sundhedsaftale.errors import DomainError
from sundhedsaftale.forms import form_add_domain_error
from sundhedsaftale.requests import AppRequest

FORWARD_IDS = "forward_%s"  # the forwarding form's field ids, apart from the reply form's on the same page


@login_required
def thread_detail(request: AppRequest, pk: int) -> HttpResponse:
    """The thread's messages; opening it marks the messages to the user's organisation read. The last
    message to the organisation can be answered, any message forwarded."""
    thread = selectors.thread_get(actor=request.actor, pk=pk)
    course = thread.course
    access_log_record(request=request, citizen_ids=[course.citizen_id], what="Korrespondance", action="view")
    organisation = active_organisation(request)
    thread_messages = selectors.thread_messages(actor=request.actor, thread=thread)
    to_us = [m for m in thread_messages if organisation is not None and m.recipient_id == organisation.pk]
    last_to_us = to_us[-1] if to_us else None
    recipients = [o for o in course_related_organisations(course=course) if o != organisation]
    forward = request.POST.get("activity") == "forward"
    # the reply and the forwarding are two forms on one page: each has its own ids, so each label finds its field
    form = f.MessageReplyForm(
        request.POST or None,
        request.FILES or None,
        recipients=recipients,
        forward=forward,
        auto_id=FORWARD_IDS if forward else "id_%s",
    )
    if request.method == "POST" and form.is_valid():
        previous = next((m for m in thread_messages if str(m.pk) == request.POST.get("previous")), None)
        if previous is None:  # not a message of this thread that the user may read
            raise Http404
        data = form.cleaned_data
        try:
            if forward:
                services.message_forward(
                    message=previous,
                    recipient=data["recipient"],
                    body=data["body"],
                    author_phone=data["author_phone"],
                    attachments=data["attachments"],
                    acting_user=request.user,
                    organisation=organisation,
                )
            else:
                services.message_reply(
                    message=previous,
                    body=data["body"],
                    author_phone=data["author_phone"],
                    attachments=data["attachments"],
                    acting_user=request.user,
                    organisation=organisation,
                )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, "Meddelelsen er sendt.")
            return redirect("thread-detail", thread.pk)
    elif request.method == "GET" and to_us:
        # a reader who acts for no party of the course (a regional admin) marks nothing
        with suppress(DomainError):
            services.thread_mark_read(thread=thread, acting_user=request.user, organisation=organisation)
    context = {
        "thread": thread,
        "course": course,
        "citizen": course.citizen,
        "thread_messages": thread_messages,
        "last_to_us": last_to_us,
        "form": form,
        "forward_form": f.MessageReplyForm(recipients=recipients, forward=True, auto_id=FORWARD_IDS),
        "forwarding": forward,
        "last": thread_messages[-1] if thread_messages else None,
    }
    return render(request, "admissions/thread_detail.html", context, status=400 if form.errors else 200)


@login_required
def attachment_download(request: AppRequest, pk: int) -> FileResponse:
    """The attachment, if its course is visible (404 otherwise); the download is access-logged."""
    attachment = selectors.attachment_get(actor=request.actor, pk=pk)
    access_log_record(
        request=request,
        citizen_ids=[attachment.message.course.citizen_id],
        what=f"Bilag {attachment.filename}",
        action="export",
    )
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=True,
        filename=attachment.filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response

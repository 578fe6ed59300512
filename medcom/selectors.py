"""Read use-cases of the MedCom logs."""

import copy
from typing import Any

from django.db.models import QuerySet

from medcom.fhir.codes import CPR_SYSTEM
from medcom.models import InboundMessage, OutboundMessage
from sundhedsaftale.organisations.actor import Actor


def inbound_list(
    *, actor: Actor, organisation_id: int | None = None, event: str = "", outcome: str = ""
) -> QuerySet[InboundMessage]:
    """The received messages the actor may see, newest first, filtered by organisation (sender or receiver, or a
    receiving unit's municipality), event and outcome. Duplicates are listed with their original."""
    rows = InboundMessage.objects.visible_to(actor).select_related("sender", "receiver")
    if organisation_id:
        rows = (
            rows.filter(sender_id=organisation_id)
            | rows.filter(receiver_id=organisation_id)
            | rows.filter(receiver__parent_id=organisation_id)
        )
    if event:
        rows = rows.filter(event=event)
    if outcome:
        rows = rows.filter(outcome=outcome)
    return rows.order_by("-received_at", "-pk")


def outbound_list(
    *, actor: Actor, organisation_id: int | None = None, event: str = "", state: str = ""
) -> QuerySet[OutboundMessage]:
    rows = OutboundMessage.objects.visible_to(actor).select_related("receiver")
    if organisation_id:
        rows = rows.filter(receiver_id=organisation_id) | rows.filter(receiver__parent_id=organisation_id)
    if event:
        rows = rows.filter(event=event)
    if state:
        rows = rows.filter(state=state)
    return rows.order_by("-created_at", "-pk")


PATIENT_LEFT_OUT = "[patientoplysninger udeladt]"
TEXT_LEFT_OUT = "[tekst udeladt]"


def bundle_redacted(bundle: Any) -> Any:
    """The Bundle as the log page shows it: its structure, codes, organisations and times, with every trace of
    the citizen left out (the Patient reduced to its id, CPR numbers, narratives, message texts, topics and
    attachments removed). The regional secretariat runs the integrations; it reads no citizen through them."""
    if not isinstance(bundle, dict):
        return bundle
    redacted = copy.deepcopy(bundle)
    stack: list[Any] = [redacted]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("resourceType") in ("Patient", "RelatedPerson"):
                for key in list(item):
                    if key not in ("resourceType", "id", "meta"):
                        del item[key]
                item["_udeladt"] = PATIENT_LEFT_OUT
                continue
            if isinstance(item.get("text"), dict) and "div" in item["text"]:
                del item["text"]
            if item.get("system") == CPR_SYSTEM:
                item["value"] = TEXT_LEFT_OUT
            if "contentString" in item:
                item["contentString"] = TEXT_LEFT_OUT
            if isinstance(item.get("contentAttachment"), dict):
                item["contentAttachment"].pop("data", None)
                item["contentAttachment"].pop("title", None)
            if isinstance(item.get("topic"), dict) and "text" in item["topic"]:
                item["topic"]["text"] = TEXT_LEFT_OUT
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return redacted

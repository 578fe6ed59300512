"""Writes to the MedCom logs and endpoints are audited (django-auditlog): a re-processed message, a delivery
endpoint changed by the regional secretariat. The Bundles themselves are not copied into the audit rows."""

from auditlog.registry import auditlog


def register() -> None:
    from medcom.models import DeliveryEndpoint, InboundMessage, OutboundMessage

    auditlog.register(InboundMessage, exclude_fields=["bundle", "issues"])
    auditlog.register(OutboundMessage, exclude_fields=["bundle"])
    auditlog.register(DeliveryEndpoint, exclude_fields=["authorization"])

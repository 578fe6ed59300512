from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_delete, post_save


class AccessConfig(AppConfig):
    name = "sundhedsaftale.access"
    label = "access"
    verbose_name = "Adgang og adgangslog"

    def ready(self) -> None:
        from sundhedsaftale.access import signals

        post_save.connect(
            signals.revoke_token_on_password_change,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="access-token-password",
        )
        post_delete.connect(
            signals.revoke_token_on_membership_removal,
            sender="organisations.Membership",
            dispatch_uid="access-token-membership",
        )

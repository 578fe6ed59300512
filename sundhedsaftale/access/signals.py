"""Revoke a user's API token when the password changes or a membership is removed."""

from typing import Any

from sundhedsaftale.access.tokens import token_revoke


def revoke_token_on_password_change(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    # ``set_password`` keeps the new raw password in ``_password`` until ``save`` has run.
    if not created and getattr(instance, "_password", None) is not None:
        token_revoke(user_id=instance.pk)


def revoke_token_on_membership_removal(sender: Any, instance: Any, **kwargs: Any) -> None:
    token_revoke(user_id=instance.user_id)

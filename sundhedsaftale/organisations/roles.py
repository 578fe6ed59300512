"""Roles a member has in an organisation, and what each role may do.

Who sees which citizen is decided by the organisation (its kind), not by the role; the role decides
whether personal data is shown at all and which actions are offered.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WARD_STAFF = "ward_staff", _("Afdelingspersonale")
    VISITATION = "visitation", _("Visitator")
    GP = "gp", _("Praktiserende læge")
    STEERING_GROUP = "steering_group", _("Klyngestyregruppe")
    REGIONAL_ADMIN = "regional_admin", _("Regional administrator")
    INTEGRATION = "integration", _("Integration (REST-klient)")


# Steering groups review aggregated key figures only: never a CPR number or a name.
ROLES_WITHOUT_PERSONAL_DATA = frozenset({Role.STEERING_GROUP})

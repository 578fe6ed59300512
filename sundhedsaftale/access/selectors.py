from django.db.models import QuerySet

from sundhedsaftale.access.models import AccessLog


def access_log_for_citizen(*, citizen_id: int) -> QuerySet[AccessLog]:
    """Return every recorded read of the citizen's data, newest first, with the reading organisation."""
    return (
        AccessLog.objects.filter(citizen_id=citizen_id).select_related("organisation").order_by("-at", "-id")
    )

import django_filters
from rest_framework import viewsets

from clusters.api.serializers import OrganisationSerializer
from sundhedsaftale.organisations.models import Organisation


class OrganisationFilter(django_filters.FilterSet):
    class Meta:
        model = Organisation
        fields = {"kind": ["exact"], "code": ["exact"], "cluster__code": ["exact"], "parent__code": ["exact"]}


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations of the agreements (reference data, no personal data): readable by every signed-in user."""

    queryset = Organisation.objects.filter(is_active=True).select_related("parent", "cluster")
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    lookup_field = "code"

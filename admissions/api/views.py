import django_filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view

from admissions.api.serializers import CitizenDetailSerializer, CitizenSerializer
from sundhedsaftale.api.viewsets import ReadOnlyVisibleViewSet
from sundhedsaftale.citizens.cpr import cpr_compact
from sundhedsaftale.citizens.models import Citizen

NOT_FOUND = OpenApiResponse(description="Ukendt, eller ikke synlig for brugerens organisationer.")


class CitizenFilter(django_filters.FilterSet):
    cpr = django_filters.CharFilter(method="filter_cpr", label="CPR-nummer (med eller uden bindestreg)")
    municipality = django_filters.CharFilter(field_name="municipality__code")

    class Meta:
        model = Citizen
        fields = ["cpr", "municipality"]

    def filter_cpr(self, queryset, name, value):
        return queryset.filter(cpr=cpr_compact(value))


@extend_schema_view(
    list=extend_schema(summary="Borgere, som brugerens organisationer må se"),
    retrieve=extend_schema(
        summary="Én borger, med hvorfor brugerens organisation må se den (access_basis)",
        responses={200: CitizenDetailSerializer, 404: NOT_FOUND},
    ),
)
class CitizenViewSet(ReadOnlyVisibleViewSet):
    queryset = Citizen.objects.all()
    serializer_class = CitizenSerializer
    filterset_class = CitizenFilter
    citizen_id_path = "pk"

    def get_serializer_class(self):
        return CitizenDetailSerializer if self.action == "retrieve" else CitizenSerializer

    def scope_queryset(self, queryset):
        return queryset.select_related("municipality", "gp_practice")

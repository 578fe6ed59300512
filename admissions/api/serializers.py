from rest_framework import serializers

from admissions.models import Citizen


class CitizenSerializer(serializers.ModelSerializer):
    cpr = serializers.CharField(source="cpr_display", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    gp_practice = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Citizen
        fields = ["id", "cpr", "name", "municipality", "gp_practice", "address", "phone", "deceased_at"]

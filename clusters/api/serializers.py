from rest_framework import serializers

from sundhedsaftale.organisations.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    parent: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )  # type: ignore[assignment]
    cluster: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "code",
            "kind",
            "name",
            "parent",
            "cluster",
            "inhabitants",
            "address",
            "phone",
            "email",
        ]

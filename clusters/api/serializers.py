from rest_framework import serializers

from clusters.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    cluster = serializers.SlugRelatedField(slug_field="code", read_only=True)

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

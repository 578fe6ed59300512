"""Indexes for the name search: a btree on ``name`` (its order: a common name stops at the first page of hits) and
a trigram index for the name search (``CitizenQuerySet.search``: ``UPPER(name) LIKE UPPER('%word%')``), on
PostgreSQL only (bench/README.md, "At the region's scale"): without it the search reads all citizens.

SQLite (the embedded default and the fast test runs) has no ``pg_trgm``: both steps are skipped there. The index
is kept out of ``Citizen.Meta.indexes`` on purpose, so the model state is the same on both backends and
``makemigrations --check`` stays clean on either.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

# The expression is the one Django's icontains writes on PostgreSQL, UPPER("name"::text), so the planner can use
# the index for it. Plain SQL: GinIndex(OpClass(...)) needs django.contrib.postgres installed as an app.
CREATE = 'CREATE INDEX IF NOT EXISTS citizen_name_upper_trgm ON admissions_citizen USING gin (UPPER("name") gin_trgm_ops)'
DROP = "DROP INDEX IF EXISTS citizen_name_upper_trgm"


def create_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0003_care_relation_current_by_org"),
    ]

    operations = [
        TrigramExtension(),  # a no-op on any backend but PostgreSQL (CreateExtension checks the vendor)
        migrations.RunPython(create_index, drop_index, elidable=False),
        migrations.AddIndex(
            model_name="citizen", index=models.Index(fields=["name"], name="citizen_by_name")
        ),
    ]

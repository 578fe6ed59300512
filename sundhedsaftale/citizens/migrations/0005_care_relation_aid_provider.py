from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0004_citizen_name_trigram"),
    ]

    operations = [
        migrations.AlterField(
            model_name="carerelation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("admitted", "Indlagt eller behandlet på hospitalet"),
                    ("resident", "Bopælskommune"),
                    ("listed_gp", "Egen læge"),
                    ("plan_receiver", "Modtager af genoptræningsplan"),
                    ("referral_receiver", "Modtager af henvisning"),
                    ("purpose_lookup", "Opslag med formål"),
                    ("aid_provider", "Leverandør af hjælpemiddel eller behandlingsredskab"),
                ],
                max_length=20,
                verbose_name="grundlag",
            ),
        ),
    ]

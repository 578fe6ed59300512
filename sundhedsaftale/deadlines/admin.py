from django.contrib import admin

from sundhedsaftale.deadlines.models import ClosedDay, RuleSetAdoption

admin.site.register(RuleSetAdoption)
admin.site.register(ClosedDay)

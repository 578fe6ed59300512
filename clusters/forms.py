from django import forms
from django.utils.translation import gettext_lazy as _

from clusters.models import ClusterNotice
from sundhedsaftale.forms import DesignSystemForm, date_field


class MeetingForm(DesignSystemForm):
    title = forms.CharField(label=_("Titel"), max_length=200, initial=_("Klyngestyregruppemøde"))
    held_on = date_field(_("Dato"))
    agenda = forms.CharField(
        label=_("Øvrige punkter på dagsordenen"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Nøgletal, kapacitetsmeddelelser og uenigheder om hjælpemidler er faste punkter."),
    )


class MinutesForm(DesignSystemForm):
    minutes = forms.CharField(label=_("Referat"), required=False, widget=forms.Textarea(attrs={"rows": 8}))


class DecisionForm(DesignSystemForm):
    text = forms.CharField(label=_("Beslutning"), widget=forms.Textarea)
    owner = forms.CharField(label=_("Ansvarlig"), max_length=200)
    due_on = date_field(_("Frist"))


class FollowUpForm(DesignSystemForm):
    follow_up = forms.CharField(label=_("Opfølgning"), widget=forms.Textarea)
    done_on = date_field(_("Fulgt op den"))


class NoticeForm(DesignSystemForm):
    kind = forms.ChoiceField(label=_("Type"), choices=ClusterNotice.Kind.choices)
    title = forms.CharField(label=_("Overskrift"), max_length=200)
    text = forms.CharField(label=_("Beskrivelse"), widget=forms.Textarea)
    valid_from = date_field(_("Gælder fra"))
    valid_until = date_field(_("Gælder til"), required=False)

"""Forms of the wiki: they check the shape of what was typed; the services check the rest (addresses,
sizes, conflicts) and their errors are added back onto these forms, next to the right field."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html

from .attachments import accept_attribute, human_size, max_bytes
from .services import MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH


def _body_help() -> str:
    return format_html(
        "Format with Markdown. Link to another page with <code>[[Page title]]</code>, or "
        "<code>[[address/of/page|words to show]]</code>. "
        '<a href="{}">How to write in the wiki</a>.',
        reverse("guides:users_page", args=["wiki"]),
    )


class BodyField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Page text")
        kwargs.setdefault("strip", False)
        kwargs.setdefault(
            "widget", forms.Textarea(attrs={"rows": 20, "class": "wiki-editor", "spellcheck": "true"})
        )
        super().__init__(**kwargs)


class SummaryField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Summary of your change")
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", MAX_SUMMARY_LENGTH)
        kwargs.setdefault(
            "help_text", "A few words for the page's history, for example “Added the 2014 dates”."
        )
        super().__init__(**kwargs)


TITLE_HELP = "The page's address is made from its title: “Meeting notes” lives at meeting-notes."
PARENT_HELP = (
    "To put this page inside another one, enter that page's address, for example institutes/2013. "
    "Leave it empty for a top-level page."
)


class PageCreateForm(forms.Form):
    title = forms.CharField(label="Title", max_length=MAX_TITLE_LENGTH, help_text=TITLE_HELP)
    parent = forms.CharField(label="Inside which page", required=False, max_length=255, help_text=PARENT_HELP)
    path = forms.CharField(required=False, widget=forms.HiddenInput, max_length=255)
    body = BodyField()
    summary = SummaryField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _body_help()


class PageEditForm(forms.Form):
    body = BodyField()
    summary = SummaryField()
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    # The page the text was written for: its address may have been given to another page meanwhile.
    page_id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _body_help()


class PageRenameForm(forms.Form):
    title = forms.CharField(label="New title", max_length=MAX_TITLE_LENGTH, help_text=TITLE_HELP)
    parent = forms.CharField(label="Inside which page", required=False, max_length=255, help_text=PARENT_HELP)
    move_subpages = forms.BooleanField(
        label="Also move the pages inside this one", required=False, initial=True
    )
    summary = SummaryField(label="Why you are renaming it")


class RevertForm(forms.Form):
    summary = SummaryField(
        label="Why you are reverting",
        help_text="For the page's history, for example “Undo accidental deletion of the agenda”.",
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label="File to attach")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = accept_attribute()
        self.fields["file"].help_text = (
            "Images (PNG, JPEG, GIF, WebP), PDF, Word, Excel, PowerPoint, OpenDocument, text and CSV files, "
            f"up to {human_size(max_bytes())}."
        )

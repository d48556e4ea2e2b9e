"""Helpers every form page shares."""


def form_status(*forms) -> int:
    """The status of a page that shows ``forms``: 400 when one was sent and refused (it is shown again with
    its errors and what was typed), else 200. ``None`` entries (forms not on the page) are skipped."""
    refused = any(form is not None and form.is_bound and form.errors for form in forms)
    return 400 if refused else 200

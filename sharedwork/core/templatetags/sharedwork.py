"""Template tags available in every template (registered as builtins in settings)."""

from urllib.parse import urlencode

from django import template

from sharedwork.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text or "")


@register.simple_tag(takes_context=True)
def can(context, action, obj=None):
    """``{% can "community.manage" community as may_manage %}``: the one permission policy, in templates."""
    from sharedwork.communities.permissions import can as policy_can

    request = context.get("request")
    user = getattr(request, "user", None)
    return policy_can(user, action, obj)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed, for pagination links that keep filters."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(params, doseq=True) if params else "?"

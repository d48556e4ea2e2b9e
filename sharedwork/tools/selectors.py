"""Reads about which tools a community uses. Activations are loaded once per community object."""

from sharedwork.communities.models import ToolActivation

from .registry import registry


def _activations(community) -> dict:
    cached = getattr(community, "_tool_activations", None)
    if cached is None:
        cached = {a.tool_slug: a for a in ToolActivation.objects.filter(community=community)}
        community._tool_activations = cached
    return cached


def forget_activations(community) -> None:
    if hasattr(community, "_tool_activations"):
        del community._tool_activations


def tool_activation(community, slug) -> ToolActivation | None:
    return _activations(community).get(slug)


def tool_is_enabled(community, slug) -> bool:
    activation = tool_activation(community, slug)
    return slug in registry and activation is not None and activation.enabled


def tool_label(community, tool) -> str:
    activation = tool_activation(community, tool.slug)
    return (activation.label if activation and activation.label else tool.label) or tool.slug


def tool_settings(community, tool) -> dict:
    activation = tool_activation(community, tool.slug)
    return {**tool.default_settings, **((activation.settings or {}) if activation else {})}


def enabled_tools(community) -> list[dict]:
    """The community's navigation: enabled tools in the moderators' order, with their labels."""
    rows = []
    for slug, activation in _activations(community).items():
        tool = registry.get(slug)
        if tool is not None and activation.enabled:
            rows.append((activation.position, slug, tool, activation))
    rows.sort(key=lambda row: (row[0], row[1]))
    return [
        {"tool": tool, "slug": slug, "label": activation.label or tool.label, "activation": activation}
        for _, slug, tool, activation in rows
    ]


def all_tools_for_manage(community) -> list[dict]:
    """Every registered tool, enabled or not, for the moderators' tools page, in the community's order."""
    acts = _activations(community)
    rows = []
    for tool in registry.all():
        activation = acts.get(tool.slug)
        rows.append(
            {
                "tool": tool,
                "slug": tool.slug,
                "enabled": bool(activation and activation.enabled),
                "label": (activation.label if activation else "") or "",
                "position": activation.position if activation else 1000,
                "activation": activation,
            }
        )
    rows.sort(key=lambda r: (r["position"], r["tool"].label))
    return rows

"""The tool framework: what a tool declares.

A tool is a Django app under ``sharedwork/tools/<slug>/`` with a ``tool.py`` that defines one ``Tool``
subclass. The registry finds it at start-up; the URLconf mounts its URL patterns under
``/c/<community>/<slug>/``; the permission policy learns its actions; the home page offers its blocks;
search reads its documents; the demo seeder asks it for demo content. Nothing else needs wiring.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ToolAction:
    """A permission action a tool adds to the policy.

    ``default`` is the lowest role level that gets it: "viewer" (whoever may see the community's
    content), "member", "moderator" or "owner". ``write`` actions are refused in archived communities.
    ``configurable`` lets moderators change the level per community (tool settings page).
    """

    label: str
    default: str = "member"
    write: bool = True
    configurable: bool = False


@dataclass(frozen=True)
class HomeBlockKind:
    """A block a tool offers for community home pages. ``template`` receives ``community``, ``block``,
    ``viewer`` and whatever ``context(community, viewer, block)`` returns."""

    kind: str
    label: str
    template: str
    context: object = None  # callable(community, viewer, block) -> dict
    help_text: str = ""


@dataclass
class SearchDocument:
    """What search indexes of one item: its title and text, where it lives, and who may see it."""

    title: str
    body: str
    url: str
    community_id: int
    obj: object = None
    extra: dict = field(default_factory=dict)


class Tool:
    slug: str = ""
    label: str = ""
    description: str = ""
    icon: str = ""  # name of an icon in static/img/icons/
    enabled_by_default: bool = False
    actions: dict[str, ToolAction] = {}
    # verb -> sentence with {actor} and {target}, e.g. "wiki.page_created": "{actor} created the page {target}"
    activity_verbs: dict[str, str] = {}
    home_blocks: list[HomeBlockKind] = []
    # settings the tool's settings form edits, with defaults
    default_settings: dict = {}

    def urlpatterns(self) -> list:
        """URL patterns relative to ``/c/<community>/<slug>/``. Views receive ``request.community`` and
        ``request.tool_activation``; the mount has already checked the viewer may see the content."""
        return []

    def object_rule(self, actor, action: str, obj) -> bool:
        """Extra object-level condition after the role check (e.g. a locked page). Default: allow."""
        return True

    def search_documents(self, community, since=None):
        """Yield ``SearchDocument`` for the community's content (for the search that indexes)."""
        return []

    def seed_demo(self, community, people: dict) -> None:
        """Create demo content in ``community``. ``people`` maps demo emails to users. Idempotent."""

    def __repr__(self):
        return f"<Tool {self.slug}>"

"""The tool registry: every ``Tool`` subclass found in ``sharedwork/tools/*/tool.py``."""

from contextlib import contextmanager
from importlib import import_module

from django.apps import apps


class ToolRegistry:
    def __init__(self):
        self._tools = {}

    def register(self, tool_class):
        tool = tool_class() if isinstance(tool_class, type) else tool_class
        if not tool.slug or not tool.slug.isidentifier():
            raise ValueError(f"Tool {tool!r} needs a slug that is a Python identifier")
        if tool.slug in self._tools and type(self._tools[tool.slug]) is not type(tool):
            raise ValueError(f"Two tools claim the slug {tool.slug!r}")
        self._tools[tool.slug] = tool
        from sharedwork.communities.permissions import register_tool_actions

        register_tool_actions(tool)
        return tool_class

    def get(self, slug):
        return self._tools.get(slug)

    def all(self):
        return list(self._tools.values())

    def slugs(self):
        return list(self._tools)

    def __contains__(self, slug):
        return slug in self._tools

    def autodiscover(self):
        from .base import Tool

        for config in apps.get_app_configs():
            if not config.name.startswith("sharedwork.tools."):
                continue
            try:
                module = import_module(f"{config.name}.tool")
            except ModuleNotFoundError as exc:
                if exc.name == f"{config.name}.tool":
                    continue
                raise
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, Tool) and value is not Tool and value.slug:
                    self.register(value)

    @contextmanager
    def override(self, *tools):
        """Tests: register extra tools for the duration (URLs are rebuilt by ``mount.reload_urls``)."""
        saved = dict(self._tools)
        try:
            for tool in tools:
                self.register(tool)
            yield self
        finally:
            self._tools = saved


registry = ToolRegistry()

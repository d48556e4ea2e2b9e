from django.apps import AppConfig


class ToolsConfig(AppConfig):
    name = "sharedwork.tools"
    label = "tools"

    def ready(self):
        from .registry import registry

        registry.autodiscover()

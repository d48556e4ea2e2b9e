from django.apps import AppConfig


class WikiConfig(AppConfig):
    name = "sharedwork.tools.wiki"
    label = "wiki"

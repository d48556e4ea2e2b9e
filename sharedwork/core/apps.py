from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sharedwork.core"
    label = "core"

    def ready(self):
        # Every form CharField refuses NUL bytes (PostgreSQL cannot store them) with this validator; its
        # stock message ("Null characters are not allowed.") means nothing to most people. One place, so
        # every form of the product, the admin included, says it the same plain way.
        from django.core.validators import ProhibitNullCharactersValidator

        ProhibitNullCharactersValidator.message = (
            "This text contains an invisible “null” character, which can come with pasted text. "
            "Type that part again."
        )

from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Sign in with email address and password. ``username`` carries the email (Django's convention)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip()
        if not email or password is None:
            return None
        from .ratelimit import address_is_paused

        if request is not None and address_is_paused(request):
            # Every sign-in path (the site's form, the Django admin, any later one) passes here, so the
            # per-address limit cannot be side-stepped; the site's form says why (accounts.views.signin).
            return None
        from .models import User

        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            User().set_password(password)  # same work for unknown emails: no timing difference
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

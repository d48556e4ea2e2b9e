"""Small helpers for the accounts tests: pictures made in memory and links read from sent mail."""

import io
import re

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def picture_bytes(fmt="PNG", size=(400, 300), color=(200, 40, 40), exif=False) -> bytes:
    image = Image.new("RGB", size, color)
    output = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCameraMaker"  # Make
        data[0x0131] = "GPS-Tracking-Software"  # Software
        kwargs["exif"] = data.tobytes()
    image.save(output, format=fmt, **kwargs)
    return output.getvalue()


def upload(name="me.png", content=None, content_type="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content if content is not None else picture_bytes(), content_type=content_type
    )


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


def link_in(message, fragment) -> str:
    """The first link in the mail's body whose path contains ``fragment``, as a path (no host)."""
    for url in re.findall(r"https?://\S+", message.body):
        if fragment in url:
            return re.sub(r"^https?://[^/]+", "", url)
    raise AssertionError(f"No link with {fragment!r} in: {message.body}")

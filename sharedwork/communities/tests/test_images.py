"""``images.clean_logo``: PNG, JPEG or WebP by content, at most 2 MB, re-encoded to 512 px, no metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sharedwork.communities.images import MAX_LOGO_BYTES, clean_logo, content_type_for


def picture(fmt="PNG", size=(64, 48), mode="RGB", **save_args) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else None).save(buffer, format=fmt, **save_args)
    return buffer.getvalue()


def upload(data: bytes, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize(("fmt", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_png_jpeg_and_webp_are_accepted_and_named_by_their_real_type(fmt, extension):
    cleaned = clean_logo(upload(picture(fmt), name="whatever.bin", content_type="application/octet-stream"))
    assert cleaned.name.endswith(f".{extension}")
    assert Image.open(io.BytesIO(cleaned.read())).format == fmt
    assert (
        content_type_for(cleaned.name)
        == {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}[extension]
    )


def test_large_pictures_are_shrunk_to_fit_in_512_pixels_keeping_their_shape():
    cleaned = clean_logo(upload(picture(size=(2048, 1024))))
    assert Image.open(io.BytesIO(cleaned.read())).size == (512, 256)


def test_small_pictures_are_not_enlarged():
    cleaned = clean_logo(upload(picture(size=(40, 40))))
    assert Image.open(io.BytesIO(cleaned.read())).size == (40, 40)


def test_metadata_is_stripped():
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    exif[0x8825] = {1: "N"}  # GPS info
    data = picture("JPEG", exif=exif.tobytes())
    assert b"secret description" in data
    cleaned = clean_logo(upload(data, name="photo.jpg", content_type="image/jpeg")).read()
    assert b"secret description" not in cleaned
    assert not Image.open(io.BytesIO(cleaned)).getexif()


def test_png_text_chunks_are_stripped():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Jane Private")
    cleaned = clean_logo(upload(picture("PNG", pnginfo=info))).read()
    assert b"Jane Private" not in cleaned


def test_transparency_survives_in_png():
    cleaned = clean_logo(upload(picture("PNG", mode="RGBA"))).read()
    assert Image.open(io.BytesIO(cleaned)).mode == "RGBA"


def test_a_file_over_two_megabytes_is_refused_with_its_size():
    with pytest.raises(ValidationError) as excinfo:
        clean_logo(upload(b"\x89PNG" + b"0" * (MAX_LOGO_BYTES + 10)))
    assert "the limit is 2 MB" in excinfo.value.messages[0]


@pytest.mark.parametrize(
    "data",
    [
        b"GIF89a" + b"\x00" * 100,
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"%PDF-1.4 not a picture",
        b"\x89PNG\r\n\x1a\n broken",
    ],
)
def test_anything_but_a_readable_png_jpeg_or_webp_is_refused(data):
    with pytest.raises(ValidationError):
        clean_logo(upload(data, name="logo.png"))


def test_a_gif_named_png_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        clean_logo(upload(picture("GIF"), name="logo.png"))
    assert "PNG, JPEG or WebP" in excinfo.value.messages[0]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError):
        clean_logo(upload(b""))


def test_a_picture_claiming_huge_dimensions_is_refused_before_decoding():
    data = picture("PNG", size=(10000, 10000), mode="1")
    with pytest.raises(ValidationError):
        clean_logo(upload(data))


def test_the_content_type_is_read_from_the_first_bytes():
    from sharedwork.communities.images import sniff_content_type

    assert sniff_content_type(picture("PNG")[:12]) == "image/png"
    assert sniff_content_type(picture("JPEG")[:12]) == "image/jpeg"
    assert sniff_content_type(picture("WEBP")[:12]) == "image/webp"
    assert sniff_content_type(b"<svg xmlns=") is None

import pytest
from django.core.exceptions import ValidationError

from sharedwork.tools.wiki.paths import (
    RESERVED_SEGMENTS,
    ancestors,
    link_target,
    path_for,
    slug_from_title,
    validate_path,
)


def test_title_makes_a_lowercase_hyphenated_address():
    assert (
        slug_from_title("7th Annual Capacity Building Institute") == "7th-annual-capacity-building-institute"
    )


def test_accented_letters_become_plain_letters():
    assert slug_from_title("Educación especial") == "educacion-especial"


def test_page_inside_another_gets_the_parents_address_first():
    assert path_for("Charlotte", "institutes/2013") == "institutes/2013/charlotte"


def test_parent_address_is_tidied_before_use():
    assert path_for("Charlotte", " /Institutes/2013/ ") == "institutes/2013/charlotte"


@pytest.mark.parametrize("segment", sorted(RESERVED_SEGMENTS))
def test_reserved_words_cannot_be_a_title(segment):
    with pytest.raises(ValidationError) as error:
        path_for(segment.capitalize())
    assert "a word the wiki uses for its own pages" in str(error.value)


def test_reserved_word_is_refused_at_any_depth():
    with pytest.raises(ValidationError, match="its own pages"):
        validate_path("institutes/history/notes")


def test_title_without_letters_or_digits_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError, match="at least one letter or number"):
        path_for("???")


@pytest.mark.parametrize("bad", ["a b", "a_b", "a//b", "a/", "-a", "a--b", "a/<script>", "ä", "a.b"])
def test_bad_characters_in_an_address_are_refused(bad):
    with pytest.raises(ValidationError) as error:
        validate_path(bad)
    assert "address" in str(error.value)


def test_parent_with_bad_characters_is_refused_on_the_parent_field():
    with pytest.raises(ValidationError) as error:
        path_for("Notes", "my folder!")
    assert "parent" in error.value.error_dict


def test_too_deep_nesting_is_refused():
    with pytest.raises(ValidationError, match="at most 8 levels"):
        validate_path("/".join("abcdefghi"))


def test_too_long_address_is_refused():
    with pytest.raises(ValidationError, match="too long"):
        validate_path("/".join(["a" * 70] * 4))


def test_wiki_link_to_a_title_points_at_its_top_level_address():
    assert link_target("Who cares about this issue and why?") == "who-cares-about-this-issue-and-why"


def test_wiki_link_with_slashes_is_a_nested_address():
    assert link_target("Institutes/2013/Charlotte") == "institutes/2013/charlotte"


@pytest.mark.parametrize("text", ["edit", "???", "a//b", ""])
def test_wiki_link_that_cannot_name_a_page_has_no_target(text):
    assert link_target(text) is None


def test_ancestors_of_a_nested_address():
    assert ancestors("institutes/2013/charlotte") == ["institutes", "institutes/2013"]

"""The generic registry: duplicates refused, unknown names listed with the closest match, lazy loading."""

import pytest

from common.registry import Registry, UnknownName


def _registry() -> Registry:
    reg = Registry("widget", "plants[].widget")
    reg.add("alpha", "math:sqrt", summary="square root", needs_labels=True)
    reg.add("beta", "math:floor", summary="floor", needs_labels=False)
    return reg


def test_names_meta_and_lazy_load():
    reg = _registry()
    assert reg.names() == ["alpha", "beta"]
    assert reg.names(needs_labels=True) == ["alpha"]
    assert reg.get("alpha").needs_labels is True
    assert reg.load("alpha")(9.0) == 3.0
    assert "alpha" in reg and "gamma" not in reg and len(reg) == 2
    assert reg.help_text().splitlines() == ["alpha: square root", "beta: floor"]


def test_duplicate_and_bad_target_refused():
    reg = _registry()
    with pytest.raises(ValueError, match="already registered"):
        reg.add("alpha", "math:ceil", summary="again")
    with pytest.raises(ValueError, match="module:attribute"):
        reg.add("gamma", "math.ceil", summary="no colon")


def test_unknown_name_lists_known_and_closest():
    with pytest.raises(UnknownName) as caught:
        _registry().get("alpah")
    message = str(caught.value)
    assert "unknown widget 'alpah' at plants[].widget" in message
    assert "did you mean 'alpha'" in message and "known: alpha, beta" in message


def test_broken_target_names_the_entry():
    reg = Registry("widget", "x")
    reg.add("broken", "math:no_such_function", summary="broken")
    with pytest.raises(AttributeError, match="registry entry 'broken'"):
        reg.load("broken")


def test_remove_unregisters_and_refuses_an_unknown_name():
    reg = _registry()
    assert reg.remove("alpha").summary == "square root"
    assert reg.names() == ["beta"] and "alpha" not in reg
    with pytest.raises(UnknownName, match="unknown widget 'alpha'"):
        reg.remove("alpha")
    reg.add("alpha", "math:ceil", summary="registered again")  # the name is free again
    assert reg.load("alpha")(1.5) == 2

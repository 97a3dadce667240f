"""The model card prints counts as integers (``n_test`` 150, not 150.0000) and rates with four decimals."""

from client.export import card_value


def test_counts_are_integers_and_rates_keep_four_decimals() -> None:
    assert card_value("n_test", 150.0) == "150" and card_value("n_test", 150) == "150"
    assert card_value("accuracy", 0.68) == "0.6800" and card_value("accuracy", 1.0) == "1.0000"
    assert card_value("n_test", 150.5) == "150.5000"  # not a count after all: shown as it is
    assert card_value("note", "n/a") == "n/a"

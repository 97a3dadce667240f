"""The report's headline: per plant the kept model against local-only (or chance), and the ε it ran under."""

from typing import Any

from server import report
from server.report_headline import (
    HELPED,
    HURT,
    NO_LABELS,
    NO_LABELS_CHANCE,
    NOT_EVALUATED,
    ONE_CLASS,
    SAME,
    plain_headline,
    verdicts,
)

CLASSES = ["normal", "inner", "outer", "ball", "imbalance"]


def _plant(local: float | None, chosen: float | None, *, labelled: int = 60, kept: str = "federated_personalised",
           metric: str = "accuracy") -> dict[str, Any]:
    metrics = {}
    if local is not None:
        metrics["local_only"] = {metric: local, "n_test": 150}
    if chosen is not None:
        metrics["chosen"] = {metric: chosen, "n_test": 150}
    return {"status": "ok", "n_train": 600, "n_train_labelled": labelled, "n_test": 150, "metrics": metrics,
            "transfer": {"model_choice": {"chosen": kept}}}


def _results(privacy: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "schema": "factoryfl-results/v1", "scenario_name": "story", "task": "classification", "class_names": CLASSES,
        "privacy": privacy or {"enabled": False},
        "plants": {
            "few-labels": _plant(0.52, 0.64),
            "same": _plant(0.90, 0.90, kept="local_only"),
            "worse": _plant(0.90, 0.85),
            "no-labels": _plant(None, 0.70, labelled=0, kept="federated_adapted"),
            "no-labels-lost": _plant(None, 0.20, labelled=0, kept="federated_global"),
        },
    }


def test_each_plant_gets_its_verdict_and_gain_in_points() -> None:
    found = {v.plant: v for v in verdicts(_results(), {})}
    assert [found[p].outcome for p in found] == [HELPED, SAME, HURT, NO_LABELS, NO_LABELS_CHANCE]
    assert round(found["few-labels"].delta or 0, 6) == 12.0
    assert round(found["worse"].delta or 0, 6) == -5.0
    assert round(found["no-labels"].delta or 0, 6) == 50.0  # against chance, 1/5
    assert found["no-labels"].kept == "federated_adapted" and found["same"].kept == "local_only"


def test_headline_sits_at_the_top_and_says_where_federation_did_not_help() -> None:
    md = report.render_markdown(_results(), {})
    head = md.split("## Headline", 1)[1].split("\n## ", 1)[0]
    assert md.index("## Headline") < md.index("- **Scenario:**") < md.index("## Per-plant results")
    assert "**Federation helped 2 of 5 plants**" in head
    assert "`few-labels` +12.0 points" in head
    assert "`no-labels`, with no labels of its own, 70.0 %, chance 20.0 %" in head
    assert "no difference at `same`" in head
    assert "below local-only on test: `worse` -5.0 points" in head
    assert "`no-labels-lost` stayed at chance" in head
    assert "without differential privacy" in head
    assert "| no-labels | none | chance 20.0 % | federated + adapted | 70.0 % | +50.0 points | — |" in head


def test_headline_names_epsilon_delta_and_privacy_unit() -> None:
    privacy = {"enabled": True, "unit": "one window of 1024 samples", "delta": 1e-5}
    results = _results(privacy)
    for pid, eps in zip(results["plants"], (1.5, 2.0, 2.45, 1.0, 1.2)):
        results["plants"][pid]["privacy"] = {"epsilon": eps, "delta": 1e-5}
    md = report.render_markdown(results, {})
    head = md.split("## Headline", 1)[1].split("\n## ", 1)[0]
    assert "under ε ≤ 2.45 per plant (δ = 1e-05; privacy unit: one window of 1024 samples)" in head
    assert "| worse | 60 | 90.0 % | federated + personalised | 85.0 % | -5.0 points | 2.45 | hurt |" in head
    # the run's privacy block without δ (as a simulation writes it): the plants' common δ, in the report and
    # in the terminal's sentence alike
    del results["privacy"]["delta"]
    assert "(δ = 1e-05; privacy unit" in report.render_markdown(results, {})
    assert "(δ = 1e-05; privacy unit" in plain_headline(results)
    # each plant its own δ (a plant's default is 1/(10·n)): the largest, the weakest guarantee, is stated as a bound
    results["plants"]["worse"]["privacy"]["delta"] = 2e-5
    assert "(δ ≤ 2e-05 (each plant's own); privacy unit" in plain_headline(results)
    md = report.render_markdown(results, {})
    assert "- **δ:** ≤ 2e-05 (each plant's own)" in md and "(plant `worse`), at δ = 2e-05." in md


def test_regression_counts_a_lower_rmse_as_a_gain() -> None:
    results = {"task": "regression", "privacy": {"enabled": False},
               "plants": {"site": _plant(20.0, 15.5, metric="rmse"), "other": _plant(10.0, 12.0, metric="rmse")}}
    found = {v.plant: v for v in verdicts(results, {})}
    assert found["site"].outcome == HELPED and round(found["site"].delta or 0, 6) == 4.5
    assert found["other"].outcome == HURT
    head = report.render_markdown(results, {}).split("## Headline", 1)[1]
    assert "`site` 4.5 lower RMSE" in head and "`other` 2 worse RMSE" in head


def test_a_run_without_local_only_says_it_cannot_tell() -> None:
    results = {"task": "classification", "plants": {"p": {"status": "ok", "n_train_labelled": 10,
                                                          "metrics": {"chosen": {"accuracy": 0.8}}}}}
    assert [v.outcome for v in verdicts(results, {})] == [NOT_EVALUATED]
    assert "cannot say whether federation helped" in report.render_markdown(results, {})


def test_many_plants_keep_the_headline_short() -> None:
    plants = {f"p{i:03d}": _plant(0.5, 0.5 + (0.1 if i % 2 else 0.0), kept="local_only") for i in range(100)}
    results = {"task": "classification", "class_names": CLASSES, "plants": plants}
    md = report.render_markdown(results, {})
    head = md.split("## Headline", 1)[1].split("\n## ", 1)[0]
    assert "**Federation helped 50 of 100 plants**" in head and "and 30 more)" in head
    assert "`p038` and 30 more (kept model scores as local-only does)" in head
    assert head.count("\n| p") == 20 and "…and 80 more plants" in head


def test_an_unlabelled_plant_reports_the_model_its_guard_kept() -> None:
    """What an unlabelled plant releases is its guard's verdict, not a candidate name: the source-only model it
    falls back on is the federated global model, the adapted one the federated + adapted."""
    results = _results()
    for pid, guard, kept in (("no-labels", "adapted", "federated_adapted"),
                             ("no-labels-lost", "source_only", "federated_global")):
        results["plants"][pid]["transfer"] = {"model_choice": {"guard": guard, "guard_reason": "…"}}
        assert {v.plant: v for v in verdicts(results, {})}[pid].kept == kept


def test_a_plant_with_labels_for_one_class_is_not_judged_on_accuracy() -> None:
    """A normal-only plant's test split holds normal windows alone, where a one-class local model is right by
    construction: its 97 % against local-only's 100 % is not 'hurt', and it is not counted among the judged."""
    results = _results()
    normal_only = _plant(1.0, 0.97)
    normal_only["labelled_classes"] = ["normal"]
    results["plants"] = {"few-labels": results["plants"]["few-labels"], "normal-only": normal_only}
    found = {v.plant: v for v in verdicts(results, {})}
    assert found["normal-only"].outcome == ONE_CLASS and found["few-labels"].outcome == HELPED
    head = report.render_markdown(results, {}).split("## Headline", 1)[1].split("\n## ", 1)[0]
    assert "**Federation helped 1 of 1 plants**" in head
    assert "`normal-only` has labels for one class only" in head and "did not help" not in head
    two_labelled = _plant(0.90, 0.85)
    two_labelled["labelled_classes"] = ["normal", "inner"]
    results["plants"]["normal-only"] = two_labelled
    assert {v.plant: v for v in verdicts(results, {})}["normal-only"].outcome == HURT

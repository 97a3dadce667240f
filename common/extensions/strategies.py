"""Registry of aggregation strategies (``federation.strategy.name``).

Each entry's ``target`` is a class under ``server/strategies/`` with ``from_config(cfg)`` that
aggregates the round's accepted updates (``server.strategies.base.Aggregator``). Facts:
``robust`` (bounds the effect of a few arbitrary updates), for robust ones ``cost`` (what the
robustness costs), and ``works_with_dp_sgd`` (False where the plant-side objective falls outside
DP-SGD's per-sample clipping, so a DP scenario refuses it), and ``works_with_secure_aggregation``
(True where it needs only the weighted sum of the updates, which secure aggregation reveals;
absent: refused with ``federation.secure_aggregation``). Adding a strategy: one module under
``server/strategies/`` plus one ``STRATEGIES.add(...)`` here.
"""

from common.registry import Registry

STRATEGIES = Registry(
    "aggregation strategy", "federation.strategy.name",
    "How the coordinator turns the plants' updates into the next shared parameters.",
)

STRATEGIES.add("fedavg", "server.strategies.fedavg:FedAvg", robust=False, works_with_secure_aggregation=True,
               summary="example-weighted mean of the plants' parameters (McMahan et al. 2017)")
STRATEGIES.add("fedprox", "server.strategies.fedprox:FedProx", robust=False, works_with_dp_sgd=False,
               works_with_secure_aggregation=True,
               summary="FedAvg aggregate; each plant adds the proximal term mu/2·|w - w_global|² (proximal_mu)")
STRATEGIES.add("fedadam", "server.strategies.fedadam:FedAdam", robust=False, works_with_secure_aggregation=True,
               summary="server-side Adam on the mean update (server_learning_rate, beta_1, beta_2, tau)")
STRATEGIES.add("fedmedian", "server.strategies.fedmedian:FedMedian", robust=True,
               cost="ignores example counts; a sort over plants per coordinate",
               summary="coordinate-wise median of the plants' parameters (Yin et al. 2018)")
STRATEGIES.add("fedtrimmedavg", "server.strategies.fedtrimmedavg:FedTrimmedAvg", robust=True,
               cost="ignores example counts; drops 2·floor(trim_fraction·K) values per coordinate",
               summary="coordinate-wise mean after trimming trim_fraction of each tail (Yin et al. 2018)")

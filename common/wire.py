"""Every key and message type that crosses the wire between coordinator and plants, named once.

Records in a message: ``ARRAYS`` (shared parameters only), ``CONFIG`` (instructions or a
plant's declared facts), ``METRICS`` (numbers a plant releases).
"""

from __future__ import annotations

# Record names inside a Message's RecordDict.
ARRAYS = "arrays"
CONFIG = "config"
METRICS = "metrics"

# Message types (Flower: "<category>.<action>").
MSG_HELLO = "query.hello"
MSG_PRETRAIN = "train"
MSG_PERSONALISE = "train.personalise"
MSG_LOCAL_ONLY = "train.local_only"
MSG_EVALUATE = "evaluate"
MSG_FINAL_EVALUATE = "evaluate.final"
MSG_FEATURE_STATS = "query.feature_stats"   # a source plant releases DP feature statistics
MSG_REFUSED = "query.refused"   # coordinator → node: you are refused, REASON says why (the plant logs it)
# what the plant logs on MSG_REFUSED; `factoryfl plant` watches its SuperNode's output for it and stops
PLANT_REFUSED_LOG = "the coordinator refused this plant"

# Extra record: aggregated DP source statistics sent to a target plant for adaptation.
SOURCE_STATS = "source-stats"

# Coordinator → plant (CONFIG).
RUN_SPEC = "run-spec"            # JSON of common.config.schema.RunSpec
SERVER_ROUND = "server-round"
RUN_DIR = "run-dir"              # simulation only: where a plant without its own state dir keeps state
RUN_NAME = "run-name"
PROXIMAL_MU = "proximal-mu"

# Plant → coordinator (CONFIG).
PLANT_ID = "plant-id"
STATUS = "status"                # one of the STATUS_* values
REASON = "reason"
CLASS_NAMES = "class-names"
LABELLED_CLASSES = "labelled-classes"  # hello: the declared classes the plant has training labels for (JSON list)
TRANSFER_METHOD = "transfer-method"   # hello: the plant's configured phase-2 method ("" = default)
TRANSFER_CHOSEN = "transfer-chosen"   # phase 2: what the plant actually did
TRANSFER_REASON = "transfer-reason"   # phase 2: why (e.g. the measured domain gap)
SOURCE = "source"
HAS_LABELS = "has-labels"             # hello: whether the plant holds labels (its role: source or target), 0/1
RELEASE_ALLOW = "release-allow"       # hello: the release categories the plant's policy allows outside DP (JSON list)
NOISE_SOURCE = "noise-source"         # hello: "secret", or "reproducible" (simulation research only: not private)
WORKER_NODE = "worker-node"      # hello, simulation only: the Ray node id that runs this plant ("" otherwise)

STATUS_OK = "ok"
STATUS_DECLINED = "declined"     # e.g. privacy budget would be exceeded
STATUS_FAILED = "failed"         # the plant could not do the work; REASON says why
STATUS_REFUSED = "refused"       # the run spec asks for less privacy than the plant's policy allows

# Plant → coordinator (METRICS).
NUM_EXAMPLES = "num-examples"
N_TRAIN = "n-train"
N_TRAIN_LABELLED = "n-train-labelled"
N_TEST = "n-test"
CHANNELS = "channels"
WINDOW_LENGTH = "window-length"
SAMPLE_RATE_HZ = "sample-rate-hz"
TRAIN_LOSS = "train-loss"
TRAIN_FIRST_LOSS = "train-first-loss"
TRAIN_STEPS = "train-steps"
TRAIN_SECONDS = "train-seconds"   # the plant's own training time (not sent under DP: a timing side channel)
EVAL_LOSS = "eval-loss"
EVAL_ACCURACY = "eval-accuracy"
EVAL_MACRO_F1 = "eval-macro-f1"
EVAL_RMSE = "eval-rmse"
EVAL_SCORE = "eval-score"
EPSILON = "epsilon"
DELTA = "delta"
EPSILON_BUDGET = "epsilon-budget"
NOISE_MULTIPLIER = "noise-multiplier"
PRIVACY_STEPS_TOTAL = "privacy-steps-total"
PERSONALISE_LOSS = "personalise-loss"
PERSONALISE_SECONDS = "personalise-seconds"
LOCAL_ONLY_LOSS = "local-only-loss"
ADAPT_SECONDS = "adapt-seconds"
# DP-released evaluation of the shared model (final evaluation): noisy counts, each in the ledger
EVAL_DP_CORRECT = "eval-dp-correct"   # classification: correctly classified held-out windows + N(0, σ²)
EVAL_DP_COUNT = "eval-dp-count"       # held-out windows + N(0, σ²)
STATS_SCALARS = "stats-scalars"       # CONFIG record key prefix for FeatureStats scalars (JSON)


GAP_PREFIX = "gap/"  # domain-gap measures a target plant reports with its phase-2 result

# Final evaluation of a plant's anomaly detector (client/anomaly.py): the method is anomaly_<detector>,
# e.g. anomaly_pca_t2_spe/auroc, anomaly_pca_t2_spe/delay_h/idv01, and for the union alarm of a detector and
# its baseline anomaly_<detector>+<baseline>; <method>/alarm is 1 for what raises the plant's alarm
# (release category: metrics)
ANOMALY_PREFIX = "anomaly_"

# Do no harm (common/transfer/selection.py): what a plant chose as its model and why.
MODEL_CHOSEN = "model-chosen"                # CONFIG: the candidate a labelled plant kept (validation split)
MODEL_CHOICE_REASON = "model-choice-reason"  # CONFIG: why (validation scores of each candidate)
SELECT_VAL_PREFIX = "select-val-"            # METRICS: select-val-<candidate> = its validation primary metric
SELECT_N_VAL = "select-n-val"                # METRICS: validation windows
SELECT_N_FIT = "select-n-fit"                # METRICS: labelled windows the candidates were fit on
GUARD_PREFIX = "guard-"                      # unlabelled target's negative-transfer guard (label-free)
GUARD_KEPT = "guard-kept"                    # CONFIG: "adapted" or "source_only"
GUARD_REASON = "guard-reason"                # CONFIG: why
GUARD_WARNING = "guard-warning"              # CONFIG: the kept model calls nearly every window one class


def method_metric_key(method: str, metric: str) -> str:
    """Final evaluation metrics are flattened as ``<method>/<metric>``."""
    return f"{method}/{metric}"


def split_method_metric_key(key: str) -> tuple[str, str] | None:
    if "/" not in key:
        return None
    method, metric = key.split("/", 1)
    return method, metric


# Secure aggregation of pretraining (server/secagg.py ↔ client/secagg.py, protocol: common/secagg).
# Stage 1 trains and advertises keys; 2 shares keys; 3 sends the masked update; 4 returns unmasking shares.
MSG_SECAGG_SETUP = "train.secagg_setup"
MSG_SECAGG_SHARE = "train.secagg_share"
MSG_SECAGG_MASK = "train.secagg_mask"
MSG_SECAGG_UNMASK = "train.secagg_unmask"
SECAGG_PUBLIC_KEYS = "secagg-public-keys"   # plant → [c_pk, s_pk] (hex); to a plant: its neighbours {id: [c, s]}
SECAGG_ROUND_PLANTS = "secagg-round-plants"  # coordinator → the plants that advertised keys (JSON list): the graph
SECAGG_CIPHERTEXTS = "secagg-ciphertexts"   # plant → {receiver: Fernet token} of its encrypted shares (JSON)
SECAGG_COMMITMENT = "secagg-commitment"     # plant → SHA-256 commitment to its self-mask seed (hex)
SECAGG_ROUTED = "secagg-routed"             # coordinator → {receiver: {sender: token}} (JSON)
SECAGG_SURVIVORS = "secagg-survivors"       # coordinator → plants whose masked update arrived (JSON list)
SECAGG_DROPOUTS = "secagg-dropouts"         # coordinator → plants that shared keys but sent no masked update
SECAGG_SHARES = "secagg-shares"             # plant → {owner: [kind, share hex]} for unmasking (JSON)
SECAGG_MASKED = "secagg-masked"             # ARRAYS key of the masked, quantised update (uint32/uint64 in Z_M)

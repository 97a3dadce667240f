"""The typed settings of a federation: model, training, privacy, plants.

Frozen dataclasses, built once at the edge (YAML file, run config) by ``common.config.parse``.
``problems()`` methods return range errors, each with its fix.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from common.extensions.detectors import DETECTORS
from common.extensions.metrics_loggers import METRICS_LOGGERS
from common.extensions.strategies import STRATEGIES
from common.extensions.tasks import TASKS
from common.extensions.transfer_methods import TRANSFER_METHODS, personalisation_modes
from common.labelset import missing_scale_problems
from common.privacy.policy import PrivacyPolicy
from common.secagg.graph import recommended_neighbours, recommended_threshold
from common.secagg.quantise import MAX_MODULUS_BITS, overflow_problem
from common.task import DEFAULT_TASK, task_named

OptimizerName = Literal["adam", "sgd"]
NormName = Literal["group", "layer", "none"]
BaselineName = Literal["local_only", "centralized"]
AccountantName = Literal["rdp", "prv"]
CompressionName = Literal["none", "fp16", "int8"]
TargetPriorName = Literal["sources", "estimate", "auto"]
GradSampleMode = Literal["auto", "hooks", "functorch", "ew", "ghost"]
TargetScaling = Literal["fixed", "plant"]

# Upper bounds, checked when a config is parsed, before anything is allocated.
MAX_WINDOW_LENGTH = 2**20
"""Longest window, in samples (a 1-D CNN input; 2**20 is ~87 s at 12 kHz)."""
MAX_WINDOWS_PER_CLASS = 10**6
"""Most synthetic training windows per class of one plant."""
MAX_SYNTHETIC_PLANTS = 100_000
"""Most plants ``synthetic_plants.count`` may generate."""
MAX_MODEL_PARAMETERS = 50_000_000
"""Most parameters the model settings may build (extractor and both heads; ~200 MB in float32)."""
MAX_SEED = 2**32 - 1
"""Largest seed (numpy and torch take every seed in [0, 2**32 - 1])."""
MAX_NAME_LENGTH = 128
"""Longest scenario name (it names the run's folder)."""
MAX_CLASSES = 1024
"""Most classes one plant may declare (the shared head has one output per class of the union)."""
MAX_CLASS_NAME_LENGTH = 128
"""Longest class name a plant may declare."""

PLANT_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\Z")
"""A plant id names a directory (its state, its run folder): a letter or digit, then up to 63 letters,
digits, '_', '.' or '-'; so never ``.``, ``..``, a path or an empty string."""
PLANT_ID_RULE = ("use 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit "
                 "(it names a directory), e.g. line-3")


def plant_id_problem(plant_id: str) -> str | None:
    """Why ``plant_id`` cannot name a plant (None when it can)."""
    if PLANT_ID_PATTERN.match(plant_id) and plant_id.isascii():
        return None
    return f"{plant_id[:80]!r} is not a valid plant id: {PLANT_ID_RULE}"


def seed_problem(name: str, seed: int) -> str | None:
    """Why ``seed`` cannot seed numpy and torch (None when it can)."""
    if seed < 0:
        return f"{name} must be >= 0, got {seed}: use a non-negative integer"
    if seed > MAX_SEED:
        return f"{name} must be <= {MAX_SEED}, got {seed}: use a non-negative integer below 2**32"
    return None


@dataclass(frozen=True)
class WindowConfig:
    """How recordings are cut into the windows a model sees (one window = one record)."""

    # samples per window (the model's input length; one window is one DP record)
    length: int = 1024
    # step between training windows, in samples; below length: overlapping windows; null: length (no overlap)
    stride: int | None = None
    # share of each recording held out for testing, cut from its end so overlapping windows never leak
    test_fraction: float = 0.2
    sample_rate_hz: float | None = None  # set: every plant must match it; None: mixed rates allowed
    # set: every plant resamples its recordings to this rate before windowing (inside the plant),
    # so a window spans the same time and a fault frequency in Hz lands on the same input bins
    # (process CSV runs too: 0.0138889 is one row every 72 s)
    resample_to_hz: float | None = None
    # set: order tracking — every plant resamples each recording to samples_per_revolution × its
    # machine's shaft speed (inside the plant), so a window spans the same number of shaft
    # revolutions and a fault's strikes per revolution land on the same input pattern at every
    # plant, whatever its speed and sampling rate (rotating machines with a known shaft speed)
    samples_per_revolution: float | None = None

    def problems(self) -> list[str]:
        out = []
        if self.resample_to_hz is not None and not self.resample_to_hz > 0:
            out.append(f"resample_to_hz must be > 0 (Hz) or null, got {self.resample_to_hz}: use e.g. 12000")
        if self.samples_per_revolution is not None:
            if not self.samples_per_revolution > 0:
                out.append(f"samples_per_revolution must be > 0 or null, got {self.samples_per_revolution}: "
                           "use e.g. 400")
            if self.resample_to_hz is not None:
                out.append("samples_per_revolution and resample_to_hz are both set: order tracking chooses each "
                           "plant's rate from its shaft speed; keep one of them")
            if self.sample_rate_hz is not None:
                out.append("samples_per_revolution and sample_rate_hz are both set: with order tracking each plant's "
                           "rate follows its shaft speed; drop sample_rate_hz")
        if (self.resample_to_hz is not None and self.sample_rate_hz is not None
                and abs(self.resample_to_hz - self.sample_rate_hz) > 1e-9 * self.sample_rate_hz):
            out.append(f"sample_rate_hz={self.sample_rate_hz:g} contradicts resample_to_hz={self.resample_to_hz:g}: "
                       "every plant's windows will be at resample_to_hz; drop sample_rate_hz or make them equal")
        if self.length < 8:
            out.append(f"length must be >= 8 samples, got {self.length}")
        elif self.length > MAX_WINDOW_LENGTH:
            out.append(f"length must be <= {MAX_WINDOW_LENGTH} samples (2**20), got {self.length}: "
                       "use a window of a few thousand samples (e.g. 1024)")
        if self.stride is not None and self.stride < 1:
            out.append(f"stride must be >= 1 (or null for non-overlapping), got {self.stride}")
        if not 0.0 < self.test_fraction < 1.0:
            out.append(f"test_fraction must be between 0 and 1, got {self.test_fraction}")
        return out


@dataclass(frozen=True)
class ModelConfig:
    """1-D CNN extractor (wide first kernel, then small kernels) and linear heads."""

    # output channels of each conv block of the extractor (one block per entry)
    channels: tuple[int, ...] = (16, 32, 64, 64)
    # kernel size of the first (wide) convolution, in samples
    first_kernel: int = 64
    # stride of the first convolution
    first_stride: int = 8
    # kernel size of the later convolutions
    kernel_size: int = 3
    # size of the feature vector the extractor hands the heads
    feature_dim: int = 64
    # normalisation after each convolution (never BatchNorm: it breaks DP-SGD's per-window bound)
    norm: NormName = "group"
    # groups of GroupNorm (norm: group)
    groups: int = 4
    # dropout on the extractor's features (0: none)
    dropout: float = 0.0
    # standardise each window on its own (parameter-free, per window) before the first convolution
    standardize_input: bool = True
    # What the first convolution sees. ``time``: the raw window. ``spectrum``: the per-window
    # log-magnitude rFFT (Hann window, mean removed, scaled by its mean magnitude; the first
    # length//2 bins), computed inside the model — parameter-free and per-sample, so plants still
    # send and receive raw windows and DP-SGD's per-sample clipping is unaffected.
    # ``envelope``: two rows per channel, that log spectrum and the log spectrum of the window's
    # squared envelope after cepstral pre-whitening (unit magnitude, phase kept): a sensor's
    # transfer path and gain cancel in it, and impacts show as lines at their rate. With
    # window.samples_per_revolution the rows are in shaft orders (other speeds, rates, sensors).
    input: Literal["time", "spectrum", "envelope"] = "time"
    # spectrum only: average the magnitude spectrum into this many equal-width frequency bands
    # before the log (band energies: lower-variance, lower-dimensional input); null keeps every bin.
    spectrum_bands: int | None = None
    # tanh (bounded, "tempered") trains markedly better than ReLU under DP-SGD's clipping and noise.
    activation: Literal["relu", "tanh"] = "relu"
    # Positions kept by the final adaptive average pool (1 = global average pool). More than one
    # keeps coarse position — for a spectrum input, where in frequency a pattern sits. More bins
    # than positions left after the max-pools only repeats positions.
    pool_bins: int = 1
    # Max-pool factor after each conv block (1 = no pooling: every block keeps the window's full
    # length — for short windows such as C-MAPSS's 30 cycles, where halving three times leaves 3).
    block_pool: int = 2
    # Linear skip path (0: off): besides its feature_dim features the extractor hands the heads the raw
    # window averaged into this many equal stretches per channel (channels × bins values; the window
    # length keeps every row), so each head is a linear model of the window plus a linear read-out of
    # the CNN's nonlinear features, and a linear soft sensor (PLS, ridge) is one of its solutions. For
    # regression soft sensors; not with transfer methods that use source feature statistics.
    linear_skip_bins: int = 0

    def problems(self) -> list[str]:
        out = []
        if self.linear_skip_bins < 0:
            out.append(f"linear_skip_bins must be >= 0 (0 = no linear skip path), got {self.linear_skip_bins}")
        if not self.channels or any(c < 1 for c in self.channels):
            out.append(f"channels must be a non-empty list of positive widths, got {list(self.channels)}")
        elif self.norm == "group" and self.groups < 1:
            out.append(f"groups must be >= 1 (channels per group norm), got {self.groups}: use e.g. 4")
        elif self.norm == "group" and any(c % self.groups for c in self.channels):
            out.append(
                f"every width in channels {list(self.channels)} must be divisible by groups={self.groups}: "
                "change groups or the widths"
            )
        if self.first_kernel < 1 or self.first_stride < 1 or self.kernel_size < 1:
            out.append("first_kernel, first_stride and kernel_size must be >= 1")
        if self.feature_dim < 1:
            out.append(f"feature_dim must be >= 1, got {self.feature_dim}")
        if not 0.0 <= self.dropout < 1.0:
            out.append(f"dropout must be in [0, 1), got {self.dropout}")
        if self.spectrum_bands is not None:
            if self.input != "spectrum":
                out.append("spectrum_bands only applies to input: spectrum; remove it or set input: spectrum")
            elif self.spectrum_bands < 1:
                out.append(f"spectrum_bands must be >= 1 (or null for every bin), got {self.spectrum_bands}")
        if self.pool_bins < 1:
            out.append(f"pool_bins must be >= 1 (1 = global average pool), got {self.pool_bins}")
        if self.block_pool < 1:
            out.append(f"block_pool must be >= 1 (1 = no max-pool after a conv block, 2 = halve), "
                       f"got {self.block_pool}")
        if not out:  # one input channel and one output: the least the settings build
            out.extend(self.size_problems(1, 1))
        return out

    def parameter_count(self, in_channels: int, num_outputs: int) -> int:
        """Parameters of the model these settings build: conv blocks (weights, biases, norm affine),
        the projection (last width × pool_bins → feature_dim), and two heads on the features
        (feature_dim + in_channels × linear_skip_bins → num_outputs)."""
        width_in, total = in_channels * (2 if self.input == "envelope" else 1), 0
        for i, width in enumerate(self.channels):
            kernel = self.first_kernel if i == 0 else self.kernel_size
            total += width_in * width * kernel + width + (2 * width if self.norm != "none" else 0)
            width_in = width
        total += width_in * self.pool_bins * self.feature_dim + self.feature_dim
        features = self.feature_dim + in_channels * self.linear_skip_bins
        return total + 2 * (features * num_outputs + num_outputs)

    def size_problems(self, in_channels: int, num_outputs: int) -> list[str]:
        """Refuse, before anything is allocated, settings that build more than MAX_MODEL_PARAMETERS."""
        count = self.parameter_count(in_channels, num_outputs)
        if count <= MAX_MODEL_PARAMETERS:
            return []
        return [f"model settings build {count:,} parameters for {in_channels} input channel(s) and {num_outputs} "
                f"output(s), more than the {MAX_MODEL_PARAMETERS:,} limit: lower channels, first_kernel, "
                "feature_dim, pool_bins or linear_skip_bins"]


@dataclass(frozen=True)
class StrategyConfig:
    """Server-side aggregation of the shared (extractor + reference head) parameters.

    ``name`` is a registered strategy (``common.extensions.strategies``).
    """

    # the aggregation strategy
    name: str = "fedavg"
    # share of the plants sampled to train in each round (reproducibly from the seed and the round)
    fraction_train: float = 1.0
    # fewest usable updates a round needs; a round with fewer fails
    min_train_plants: int = 1
    # FedProx: weight μ of the proximal term
    proximal_mu: float = 0.01
    # FedAdam: the coordinator's learning rate η
    server_learning_rate: float = 0.01
    # FedAdam: first-moment decay β₁
    beta_1: float = 0.9
    # FedAdam: second-moment decay β₂
    beta_2: float = 0.99
    # FedAdam: adaptivity τ (added to the square root of the second moment)
    tau: float = 1e-3
    # FedTrimmedAvg: share of the values cut from each end, per coordinate
    trim_fraction: float = 0.2

    def problems(self) -> list[str]:
        out = []
        if self.name not in STRATEGIES:
            out.append(STRATEGIES.unknown_message(self.name))
        if not 0.0 < self.fraction_train <= 1.0:
            out.append(f"fraction_train must be in (0, 1], got {self.fraction_train}")
        if self.min_train_plants < 1:
            out.append(f"min_train_plants must be >= 1, got {self.min_train_plants}")
        if self.proximal_mu < 0:
            out.append(f"proximal_mu must be >= 0, got {self.proximal_mu}")
        if self.server_learning_rate <= 0:
            out.append(f"server_learning_rate must be > 0, got {self.server_learning_rate}")
        if not 0.0 <= self.trim_fraction < 0.5:
            out.append(f"trim_fraction must be in [0, 0.5), got {self.trim_fraction}")
        return out


@dataclass(frozen=True)
class AugmentConfig:
    """Random label-preserving transforms of training windows (common/data/augment.py); all 0: off.

    ``noise_std`` (relative to each window's std), ``scale_std`` (per-channel gain), ``stretch``
    (max relative resampling, i.e. shaft-speed change), each applied with ``probability``.
    """

    # added Gaussian noise, relative to each window's std (0: off)
    noise_std: float = 0.0
    # std of a random per-channel gain around 1 (0: off)
    scale_std: float = 0.0
    # largest relative resampling (a shaft-speed change), e.g. 0.04 for ± 4 % (0: off)
    stretch: float = 0.0
    # chance that each transform is applied to a window
    probability: float = 0.5

    @property
    def enabled(self) -> bool:
        return self.noise_std > 0 or self.scale_std > 0 or self.stretch > 0

    def problems(self) -> list[str]:
        out = []
        for name in ("noise_std", "scale_std"):
            if getattr(self, name) < 0:
                out.append(f"{name} must be >= 0, got {getattr(self, name)}")
        if not 0.0 <= self.stretch < 1.0:
            out.append(f"stretch must be in [0, 1) (a relative speed change), got {self.stretch}")
        if not 0.0 <= self.probability <= 1.0:
            out.append(f"probability must be in [0, 1], got {self.probability}")
        return out


@dataclass(frozen=True)
class TrainingConfig:
    """Local optimisation inside a plant during federated pretraining (and the baselines)."""

    # passes over the plant's labelled windows per round
    local_epochs: int = 1
    # windows per batch (under DP: the expected Poisson batch size)
    batch_size: int = 64
    # the plant's optimizer's learning rate
    learning_rate: float = 1e-3
    # the plant's local optimizer
    optimizer: OptimizerName = "adam"
    # L2 weight decay of the local optimizer
    weight_decay: float = 0.0
    augment: AugmentConfig = field(default_factory=AugmentConfig)
    # a plant labelled for only some classes: its loss in pretraining and personalisation multiplies the logits of
    # the classes it lacks by this α; 0: masks them (no gradient to their head rows), 0.5: FedRS's restricted
    # softmax (Li & Zhan 2021), 1: no restriction
    missing_class_logit_scale: float = 0.0

    def problems(self) -> list[str]:
        out = []
        if self.local_epochs < 1:
            out.append(f"local_epochs must be >= 1, got {self.local_epochs}")
        if self.batch_size < 1:
            out.append(f"batch_size must be >= 1, got {self.batch_size}")
        if self.learning_rate <= 0:
            out.append(f"learning_rate must be > 0, got {self.learning_rate}")
        out += [f"missing_class_logit_scale {p}" for p in missing_scale_problems(self.missing_class_logit_scale)]
        return out


@dataclass(frozen=True)
class ClientLevelDPConfig:
    """Plant-level DP on the aggregate (clip each plant's update, noise the mean). Needs many plants."""

    # clip each plant's update and add Gaussian noise to the mean (plant-level DP, useful with hundreds of plants per
    # round)
    enabled: bool = False
    # σ: the mean gets noise of standard deviation σ·clip_norm / (plants in the round)
    noise_multiplier: float = 1.0
    # L2 bound S on each plant's update
    clip_norm: float = 1.0
    # δ at which the plant-level ε is reported
    delta: float = 1e-5

    def problems(self) -> list[str]:
        out = []
        if self.enabled and self.noise_multiplier <= 0:
            out.append(f"noise_multiplier must be > 0, got {self.noise_multiplier}")
        if self.clip_norm <= 0:
            out.append(f"clip_norm must be > 0, got {self.clip_norm}")
        if not 0.0 < self.delta < 1.0:
            out.append(f"delta must be in (0, 1), got {self.delta}")
        return out


MetaAlgorithm = Literal["none", "reptile", "per_fedavg"]


@dataclass(frozen=True)
class MetaLearningConfig:
    """Meta-learning local updates in pretraining, for plants that will fine-tune on a few labels.

    ``episodes: 0`` (default) matches FedAvg's compute: as many inner/local steps per round as
    ``local_epochs`` passes over the plant's labelled windows in batches of ``batch_size`` take.
    ``reptile``: ``episodes`` k-shot episodes per round (``shots`` windows per class, ``inner_steps``
    Adam steps at ``inner_learning_rate``, then θ ← θ + ``meta_step_size``·(φ − θ)).
    ``per_fedavg``: ``episodes`` first-order Per-FedAvg steps per round (personalisation step α =
    ``inner_learning_rate``, outer step by the training optimizer at ``training.learning_rate``).
    Not DP-SGD: refused together with ``privacy.enabled``.
    """

    # meta-learning local updates in pretraining (none: plain local training)
    algorithm: MetaAlgorithm = "none"
    # episodes (reptile) or steps (per_fedavg) per round; 0: as many as FedAvg's local steps
    episodes: int = 0
    # labelled windows per class in each episode
    shots: int = 5
    # Adam steps per episode (reptile)
    inner_steps: int = 5
    # inner learning rate (reptile) or personalisation step α (per_fedavg)
    inner_learning_rate: float = 1e-3
    # Reptile's step ε: θ ← θ + ε(φ − θ)
    meta_step_size: float = 0.5

    def problems(self) -> list[str]:
        out = []
        if self.episodes < 0:
            out.append(f"episodes must be >= 0 (0: match FedAvg's steps per round), got {self.episodes}")
        if self.shots < 1:
            out.append(f"shots must be >= 1, got {self.shots}")
        if self.inner_steps < 1:
            out.append(f"inner_steps must be >= 1, got {self.inner_steps}")
        if self.inner_learning_rate <= 0:
            out.append(f"inner_learning_rate must be > 0, got {self.inner_learning_rate}")
        if not 0.0 < self.meta_step_size <= 1.0:
            out.append(f"meta_step_size must be in (0, 1], got {self.meta_step_size}")
        return out


@dataclass(frozen=True)
class SecureAggregationConfig:
    """Secure aggregation of the pretraining updates (SecAgg+, ``common/secagg``): the coordinator sees only the sum.

    Each plant clips its update to L2 norm ``clip`` (null: ``federation.max_update_norm``), quantises
    every coordinate to ``quantisation_bits`` over [−clip, clip] (step Δ = 2·clip / (2**bits − 1)),
    multiplies by its weight (example count, capped at ``max_weight``) and masks it in Z_M,
    M = 2**``modulus_bits``. ``neighbours`` (k, even, or ≥ plants − 1 for all) and ``threshold`` (t
    shares recover a secret; a round with fewer than t survivors fails) default to the rules in
    ``common.secagg.graph``. Error of the recovered weighted mean: ≤ Δ/2 per coordinate.
    """

    # run each pretraining round as SecAgg+ (the coordinator sees only the sum of the updates)
    enabled: bool = False
    # t: shares that recover a plant's secrets; a round with fewer survivors fails (null: common.secagg.graph's rule)
    threshold: int | None = None
    # k: neighbours of each plant in the share graph, even, or at least plants − 1 for all (null:
    # common.secagg.graph's rule)
    neighbours: int | None = None
    # L2 bound of each update before quantisation (null: federation.max_update_norm)
    clip: float | None = None
    # bits per coordinate over [−clip, clip]
    quantisation_bits: int = 24
    # masks and sums live in the integers modulo 2**modulus_bits
    modulus_bits: int = 64
    # cap on a plant's weight (its example count)
    max_weight: int = 1_000_000
    # quantisation rounding: to the nearest step, or stochastic (unbiased)
    rounding: Literal["nearest", "stochastic"] = "nearest"

    def problems(self) -> list[str]:
        out = []
        if self.threshold is not None and self.threshold < 2:
            out.append(f"threshold must be >= 2 (shares needed to recover a plant's secrets) or null, got "
                       f"{self.threshold}")
        if self.neighbours is not None and self.neighbours < 1:
            out.append(f"neighbours must be >= 1 (an even k, or the number of plants − 1 for all) or null, got "
                       f"{self.neighbours}")
        if self.clip is not None and not self.clip > 0:
            out.append(f"clip must be > 0 (the L2 norm each plant clips its update to) or null, got {self.clip}")
        if not 1 <= self.quantisation_bits <= 32:
            out.append(f"quantisation_bits must be in [1, 32], got {self.quantisation_bits}")
        if not self.quantisation_bits < self.modulus_bits <= MAX_MODULUS_BITS:
            out.append(f"modulus_bits must be in (quantisation_bits, {MAX_MODULUS_BITS}], got {self.modulus_bits}")
        if self.max_weight < 1:
            out.append(f"max_weight must be >= 1, got {self.max_weight}")
        return out

    def resolved(self, plants: int) -> tuple[int, int]:
        """(neighbours k, threshold t) for a round of ``plants`` plants: the settings or the rules."""
        k = self.neighbours if self.neighbours is not None else recommended_neighbours(plants)
        k = min(k, plants - 1)
        return k, self.threshold if self.threshold is not None else recommended_threshold(k)


@dataclass(frozen=True)
class FederationConfig:
    # federated pretraining rounds
    rounds: int = 5
    strategy: StrategyConfig = field(default_factory=StrategyConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    # leave out an update whose L2 norm exceeds this
    max_update_norm: float = 1000.0
    # an update whose norm exceeds this multiple of the round's median update norm is left out (with at
    # least this + 2 updates) or clipped to it (3 or more, fewer than that); null: off. Rule: server/screening.py.
    relative_norm_bound: float | None = 3.0
    # seconds the coordinator waits for a round's replies; a plant that does not answer in time misses the round
    round_timeout_s: float = 600.0
    # evaluate the global model every this many rounds, and after the last (0: no evaluation per round)
    evaluate_every: int = 1
    client_level_dp: ClientLevelDPConfig = field(default_factory=ClientLevelDPConfig)
    meta_learning: MetaLearningConfig = field(default_factory=MetaLearningConfig)
    # How a plant encodes its update (global → trained shared parameters) on the wire:
    # none (float32 parameters), fp16 (half-precision delta), int8 (per-tensor 8-bit delta).
    # Encoding is post-processing of the (DP) training output: the privacy accounting is unchanged.
    compression: CompressionName = "none"
    secure_aggregation: SecureAggregationConfig = field(default_factory=SecureAggregationConfig)

    def problems(self) -> list[str]:
        out = []
        if self.rounds < 1:
            out.append(f"rounds must be >= 1, got {self.rounds}")
        if self.max_update_norm <= 0:
            out.append(f"max_update_norm must be > 0, got {self.max_update_norm}")
        if self.relative_norm_bound is not None and not self.relative_norm_bound > 1:
            out.append(f"relative_norm_bound must be > 1 (a multiple of the round's median update norm) or null, "
                       f"got {self.relative_norm_bound}")
        if self.round_timeout_s <= 0:
            out.append(f"round_timeout_s must be > 0, got {self.round_timeout_s}")
        if self.evaluate_every < 0:
            out.append(f"evaluate_every must be >= 0 (0 = never), got {self.evaluate_every}")
        return out


SECAGG_KEY = "federation.secure_aggregation"


def secure_aggregation_problems(federation: FederationConfig, plants: int) -> list[tuple[str, str]]:
    """(key, message) for settings that cannot run with secure aggregation among ``plants`` plants.

    The coordinator then sees only the sum, so whatever needs single updates is refused: a strategy
    without ``works_with_secure_aggregation``, norm screening (``relative_norm_bound``), client-level
    DP (it clips each update at the coordinator) and update compression (quantisation replaces it).
    """
    sa = federation.secure_aggregation
    if not sa.enabled:
        return []
    out: list[tuple[str, str]] = []
    name = federation.strategy.name
    if name in STRATEGIES and not STRATEGIES.get(name).meta.get("works_with_secure_aggregation", False):
        usable = ", ".join(STRATEGIES.names(works_with_secure_aggregation=True))
        out.append(("federation.strategy.name",
                    f"{name} needs every plant's single update ({STRATEGIES.get(name).summary}), which secure "
                    f"aggregation hides from the coordinator: use one of {usable}, or set {SECAGG_KEY}.enabled: false"))
    if federation.relative_norm_bound is not None:
        out.append(("federation.relative_norm_bound",
                    "norm screening compares single updates, which secure aggregation hides: set "
                    "relative_norm_bound: null (each plant clips its update to secure_aggregation.clip instead)"))
    if federation.client_level_dp.enabled:
        out.append(("federation.client_level_dp.enabled",
                    "client-level DP clips each plant's update at the coordinator, which secure aggregation hides: "
                    f"set client_level_dp.enabled: false or {SECAGG_KEY}.enabled: false"))
    if federation.compression != "none":
        out.append(("federation.compression",
                    f"{federation.compression} encodes single updates; with secure aggregation the update is "
                    f"quantised to {SECAGG_KEY}.quantisation_bits instead: set compression: none"))
    n = max(plants, 1)
    k, t = sa.resolved(n)
    if sa.neighbours is not None and k < n - 1 and k % 2:
        out.append((f"{SECAGG_KEY}.neighbours",
                    f"neighbours must be even below the number of plants − 1 ({n - 1}), got {k}: "
                    f"use {k + 1}" + (f" or {k - 1}" if k > 2 else "")))
    if t > k + 1:
        out.append((f"{SECAGG_KEY}.threshold",
                    f"threshold {t} exceeds the {k + 1} holders of each plant's shares (neighbours {k} + itself, "
                    f"{n} plants): lower it to at most {k + 1} or raise neighbours"))
    if n < 2:
        out.append((f"{SECAGG_KEY}.enabled", "secure aggregation needs at least 2 plants"))
    if 1 <= sa.quantisation_bits < sa.modulus_bits <= MAX_MODULUS_BITS and sa.max_weight >= 1:
        overflow = overflow_problem(n, sa.quantisation_bits, sa.max_weight, sa.modulus_bits, key=SECAGG_KEY)
        if overflow:
            out.append((f"{SECAGG_KEY}.modulus_bits", overflow))
    return out


@dataclass(frozen=True)
class PersonalisationConfig:
    """Phase 2: each plant fine-tunes its own head (or the whole model) on its labels.

    ``mode``: the ``mode`` of a personalisation transfer method (head, full, fedrep, none, ridge).
    """

    # what a labelled plant fine-tunes on its own labels: head (the personal head), full (the whole model, extractor
    # at a lower rate), fedrep (head and extractor in turn), none, ridge (regression: as full, then the personal
    # head refitted by ridge regression on the plant's features, λ per output by blocked cross-validation)
    mode: str = "head"
    # fine-tuning epochs
    epochs: int = 5
    # fine-tuning learning rate
    learning_rate: float = 1e-3
    # mode full: the extractor learns at learning_rate × this
    extractor_lr_scale: float = 0.1
    # windows per fine-tuning batch
    batch_size: int = 64
    # Random label-preserving transforms of the plant's labelled windows while it fine-tunes: with
    # a few labels per class (a new plant), the head otherwise memorises those few windows.
    augment: AugmentConfig = field(default_factory=AugmentConfig)
    # classification: none, or auto: the plant's decision for a window of a recording also weighs the windows
    # before it (an EWMA of log posteriors, common/posterior_smoothing.py), λ chosen on its own validation
    # windows; used by the report and by `factoryfl predict` (a file = one recording in time order)
    posterior_smoothing: Literal["none", "auto"] = "none"

    def problems(self) -> list[str]:
        out = []
        modes = personalisation_modes()
        bad_mode = name_problem("mode", self.mode, modes, "a personalisation mode")
        if bad_mode:
            out.append(bad_mode)
        if self.epochs < 0:
            out.append(f"epochs must be >= 0, got {self.epochs}")
        if self.learning_rate <= 0:
            out.append(f"learning_rate must be > 0, got {self.learning_rate}")
        if not 0.0 <= self.extractor_lr_scale <= 1.0:
            out.append(f"extractor_lr_scale must be in [0, 1], got {self.extractor_lr_scale}")
        if self.batch_size < 1:
            out.append(f"batch_size must be >= 1, got {self.batch_size}")
        return out


@dataclass(frozen=True)
class PrivacyConfig:
    """Sample-level DP-SGD (Opacus) inside every plant during federated pretraining.

    The privacy unit is one training window: neighbouring data sets differ in one window.
    Exactly one of ``noise_multiplier`` / ``target_epsilon`` is set when enabled.
    """

    # DP-SGD inside every plant during federated pretraining
    enabled: bool = False
    # σ of DP-SGD's Gaussian noise (set this or target_epsilon)
    noise_multiplier: float | None = None
    # calibrate σ so that the run's whole planned spend ends at this ε (set this or noise_multiplier)
    target_epsilon: float | None = None
    # per-window gradient clipping norm C
    max_grad_norm: float = 1.0
    # δ of every ε (null: the plant's own, min(1e-5, 1/(10·n)) for n labelled windows)
    delta: float | None = None
    # lifetime ε budget of every plant (the tighter of this and the plant's privacy_budget)
    budget_epsilon: float | None = None
    # privacy accountant over the whole ledger: Rényi DP or PRV (Opacus)
    accountant: AccountantName = "rdp"
    # How Opacus gets per-sample gradient norms; all four are exact (`make bench-dp-step` checks
    # them against per-window autograd and times them). auto = the fastest measured there for the
    # model: ghost clipping for a spectrum-input model, expanded weights (ew) for a time-domain one.
    grad_sample_mode: GradSampleMode = "auto"
    # σ of the DP-released final evaluation of the shared model (classification): each plant
    # releases its correctly classified and its total held-out windows, each + N(0, σ²) (two
    # Gaussian releases in its ledger, within the run's target/budget). null: no DP evaluation.
    evaluation_noise_multiplier: float | None = None
    # with target_epsilon: the share of the run's ε (what the plant's ledger may still spend up to the target) that
    # the releases made once (DP feature statistics, DP evaluation) may take together; their σ is raised until they
    # fit it, and DP-SGD's σ is calibrated for the rest (a query released once costs far more ε than a subsampled
    # DP-SGD step at the same σ)
    release_share: float = 0.25

    def problems(self) -> list[str]:
        out = []
        if isinstance(self.release_share, bool) or not isinstance(self.release_share, (int, float)) or not (
                0.0 < self.release_share < 1.0):
            out.append(f"release_share must be a fraction strictly between 0 and 1, got {self.release_share!r}")
        if self.evaluation_noise_multiplier is not None and not (
                self.evaluation_noise_multiplier > 0 and math.isfinite(self.evaluation_noise_multiplier)):
            out.append(f"evaluation_noise_multiplier must be > 0 (or null: no DP evaluation), "
                       f"got {self.evaluation_noise_multiplier}")
        if not self.enabled:
            return out
        if (self.noise_multiplier is None) == (self.target_epsilon is None):
            out.append(
                "set exactly one of noise_multiplier or target_epsilon when privacy is enabled"
            )
        if self.noise_multiplier is not None and self.noise_multiplier <= 0:
            out.append(f"noise_multiplier must be > 0, got {self.noise_multiplier}")
        if self.target_epsilon is not None and self.target_epsilon <= 0:
            out.append(f"target_epsilon must be > 0, got {self.target_epsilon}")
        if self.max_grad_norm <= 0:
            out.append(f"max_grad_norm must be > 0, got {self.max_grad_norm}")
        if self.delta is not None and not 0.0 < self.delta < 1.0:
            out.append(f"delta must be in (0, 1), got {self.delta}")
        if self.budget_epsilon is not None and self.budget_epsilon <= 0:
            out.append(f"budget_epsilon must be > 0, got {self.budget_epsilon}")
        return out


@dataclass(frozen=True)
class EvaluationConfig:
    # baselines trained for comparison: local-only (each plant alone) and centralized (pooled data, simulation only)
    baselines: tuple[BaselineName, ...] = ("local_only", "centralized")


@dataclass(frozen=True)
class SimulationConfig:
    """Resources of each virtual plant in Flower's simulation engine (Ray backend).

    ``plant_cache_size``: plants (with their data) each simulation worker keeps in memory; a plant
    evicted from the cache re-loads (or re-generates) its data the next time it is asked to work,
    so memory is bounded by workers × cache size, not by the number of plants.
    ``ray_address``: run on a Ray cluster the user already operates (e.g. "127.0.0.1:6379" or
    "auto") instead of starting one on this host; resources then come from the cluster.
    ``memory_check``: refuse to start when the estimated peak memory exceeds what the host has.
    ``messages_in_flight``: the coordinator keeps at most this many messages undelivered (0: all at
    once; null: 16 per simulation worker). Flower's simulation engine hands messages to workers in
    delivery passes every 0.1 s that scan every stored message for every node, so a window too
    small leaves workers idle between passes and one too large burns driver CPU (plants × window
    per pass). Measured at 100 plants on one worker with Flower's own delivery (2-core host, load
    3–7), simulated round over the plain loop's: window 4 → 2.1×, 16 → 1.7×, 32 → 1.9×, 64 → 2.1×.
    ``prompt_delivery``: `factoryfl simulate` feeds Flower's workers as soon as messages are stored,
    wakes the coordinator when the replies it waits for are stored, and keeps two messages at each
    Ray actor (simulations/flower_private.py); false runs Flower's engine exactly as shipped
    (0.1 s delivery passes, one message per actor at a time), e.g. to compare.
    """

    # whole CPUs each simulated plant's worker takes; Flower starts ⌊CPUs / cpus_per_plant⌋ workers
    cpus_per_plant: int = 1
    # share of a GPU each plant's worker takes (0.1: ten plants share one GPU)
    gpus_per_plant: float = 0.0
    # cap on the CPUs the simulation may use (null: all)
    total_cpus: int | None = None
    # cap on the GPUs the simulation may use (null: all)
    total_gpus: float | None = None
    # plants (with their data) each worker keeps in memory; an evicted plant re-loads its data when asked again
    plant_cache_size: int = 16
    # run on this existing Ray cluster (e.g. 127.0.0.1:6379 or auto) instead of starting Ray here
    ray_address: str | None = None
    # refuse to start when the estimated peak memory exceeds what the host has
    memory_check: bool = True
    # the coordinator keeps at most this many messages undelivered (0: all at once; null: 16 per worker)
    messages_in_flight: int | None = None
    # hand messages to Flower's workers as soon as they are stored (false: Flower's engine as shipped)
    prompt_delivery: bool = True
    # Research only: every privacy mechanism's noise keyed from public values (seed, plant, round),
    # so a run can be repeated bit for bit. Anyone who knows those values can regenerate and
    # subtract the noise: the run is NOT private, and its report, results and model cards say so.
    # Simulated plants only; a deployed plant always draws secret noise.
    reproducible_noise: bool = False
    # also send each round's metrics to this logger (common.extensions.metrics_loggers; null: results.json only)
    metrics_logger: str | None = None

    def problems(self) -> list[str]:
        out = []
        if self.metrics_logger is not None and self.metrics_logger not in METRICS_LOGGERS:
            out.append(METRICS_LOGGERS.unknown_message(self.metrics_logger) + " (or null for none)")
        if self.cpus_per_plant < 1:
            out.append(f"cpus_per_plant must be >= 1, got {self.cpus_per_plant}")
        if self.gpus_per_plant < 0:
            out.append(f"gpus_per_plant must be >= 0, got {self.gpus_per_plant}")
        elif self.gpus_per_plant > 1 and self.gpus_per_plant != int(self.gpus_per_plant):
            out.append(f"gpus_per_plant above 1 must be a whole number of GPUs, got {self.gpus_per_plant}: "
                       "use a fraction <= 1 (plants share a GPU) or an integer")
        if self.total_cpus is not None and self.total_cpus < 1:
            out.append(f"total_cpus must be >= 1, got {self.total_cpus}")
        if self.total_gpus is not None and self.total_gpus < 0:
            out.append(f"total_gpus must be >= 0, got {self.total_gpus}")
        if self.messages_in_flight is not None and self.messages_in_flight < 0:
            out.append(f"messages_in_flight must be >= 0 (0 = all at once), got {self.messages_in_flight}")
        if self.plant_cache_size < 1:
            out.append(f"plant_cache_size must be >= 1, got {self.plant_cache_size}")
        if self.ray_address is not None and (self.total_cpus is not None or self.total_gpus is not None):
            out.append("total_cpus/total_gpus cannot be set with ray_address: a running Ray cluster "
                       "brings its own resources (set them with `ray start --num-cpus/--num-gpus`)")
        return out


def name_problem(key: str, name: str, names: Sequence[str], what: str) -> str | None:
    """Why ``name`` (set at ``key``) is not one of ``names`` (a registry's, e.g. "a transfer method"),
    with the closest match; None when it is one."""
    if name in names:
        return None
    close = difflib.get_close_matches(str(name), list(names), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{key} {name!r} is not {what}{hint}: use one of {', '.join(names)}"


def transfer_method_problem(key: str, method: str) -> str | None:
    """Why ``method`` (set at ``key``) is not a registered transfer method, or None when it is."""
    return name_problem(key, method, TRANSFER_METHODS.names(), "a transfer method")


def task_problem(task: str) -> str | None:
    """Why ``task`` is not a registered task, or None when it is."""
    return name_problem("task", task, TASKS.names(), "a task")


@dataclass(frozen=True)
class StatsReleaseConfig:
    """How a source plant releases aggregate feature statistics (Gaussian mechanism, in its ledger).

    Each window's feature vector is clipped to ``clip_norm``; every released sum gets Gaussian
    noise of ``noise_multiplier`` × its sensitivity; each query is one ledger entry.
    """

    noise_multiplier: float = 3.0     # four queries at σ = 3: ε ≈ 3 at δ = 1e-5 for one release
    clip_norm: float = 20.0           # in feature units (calibrated on synthetic/public data, not a plant's)
    # random Fourier features of the released mean embedding (MMD)
    rff_features: int = 512
    # width of the Gaussian kernel the random Fourier features approximate
    rff_bandwidth: float = 10.0
    # seed of the shared random Fourier feature map (public: every plant uses the same map)
    rff_seed: int = 0

    def problems(self) -> list[str]:
        out = []
        if self.noise_multiplier <= 0:
            out.append(f"noise_multiplier must be > 0 (releases are always privatised), got {self.noise_multiplier}")
        if self.clip_norm <= 0:
            out.append(f"clip_norm must be > 0, got {self.clip_norm}")
        if self.rff_features < 8:
            out.append(f"rff_features must be >= 8, got {self.rff_features}")
        if self.rff_bandwidth <= 0:
            out.append(f"rff_bandwidth must be > 0, got {self.rff_bandwidth}")
        seed = seed_problem("rff_seed", self.rff_seed)
        if seed:
            out.append(seed)
        return out


@dataclass(frozen=True)
class AdaptationConfig:
    """Local adaptation inside a target plant (``common/transfer/adapt.py``; never looks at target labels).

    Every adapter reads the settings it needs. The trained ones minimise, per batch of target windows,
    ``im_weight``·IM + (their own term) + ``labelled_weight``·CE(labelled windows, if any), where IM is
    information maximisation (mean entropy − entropy of the mean prediction):

    - ``shot``: own term ``pseudo_label_weight``·CE(cosine k-means pseudo-labels), after
      ``pseudo_label_warmup`` epochs of IM only, with ``pseudo_label_iterations`` k-means rounds;
    - ``coral`` / ``mmd`` / ``dann``: ``alignment_weight`` (null: the method's default) × the
      alignment loss; ``dann``'s discriminator has ``discriminator_hidden`` units and learns at
      ``learning_rate × discriminator_lr_scale``; ``conditional``: CDAN; ``sample_shrinkage``
      shrinks the sampled source covariance towards its diagonal;
    - ``feature_standardization``: f' = (f − μ_t)·clamp(σ_s/σ_t, 1/max_scale, max_scale) + μ_s
      (``align_mode: full``: whiten and colour with the full covariances);
    - ``fixmatch``: CE(labelled windows under ``weak_augment``) + ``unlabelled_weight`` ·
      mean 1[max p ≥ ``confidence_threshold``]·CE(p̂, f(strong_augment(x))), with p aligned to the
      class prior per batch (``distribution_alignment``) or balanced over all unlabelled windows
      each epoch (``balanced_pseudo_labels``, which replaces it).

    ``target_prior``: ``estimate`` estimates the target's class proportions π_t by EM on the model's
    predictions (Saerens et al. 2002), sets classes below ``absent_class_share``/K to 0, and uses π_t
    wherever a prior is assumed: IM's diversity term (KL(p̄ ‖ π_t)), fixmatch's alignment/balancing,
    and the class mix of the source statistics that ``coral`` / ``mmd`` / ``dann`` align to (classes
    the target lacks get no weight); estimated from the model before adaptation (every epoch with
    ``reestimate_prior``). ``sources``: the sources' released prior (``use_source_prior``) or uniform.
    ``auto`` (the default) adapts with both and keeps the one whose adapted predictions have the lower
    mean entropy (the sources' prior with labelled windows or a single output). Measured in
    ``make bench-skew``: the estimate is what a target lacking classes or mostly normal needs, and it
    hurts a target whose shared model confuses classes; ``auto`` cannot always tell the two apart. It is
    the default by the rule in docs/methods.md (the smaller worst-case loss against the unadapted
    model over the class mixes a plant may have), measured by ``make bench-skew``,
    ``bench-partial-federation`` and ``bench-skew-federation``.

    ``gap_threshold``: the relative RFF-MMD² above which ``auto`` adapts. The random streams are
    seeded per plant (the adapters' ``seed`` argument), not here.
    """

    # adaptation epochs over the target's windows
    epochs: int = 10
    # target windows per batch
    batch_size: int = 64
    # adaptation learning rate
    learning_rate: float = 3e-4
    # adaptation optimizer
    optimizer: OptimizerName = "adam"
    # L2 weight decay of the adaptation optimizer
    weight_decay: float = 0.0
    pseudo_label_weight: float = 0.3        # shot: weight β of the pseudo-label cross-entropy
    alignment_weight: float | None = None   # CORAL / MMD / DANN λ; None: each method's default weight
    gap_threshold: float = 0.002            # relative RFF-MMD² above which `auto` adapts
    # weight of information maximisation (mean entropy − entropy of the mean prediction)
    im_weight: float = 1.0
    # weight of the cross-entropy on the target's labelled windows, if any (k_shot)
    labelled_weight: float = 1.0
    # shot: k-means rounds that refine the pseudo-labels
    pseudo_label_iterations: int = 2
    # shot: epochs of information maximisation alone before pseudo-labels
    pseudo_label_warmup: int = 3
    use_source_prior: bool = True           # IM diversity towards the sources' class priors when known
    # the class prior adaptation assumes (common/transfer/prior.py): sources (theirs), estimate (EM on the
    # target's predictions), auto (adapt with both, keep the model with the lower mean prediction entropy)
    target_prior: TargetPriorName = "auto"
    # with the estimate: re-estimate the prior by EM at every epoch from the model being adapted
    reestimate_prior: bool = False
    # with the estimate: a class estimated below this share of 1/K counts as absent (share 0)
    absent_class_share: float = 0.1
    train_head: bool = False                # False: head frozen (SHOT's hypothesis transfer)
    # feature_standardization: per feature (diagonal) or whiten and colour with the full covariances
    align_mode: Literal["diagonal", "full"] = "diagonal"
    # feature_standardization: the scale σ_s/σ_t is clamped to [1/max_scale, max_scale]
    max_scale: float = 10.0
    standardize_first: bool = False         # trained methods: start from feature_standardization
    # dann: hidden units of the domain discriminator
    discriminator_hidden: int = 64
    # dann: the discriminator learns at learning_rate × this
    discriminator_lr_scale: float = 10.0
    # dann: condition the discriminator on the predictions (CDAN)
    conditional: bool = False
    # dann: shrink the sampled source covariance towards its diagonal (0: none, 1: diagonal)
    sample_shrinkage: float = 0.0
    # fixmatch: keep a pseudo-label where the model's top probability reaches this
    confidence_threshold: float = 0.8
    # fixmatch: weight of the loss on the unlabelled windows
    unlabelled_weight: float = 1.0
    # fixmatch: rescale each batch's predictions towards the class prior (ReMixMatch)
    distribution_alignment: bool = True
    # fixmatch: balance each epoch's pseudo-labels over all unlabelled windows to the class prior (Sinkhorn; replaces
    # distribution_alignment); turn off when faults are rare
    balanced_pseudo_labels: bool = True
    # fixmatch: the weak view of a window, whose prediction gives the pseudo-label
    weak_augment: AugmentConfig = field(default_factory=lambda: AugmentConfig(
        noise_std=0.05, scale_std=0.1, stretch=0.04))
    # fixmatch: the strong view of a window, trained to match the pseudo-label
    strong_augment: AugmentConfig = field(default_factory=lambda: AugmentConfig(
        noise_std=0.1, scale_std=0.2, stretch=0.12, probability=1.0))

    def problems(self) -> list[str]:
        out = []
        if self.epochs < 0:
            out.append(f"epochs must be >= 0, got {self.epochs}")
        if self.batch_size < 2:
            out.append(f"batch_size must be >= 2 (batch statistics), got {self.batch_size}")
        if not self.learning_rate > 0:
            out.append(f"learning_rate must be > 0, got {self.learning_rate}")
        if self.alignment_weight is not None and not self.alignment_weight >= 0:
            out.append(f"alignment_weight must be >= 0 or null (the method's default), got {self.alignment_weight}")
        if self.pseudo_label_warmup < 0:
            out.append(f"pseudo_label_warmup must be >= 0, got {self.pseudo_label_warmup}")
        if not self.max_scale >= 1:
            out.append(f"max_scale must be >= 1, got {self.max_scale}")
        if not 0 <= self.sample_shrinkage <= 1:
            out.append(f"sample_shrinkage must be in [0, 1], got {self.sample_shrinkage}")
        if not 0 < self.confidence_threshold <= 1:
            out.append(f"confidence_threshold must be in (0, 1], got {self.confidence_threshold}: e.g. 0.8")
        if not 0 <= self.absent_class_share < 1:
            out.append(f"absent_class_share must be in [0, 1), got {self.absent_class_share}: e.g. 0.1")
        if not self.unlabelled_weight >= 0:
            out.append(f"unlabelled_weight must be >= 0, got {self.unlabelled_weight}")
        return out


@dataclass(frozen=True)
class TransferConfig:
    """Phase 2 for plants without (enough) labels: adapt the shared model inside the plant.

    ``default_method``: a registered transfer method (``common.extensions.transfer_methods``).
    """

    # the transfer method of every target plant without its own plants[].transfer
    default_method: str = "auto"
    # how source plants release their DP feature statistics
    stats: StatsReleaseConfig = field(default_factory=StatsReleaseConfig)
    # how a target adapts inside the plant
    adaptation: AdaptationConfig = field(default_factory=AdaptationConfig)

    def problems(self) -> list[str]:
        problem = transfer_method_problem("default_method", self.default_method)
        return [problem] if problem else []


def detector_problem(key: str, name: str) -> str | None:
    """Why ``name`` (set at ``key``) is not a registered anomaly detector, or None when it is."""
    return name_problem(key, name, DETECTORS.names(), "an anomaly detector")


@dataclass(frozen=True)
class PersistenceConfig:
    """An alarm needs ``k`` windows above the threshold among the last ``n`` of a recording."""

    # windows above the threshold needed for an alarm
    k: int = 1
    # among the last n windows of a recording
    n: int = 1

    def problems(self) -> list[str]:
        if not 1 <= self.k <= self.n <= 1000:
            return [f"needs 1 <= k <= n <= 1000 (k of the last n windows), got k={self.k}, n={self.n}: "
                    "e.g. {k: 2, n: 3}, or {k: 1, n: 1} for single-window alarms"]
        return []


@dataclass(frozen=True)
class DetectorConfig:
    """``plants[].detector``: a health score and an alarm per window (client/anomaly.py).

    The detector is fit on the plant's normal training windows (those labelled ``normal_class``;
    a plant without labels: all its training windows), except the last ``calibration_fraction`` of
    them, on which the alarm threshold is calibrated to ``false_alarm_rate``. ``baseline`` (another
    detector, by default the classic PCA T²/SPE) is fitted and calibrated the same way and reported
    beside it; with ``alarm: union`` (the default) the alarm fires where either chart does, with one
    threshold on ``max_j health_j / threshold_j`` calibrated to the same rate on the same windows.
    """

    # the anomaly detector
    name: str = "feature_mahalanobis"
    # the alarm threshold is calibrated to this false-alarm rate on held-out normal windows
    false_alarm_rate: float = 0.01
    persistence: PersistenceConfig = field(default_factory=PersistenceConfig)
    # share of the normal training windows (the latest) held out to calibrate the threshold
    calibration_fraction: float = 0.3
    # the class whose windows are normal (a plant without labels: all its training windows)
    normal_class: str = "normal"
    # a second detector fitted and calibrated the same way and reported beside it (null: none)
    baseline: str | None = "pca_t2_spe"
    # EWMA weight of the newest window's score per window length of time (1: no smoothing; 0.2: the usual
    # control-chart weight, for recordings in time order); the threshold is calibrated on smoothed scores.
    # auto: the plant chooses from 1, 0.7, 0.5, 0.35, 0.2 the smallest whose smoothed normal calibration scores
    # still hold about 1/false_alarm_rate - 1 independent windows (else 1)
    smoothing: float | Literal["auto"] = 1.0
    # 0: calibrate on the held-out latest windows (calibration_fraction); k >= 2: on out-of-fold scores of all
    # the normal training windows, k blocks in time, the detector then fitted on all of them
    cross_fit_folds: int = 0
    # what raises the alarm (predict, the model card): union: the detector's chart or its baseline's, one threshold
    # on max(health_j / threshold_j) calibrated to false_alarm_rate on the same normal windows (a plant without
    # faults cannot tell which chart suits its data); detector: the detector's chart alone (also without a baseline)
    alarm: Literal["union", "detector"] = "union"

    def problems(self) -> list[str]:
        out = [p for p in (detector_problem("name", self.name),
                           None if self.baseline is None else detector_problem("baseline", self.baseline)) if p]
        if not 0.0 < self.false_alarm_rate < 0.5:
            out.append(f"false_alarm_rate must be in (0, 0.5), got {self.false_alarm_rate}: e.g. 0.01 "
                       "(1 % of normal windows)")
        if not 0.0 < self.calibration_fraction < 1.0:
            out.append(f"calibration_fraction must be in (0, 1), got {self.calibration_fraction}: e.g. 0.3 "
                       "(the last 30 % of the normal training windows calibrate the threshold)")
        if not self.normal_class:
            out.append("normal_class must name the class of normal operation, e.g. normal")
        if self.cross_fit_folds == 1 or not 0 <= self.cross_fit_folds <= 100:
            out.append(f"cross_fit_folds must be 0 (hold out calibration_fraction) or 2..100, got "
                       f"{self.cross_fit_folds}: e.g. 5")
        if self.smoothing != "auto" and not 0.0 < float(self.smoothing) <= 1.0:
            out.append(f"smoothing must be in (0, 1] or auto, got {self.smoothing}: e.g. 0.2 (an EWMA of the "
                       "window scores over about 9 windows), 1 for none, or auto (chosen on the plant's normal "
                       "calibration scores)")
        return out


@dataclass(frozen=True)
class DataSpec:
    """Which data source feeds a plant, and that source's typed parameters."""

    source: str
    params: Any


@dataclass(frozen=True)
class PlantSpec:
    # the plant's id (names its state and run folders): 1 to 64 letters, digits, '_', '.' or '-'
    id: str
    # the plant's data: `source`, and that source's settings
    data: DataSpec
    # share of the plant's training windows that keep their labels (0: an unlabelled target plant)
    labelled_fraction: float = 1.0
    # the plant's lifetime ε budget (the tighter of this and privacy.budget_epsilon)
    privacy_budget: float | None = None
    # keep this plant's state (model, privacy ledger) here across runs (null: the scenario's state_dir, else inside
    # the run folder)
    state_dir: str | None = None
    # keep k labelled training windows per class (seeded), the rest unlabelled: a few-shot target plant
    k_shot: int | None = None
    transfer: str | None = None  # a registered transfer method (None: the federation's default)
    privacy_policy: PrivacyPolicy | None = None  # simulation: this plant's own policy (else the scenario's)
    # the classes this plant has training labels for (None: all of its data's); the others stay in its
    # test split, where the report measures how well it recognises classes it never had (issue 17)
    labelled_classes: tuple[str, ...] | None = None
    detector: DetectorConfig | None = None  # anomaly detection for this plant (None: none)
    # the 0-based channels of the plant's data the model takes, in this order (None: all), e.g. [0] for a
    # plant with two accelerometers joining a one-channel federation; predict applies the same selection
    use_channels: tuple[int, ...] | None = None

    @property
    def has_labels(self) -> bool:
        return (self.k_shot or 0) > 0 if self.k_shot is not None else self.labelled_fraction > 0


@dataclass(frozen=True)
class SyntheticPlantsConfig:
    """Generate ``count`` synthetic plants with reproducible, shifted parameters."""

    # how many plants to generate
    count: int
    # seed of the generated plants' operating points
    seed: int = 0
    # training windows per class of each generated plant
    num_windows_per_class: int = 100
    # share of each generated plant's training windows that keep their labels
    labelled_fraction: float = 1.0
    # generated ids are this prefix and a number
    id_prefix: str = "plant-"

    def problems(self) -> list[str]:
        out = []
        if self.count < 1:
            out.append(f"count must be >= 1, got {self.count}")
        elif self.count > MAX_SYNTHETIC_PLANTS:
            out.append(f"count must be <= {MAX_SYNTHETIC_PLANTS} plants, got {self.count}: generate fewer plants "
                       "(plants sample the population, e.g. 1000)")
        seed = seed_problem("seed", self.seed)
        if seed:
            out.append(seed)
        if self.num_windows_per_class < 2:
            out.append(f"num_windows_per_class must be >= 2, got {self.num_windows_per_class}")
        elif self.num_windows_per_class > MAX_WINDOWS_PER_CLASS:
            out.append(f"num_windows_per_class must be <= {MAX_WINDOWS_PER_CLASS}, got {self.num_windows_per_class}: "
                       "use a few hundred windows per class")
        last_id = f"{self.id_prefix}{max(self.count - 1, 0)}"
        if plant_id_problem(last_id) is not None:
            out.append(f"id_prefix {self.id_prefix[:80]!r} makes plant ids like {last_id[:80]!r}, which cannot name a "
                       f"plant: {PLANT_ID_RULE}")
        if not 0.0 <= self.labelled_fraction <= 1.0:
            out.append(f"labelled_fraction must be in [0, 1], got {self.labelled_fraction}")
        return out


def target_range_problems(target_range: tuple[float, ...] | None, task: str) -> list[str]:
    """``target_range`` must be two finite numbers, low < high, and only for regression."""
    if target_range is None or task not in TASKS:
        return []
    if not task_named(task).allows_target_range:
        return [f"target_range {list(target_range)} applies to regression only (task is {task}): remove it"]
    if len(target_range) != 2 or not all(math.isfinite(v) for v in target_range) \
            or not target_range[0] < target_range[1]:
        return [f"target_range must be [low, high], two finite numbers with low < high (e.g. [0, 125] for "
                f"RUL capped at 125), got {list(target_range)}"]
    return []


def target_output_problems(target_outputs: int, target_scale: float | tuple[float, ...], task: str) -> list[str]:
    """``target_outputs`` (K) >= 1, more than one only for a task without classes; ``target_scale`` one
    positive number or K of them (one per output)."""
    out = []
    if target_outputs < 1:
        out.append(f"target_outputs must be >= 1 (the outputs per window of the regression target), "
                   f"got {target_outputs}")
    elif target_outputs > 1 and task in TASKS and not task_named(task).needs_target:
        out.append(f"target_outputs {target_outputs} applies to regression only (task is {task}): remove it")
    scales = target_scale if isinstance(target_scale, tuple) else (target_scale,)
    if not all(math.isfinite(v) and v > 0 for v in scales):
        out.append(f"target_scale must be > 0 (e.g. the RUL cap, 125), got {target_scale}")
    if isinstance(target_scale, tuple) and len(target_scale) != target_outputs:
        out.append(f"target_scale lists {len(target_scale)} numbers but target_outputs is {target_outputs}: give one "
                   "number for every output, or a single number for all")
    return out


def target_scaling_problems(target_scaling: str, target_scale: float | tuple[float, ...], task: str) -> list[str]:
    """``target_scaling: plant`` only for regression, and never together with a ``target_scale``."""
    if target_scaling != "plant":
        return []
    if task in TASKS and not task_named(task).needs_target:
        return [f"target_scaling 'plant' applies to regression only (task is {task}): remove it"]
    if target_scale != 1.0:
        return [f"target_scaling 'plant' divides every target by the plant's own training spread, so target_scale "
                f"{list(target_scale) if isinstance(target_scale, tuple) else target_scale} would be ignored: "
                "remove target_scale, or set target_scaling: fixed"]
    return []


@dataclass(frozen=True)
class Scenario:
    """A whole federation: every plant, the shared model and how it is trained."""

    # the federation's name; run folders are runs/<name>-<timestamp>
    name: str
    plants: tuple[PlantSpec, ...]
    # the run's seed (plant sampling, initialisation, generated data; never the DP noise, which is secret)
    seed: int = 0
    task: str = DEFAULT_TASK  # a registered task (common.extensions.tasks)
    # Regression: the model learns target / target_scale; one number, or one per output (K of them)
    target_scale: float | tuple[float, ...] = 1.0
    # Regression: fixed = every plant divides by target_scale; plant = each plant divides every output by
    # its own spread (std over its labelled training windows), kept with its model for predict and export
    # and never sent to the coordinator, so outputs weigh alike at every plant (common/target_scaling.py)
    target_scaling: TargetScaling = "fixed"
    # Regression: K, the outputs per window (each plant's target is (N,) for 1, (N, K) for K > 1)
    target_outputs: int = 1
    # Regression only: [low, high], the interval the target is known to lie in (target units, e.g.
    # [0, 125] for RUL capped at 125). Predictions are clipped into it — a projection onto a set
    # that holds every true target, so no prediction's error grows. null: predictions unclipped.
    target_range: tuple[float, ...] | None = None
    window: WindowConfig = field(default_factory=WindowConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    federation: FederationConfig = field(default_factory=FederationConfig)
    personalisation: PersonalisationConfig = field(default_factory=PersonalisationConfig)
    privacy: PrivacyConfig = field(default_factory=PrivacyConfig)
    evaluation: EvaluationConfig = field(default_factory=EvaluationConfig)
    transfer: TransferConfig = field(default_factory=TransferConfig)
    simulation: SimulationConfig = field(default_factory=SimulationConfig)
    # Simulation: the privacy policy of every simulated plant without its own ``privacy_policy``.
    # null: DP required exactly when ``privacy.enabled`` (or the plant has a privacy_budget), the
    # other limits at their safe defaults (common/privacy/policy.py).
    plant_policy: PrivacyPolicy | None = None
    # folder the run folders are written to
    runs_dir: str = "runs"
    # keep every plant's state (models, privacy ledger) here across runs (null: inside the run folder)
    state_dir: str | None = None
    source_file: str = ""
    base_dir: str = "."

    def problems(self) -> list[str]:
        out = []
        if (not self.name or len(self.name) > MAX_NAME_LENGTH or any(c in self.name for c in "/\\")
                or not self.name.isprintable()):
            out.append(f"name {self.name[:80]!r} must be 1 to {MAX_NAME_LENGTH} printable characters without '/' or "
                       "'\\' (it names the run's folder): e.g. name: line3-bearings")
        seed = seed_problem("seed", self.seed)
        if seed:
            out.append(seed)
        out.extend(target_output_problems(self.target_outputs, self.target_scale, self.task))
        out.extend(target_scaling_problems(self.target_scaling, self.target_scale, self.task))
        bad_task = task_problem(self.task)
        if bad_task:
            out.append(bad_task)
        out.extend(target_range_problems(self.target_range, self.task))
        if self.personalisation.mode == "ridge" and self.task in TASKS and task_named(self.task).has_classes:
            out.append(f"personalisation.mode: ridge fits a regression head, but task is {self.task}: use mode head, "
                       "full or fedrep for classes, or task: regression")
        if self.personalisation.posterior_smoothing != "none" and self.task in TASKS and \
                not task_named(self.task).has_classes:
            out.append(f"personalisation.posterior_smoothing: {self.personalisation.posterior_smoothing} smooths class "
                       f"posteriors, but task is {self.task}: set it to none")
        strategy = self.federation.strategy.name
        if self.privacy.enabled and strategy in STRATEGIES and not STRATEGIES.get(strategy).meta.get(
                "works_with_dp_sgd", True):
            usable = [n for n in STRATEGIES.names() if STRATEGIES.get(n).meta.get("works_with_dp_sgd", True)]
            out.append(
                f"federation.strategy.name: {strategy} cannot be combined with privacy.enabled — its plant-side "
                f"term is not part of the DP-SGD per-sample clipping here; use {', '.join(usable)} with DP"
            )
        if self.privacy.enabled and self.federation.meta_learning.algorithm != "none":
            out.append(
                f"federation.meta_learning.algorithm: {self.federation.meta_learning.algorithm} cannot be combined "
                "with privacy.enabled — its local updates are not DP-SGD and would not be accounted; set "
                "meta_learning.algorithm: none (plain DP-SGD pretraining) or privacy.enabled: false"
            )
        return out


@dataclass(frozen=True)
class RunSpec:
    """What the coordinator sends every plant: the shared model and how to train it."""

    scenario_name: str
    seed: int
    window: WindowConfig
    model: ModelConfig
    federation: FederationConfig
    personalisation: PersonalisationConfig
    privacy: PrivacyConfig
    num_classes: int
    class_names: tuple[str, ...]
    baselines: tuple[BaselineName, ...]
    transfer: TransferConfig = field(default_factory=TransferConfig)
    task: str = DEFAULT_TASK
    target_scale: float | tuple[float, ...] = 1.0  # one number, or one per output
    target_scaling: TargetScaling = "fixed"  # plant: each plant's own training spread (Plant.target_scale)
    target_range: tuple[float, ...] | None = None  # regression: predictions clipped into [low, high]
    target_outputs: int = 1  # regression: outputs per window (K)
    channels: int = 0  # input channels every plant must have (0: not yet known)
    # set by the coordinator once it knows the targets: source plants will be asked for DP feature
    # statistics this run, so they calibrate their noise for that release too (one budget)
    source_stats_planned: bool = False
    # set by the coordinator after hello: the classes some labelled plant declared labels for (None: not
    # known, a labelled plant kept its label list home); a class outside it no plant can teach the model
    labelled_classes: tuple[str, ...] | None = None

    @property
    def num_outputs(self) -> int:
        """Logits per class, or K = target_outputs for regression (the target divided by target_scale)."""
        return task_named(self.task).num_outputs(self.num_classes, self.target_outputs)

    def problems(self) -> list[str]:
        bad_task = task_problem(self.task)
        if bad_task:
            return [bad_task]
        return (target_output_problems(self.target_outputs, self.target_scale, self.task)
                + target_scaling_problems(self.target_scaling, self.target_scale, self.task))

"""Fuzz tier (in the default run, about a minute): mutated scenario files, plant manifests and data
files end in success or in one project error — a ConfigError / DataValidationError whose message
names the file — never in another exception, and never slowly.

Hypothesis drives the mutations from a fixed seed (``derandomize``), so a run is repeatable; a
failure prints the shrunk mutation list that reproduces it. Each example is bounded in time
(``EXAMPLE_SECONDS``) and, for data files, in memory: the plant's memory limit is lowered to
``FUZZ_MEMORY`` so a mutated header cannot make a legitimate but huge allocation.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.config import ConfigError, load_scenario
from common.data import DataValidationError, DirectoryParams, WindowSpec, load_plant_data, signal_files
from common.data import directory as directory_module

pytestmark = [  # numpy's notes on odd (mutated) .npy headers: expected here, not worth a line each
    pytest.mark.filterwarnings("ignore:Reading `.npy` or `.npz` file required additional header parsing"),
    pytest.mark.filterwarnings("ignore:Data type alias"),
]

EXAMPLE_SECONDS = 10.0  # the slowest legitimate input here: ~100 000 generated plants, ~5 s
FUZZ_MEMORY = 64 * 2**20
WINDOW = WindowSpec(length=32, test_fraction=0.25)


def fuzz_settings(examples: int) -> settings:
    return settings(max_examples=examples, deadline=timedelta(seconds=EXAMPLE_SECONDS), derandomize=True,
                    database=None, print_blob=False,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])


# ----------------------------------------------------------------------------- text mutations

# values that keep a line well-formed YAML but test the typed checks (ranges, types, names, bounds)
VALUE_TOKENS = [
    ".inf", "-.inf", ".nan", "1.0e+400", "1e9", "1000000000", "100000000", "0x" + "f" * 40, "-1", "0", "0.0",
    "~", "yes", "[]", "{}", "'..'", "..", ".", "../x", "/etc/passwd", "a/b", "2020-01-01", "x" * 300, "é",
    "1048577", "1048576", "100001", "4294967296", "-.5", "1e-300", "'1e-5'", "'inf'", "null", "[1, 2]",
    "{a: 1}", "'\\0'", "3", "0.5", "true", "fedavg", "synthetic", "directory", "spectrum", "-0x10",
]
# tokens that bend or break the YAML itself: anchors, tags, merges, duplicates, nesting, syntax
SYNTAX_TOKENS = [
    "&a 1", "*a", "&a [1, *a]", "!!python/object/apply:os.system ['true']", "!!set {a}", "!!binary aGk=",
    "!!float x", "<<: {a: 1}", "{a: 1, a: 2}", "[" * 80, "{" * 80, '"\\0"', "2020-13-01", "\t", "- ", ": ",
    "#", "'", '"', "|", ">", "%YAML 1.1", "---", "...", "\n  extra: 1", "\n- x", "? [a]\n: 1", "=", "<<", "!",
    "!!str",
]
TEXT = st.text(alphabet=st.sampled_from(list("abcz019.-_:{}[],&*!|>#'\"\n \t~?<=%@`\\/")), max_size=12)
EDIT_KINDS = ["insert", "delete", "duplicate_line", "swap_lines", "truncate"]


def mutations(values: list[str]) -> st.SearchStrategy:
    """Lists of (kind, a, b, token) edits for :func:`mutate_text`: mostly a scalar replaced by one of
    ``values`` (the file stays well-formed, so the typed checks run), sometimes a structural edit."""
    value = st.tuples(st.just("replace_value"), st.integers(0, 2**16), st.integers(0, 2**16),
                      st.sampled_from(values))
    edit = st.tuples(st.sampled_from(EDIT_KINDS), st.integers(0, 2**16), st.integers(0, 2**16),
                     st.one_of(st.sampled_from(SYNTAX_TOKENS + values), TEXT))
    return st.lists(st.one_of(value, value, edit), min_size=1, max_size=3)


SCALAR_VALUE = re.compile(r"(?<=: )[^,{}\[\]\n#]+")


def mutate_text(text: str, mutations: list[tuple[str, int, int, str]]) -> str:
    """Apply each (kind, a, b, token): positions are taken modulo the current text or line count."""
    for kind, a, b, token in mutations:
        lines = text.split("\n")
        if kind == "replace_value":  # a scalar after "key: ", in block or flow style
            values = list(SCALAR_VALUE.finditer(text))
            if values:
                match = values[a % len(values)]
                text = text[:match.start()] + token + text[match.end():]
        elif kind == "insert":
            at = a % (len(text) + 1)
            text = text[:at] + token + text[at:]
        elif kind == "delete":
            at = a % (len(text) + 1)
            text = text[:at] + text[at + b % 40:]
        elif kind == "duplicate_line":
            i = a % len(lines)
            lines.insert(b % (len(lines) + 1), lines[i])
            text = "\n".join(lines)
        elif kind == "swap_lines":
            i, j = a % len(lines), b % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:  # truncate
            text = text[: a % (len(text) + 1)]
    return text


def run_bounded(call, *args):
    start = time.perf_counter()
    try:
        return call(*args)
    finally:
        elapsed = time.perf_counter() - start
        assert elapsed < EXAMPLE_SECONDS, f"took {elapsed:.1f} s"


# ----------------------------------------------------------------------------- scenarios

SCENARIOS = [
    """\
name: fuzz
seed: 3
window: {length: 64, stride: 32, test_fraction: 0.25}
model: {channels: [8, 16], groups: 4, feature_dim: 16}
federation:
  rounds: 2
  max_update_norm: 100.0
  strategy: {name: fedadam, server_learning_rate: 0.05}
  training: {local_epochs: 1, batch_size: 16, learning_rate: 0.003}
personalisation: {mode: head, epochs: 2}
privacy: {enabled: true, noise_multiplier: 1.1, max_grad_norm: 1.0}
plants:
  - {id: north, data: {source: synthetic, rpm: 1750, load: 0.3, num_windows_per_class: 8}}
  - id: south
    labelled_fraction: 0.5
    privacy_budget: 4.0
    data: {source: synthetic, rpm: 2900, num_windows_per_class: 8}
""",
    """\
name: generated
synthetic_plants: {count: 3, seed: 1, num_windows_per_class: 16, id_prefix: gen-}
plants:
  - {id: target, labelled_fraction: 0, transfer: coral, data: {source: synthetic, num_windows_per_class: 8}}
transfer:
  default_method: auto
  stats: {noise_multiplier: 3.0, clip_norm: 20.0}
  adaptation: {epochs: 2, learning_rate: 0.0003}
simulation: {cpus_per_plant: 1, gpus_per_plant: 0.5, plant_cache_size: 4}
plant_policy: {require_dp: true}
evaluation: {baselines: [local_only]}
""",
]


@pytest.fixture(scope="module")
def scenario_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz-scenarios")


@fuzz_settings(5000)
@given(seed=st.sampled_from(range(len(SCENARIOS))), edits=mutations(VALUE_TOKENS))
def test_mutated_scenarios_load_or_raise_one_config_error(scenario_dir, seed, edits):
    path = scenario_dir / "scenario.yaml"
    path.write_text(mutate_text(SCENARIOS[seed], edits), encoding="utf-8")
    try:
        run_bounded(load_scenario, path)
    except ConfigError as err:
        assert str(err).startswith(str(path)) and err.problems, "one message naming the file"


# ----------------------------------------------------------------------------- manifests and data files


def npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


RNG = np.random.default_rng(0)
REC1 = npy_bytes(RNG.standard_normal(400).astype(np.float32))
REC2_CSV = "accel\n" + "".join(f"{v:.5f}\n" for v in RNG.standard_normal(400))
X = npy_bytes(RNG.standard_normal((12, 1, 32)))
Y = npy_bytes(np.array([0, 1] * 6, dtype=np.int64))
SPLIT = npy_bytes(np.array(["train", "train", "test", "test"] * 3))

MANIFESTS = [
    """\
format: factoryfl-plant/v1
plant: fuzz
sample_rate_hz: 12000
channels: 1
classes: [normal, fault]
kind: signals
files:
  - {file: rec1.npy, label: normal}
  - {file: rec2.csv, label: fault}
  - {file: rec3.npy}
""",
    """\
format: factoryfl-plant/v1
sample_rate_hz: 12000
channels: 1
classes: [normal, fault]
kind: windows
files:
  - {file: w.npz}
""",
]
MANIFEST_TOKENS = ["../outside/secret.npy", "/etc/hostname", "link.npy", "rec1.npy", "w.npz", "rec2.csv",
                   "missing.npy", ".", "sub/../rec1.npy", "manifest.yaml", "windows", "signals", "regression",
                   "recipe.json", "../recipe.json", "rec3.npy", "[normal, normal]", "[]", "3", "0", "-5"]


def write_plant(root: Path, manifest: str, rec1: bytes = REC1, csv: str = REC2_CSV,
                members: dict[str, bytes] | None = None) -> Path:
    plant = root / "plant"
    plant.mkdir(exist_ok=True)
    (root / "outside").mkdir(exist_ok=True)
    (root / "outside" / "secret.npy").write_bytes(REC1)
    if not (plant / "link.npy").is_symlink():
        (plant / "link.npy").symlink_to(root / "outside" / "secret.npy")
    (plant / "recipe.json").write_text('{"kind": "none"}')
    (plant / "rec1.npy").write_bytes(rec1)
    (plant / "rec3.npy").write_bytes(REC1)
    (plant / "rec2.csv").write_text(csv)
    with zipfile.ZipFile(plant / "w.npz", "w") as archive:
        for name, data in (members or {"x": X, "y": Y, "split": SPLIT}).items():
            archive.writestr(f"{name}.npy", data)
    (plant / "manifest.yaml").write_text(manifest, encoding="utf-8")
    return plant


def load_or_data_error(plant: Path) -> None:
    try:
        run_bounded(load_plant_data, "directory", "p", DirectoryParams(str(plant)), WINDOW, plant.parent)
    except DataValidationError as err:
        assert str(plant) in str(err) and err.problems, "one message naming the file"


@pytest.fixture(scope="module")
def small_memory():
    """Lower the plant's memory limit for the module (monkeypatch is function-scoped)."""
    saved = signal_files.memory_limit, directory_module.memory_limit
    signal_files.memory_limit = directory_module.memory_limit = lambda: FUZZ_MEMORY
    yield
    signal_files.memory_limit, directory_module.memory_limit = saved


@pytest.fixture(scope="module")
def data_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz-plants")


def test_unmutated_plants_load(data_root, small_memory):
    for manifest in MANIFESTS:
        data = load_plant_data("directory", "p", DirectoryParams(str(write_plant(data_root, manifest))), WINDOW,
                               data_root)
        assert len(data.train) and len(data.test)


@fuzz_settings(4000)
@given(seed=st.sampled_from(range(len(MANIFESTS))), edits=mutations(MANIFEST_TOKENS + VALUE_TOKENS))
def test_mutated_manifests_load_or_raise_one_data_error(data_root, small_memory, seed, edits):
    load_or_data_error(write_plant(data_root, mutate_text(MANIFESTS[seed], edits)))


# npy header fields a mutation may substitute, and raw byte edits
SHAPES = ["(1099511627776,)", "(-1,)", "()", "(0,)", "(12, 1, 32)", "(12, 32)", "(400,)", "(2, 200)",
          "(100000000,)", "(12, 1, 33)", "(3,)", "(12, 0, 32)", "(1, 1, 1, 1)", "[12]", "(1e3,)", "None"]
DESCRS = ["'<f8'", "'<f4'", "'>f4'", "'<f2'", "'<i8'", "'|u1'", "'|b1'", "'|O'", "'<c16'", "'<m8[s]'", "'<M8[D]'",
          "'|V8'", "'<U5'", "'|S5'", "[('a', '<f4')]", "'<f16'", "'<g'", "1", "'x'"]
BYTE_EDIT = st.one_of(
    st.tuples(st.just("shape"), st.sampled_from(SHAPES)),
    st.tuples(st.just("descr"), st.sampled_from(DESCRS)),
    st.tuples(st.just("flip"), st.integers(0, 2**16), st.integers(1, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 2**16)),
    st.tuples(st.just("value"), st.sampled_from([1e300, -1e300, float("inf"), float("nan"), 3.5e38, 1e-320])),
)


def edit_npy(data: bytes, edits: list[tuple]) -> bytes:
    for edit in edits:
        kind = edit[0]
        if kind in ("shape", "descr"):
            head_end = data.find(b"}")
            if head_end < 0:
                continue
            header = data[:head_end].decode("latin1")
            key = "'shape': " if kind == "shape" else "'descr': "
            at = header.find(key)
            if at < 0:
                continue
            start = at + len(key)
            stop = header.find("), ", start) + 1 if kind == "shape" else header.find(", ", start)
            if stop <= start:
                continue
            data = (header[:start] + edit[1] + header[stop:]).encode("latin1") + data[head_end:]
        elif kind == "flip" and data:
            at = edit[1] % len(data)
            data = data[:at] + bytes([data[at] ^ edit[2]]) + data[at + 1:]
        elif kind == "truncate":
            data = data[: edit[1] % (len(data) + 1)]
        elif kind == "value":
            try:
                array = np.load(io.BytesIO(data), allow_pickle=False)
            except Exception:  # noqa: BLE001 - an already broken file stays as it is
                continue
            if isinstance(array, np.ndarray) and array.dtype.kind == "f" and array.size:
                with np.errstate(all="ignore"):
                    array = array.astype(np.float64)
                array.flat[array.size // 2] = edit[1]
                data = npy_bytes(array)
    return data


@fuzz_settings(4000)
@given(target=st.sampled_from(["rec1", "csv", "x", "y", "split", "zip"]),
       edits=st.lists(BYTE_EDIT, min_size=1, max_size=3))
def test_mutated_data_files_load_or_raise_one_data_error(data_root, small_memory, target, edits):
    members = {"x": X, "y": Y, "split": SPLIT}
    rec1, csv = REC1, REC2_CSV
    if target == "rec1":
        rec1 = edit_npy(REC1, edits)
    elif target == "csv":
        text = REC2_CSV
        for edit in edits:
            if edit[0] == "value":
                text = text.replace("\n", f"\n{edit[1]!r}\n", 1)
            elif edit[0] == "truncate":
                text = text[: edit[1] % (len(text) + 1)]
            elif edit[0] == "flip" and text:
                at = edit[1] % len(text)
                text = text[:at] + chr((ord(text[at]) ^ edit[2]) % 0x110000 or 1) + text[at + 1:]
        csv = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    elif target in members:
        members[target] = edit_npy(members[target], edits)
    plant = write_plant(data_root, MANIFESTS[0 if target in ("rec1", "csv") else 1], rec1, csv, members)
    if target == "zip":
        data = (plant / "w.npz").read_bytes()
        for edit in edits:
            if edit[0] == "flip" and data:
                at = edit[1] % len(data)
                data = data[:at] + bytes([data[at] ^ edit[2]]) + data[at + 1:]
            elif edit[0] == "truncate":
                data = data[: edit[1] % (len(data) + 1)]
        (plant / "w.npz").write_bytes(data)
    load_or_data_error(plant)

"""`factoryfl data fetch`: download, verify, convert and install against a real local HTTP server.

No machine here reaches the publishers, so the originals are small synthetic files in the
publishers' formats (CWRU's MATLAB records), served by ``http.server`` in a thread through the
``--mirror`` path: success, a checksum mismatch, a 404, an interrupted download, a converted file
that differs from the pinned digest, and the refusal of unpinned originals.
"""

from __future__ import annotations

import dataclasses
import hashlib
import http.server
import json
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import scipy.io

from cli import data as cli_data
from cli.main import main
from common.data.cwru import CwruParams, load_cwru
from common.data.locate import DATA_DIR_ENV, DATASET_FOLDERS
from common.data.windowing import WindowSpec
from deploy.datasets.catalogue import CATALOGUE, CWRU, TEP_CLASS_KEYS, DataSetSpec, Original, cwru_records
from deploy.datasets.cmapss import convert as convert_cmapss
from deploy.datasets.digest import array_digest
from deploy.datasets.download import download
from deploy.datasets.errors import FetchError
from deploy.datasets.fetch import RECORD, fetch
from deploy.datasets.tep import mode_arrays as tep_mode_arrays
from tests.conftest import DATASETS

SAMPLES = 3000


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the directory; ``/cut/<name>`` promises 100000 bytes, sends 10 and closes."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path.startswith("/cut/"):
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"0123456789")
            self.wfile.flush()
            self.close_connection = True
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """(base URL, folder it serves) of a real HTTP server on localhost."""
    folder = tmp_path / "www"
    folder.mkdir()

    def handler(*args, **kwargs):
        return _Handler(*args, directory=str(folder), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder
    finally:
        server.shutdown()
        server.server_close()


def _write_cwru_originals(folder: Path) -> dict[int, np.ndarray]:
    """One tiny MATLAB file per CWRU record the catalogue names, in the publisher's variable naming."""
    rng = np.random.default_rng(0)
    signals = {}
    for original in CWRU.originals:
        number = int(original.name.removesuffix(".mat"))
        signals[number] = rng.standard_normal((SAMPLES, 1))
        mat = {f"X{number:03d}_DE_time": signals[number], f"X{number:03d}_FE_time": rng.standard_normal((SAMPLES, 1)),
               f"X{number:03d}RPM": np.array([[1700 + number]])}
        if number == 99:  # a record file that also carries another record's variable, as some CWRU files do
            mat["X098_DE_time"] = rng.standard_normal((10, 1))
        scipy.io.savemat(folder / original.name, mat)
    return signals


def _pinned(spec: DataSetSpec, folder: Path) -> DataSetSpec:
    """``spec`` with its originals' sha256 pinned to the served files and no output digests."""
    originals = tuple(dataclasses.replace(o, sha256=hashlib.sha256((folder / o.name).read_bytes()).hexdigest())
                      for o in spec.originals)
    outputs = tuple(dataclasses.replace(o, digest=None) for o in spec.outputs)
    return dataclasses.replace(spec, originals=originals, outputs=outputs)


def _left_in(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def test_catalogue_matches_the_resolver_and_the_cli():
    assert set(CATALOGUE) == set(DATASET_FOLDERS) == set(cli_data.DATA_SETS)
    for spec in CATALOGUE.values():
        assert all(o.url.startswith("https://") for o in spec.originals)
        assert all(o.digest and len(o.digest) == 64 for o in spec.outputs), spec.name
        assert len({o.name for o in spec.originals}) == len(spec.originals)


def test_unpinned_originals_are_refused_before_any_download(tmp_path):
    root = tmp_path / "cache"
    with pytest.raises(FetchError, match="--trust-unverified") as err:
        fetch(CWRU, root, mirror="http://127.0.0.1:9")  # nothing listens there: refused before connecting
    assert "no published sha256" in str(err.value)
    assert not root.exists()


def test_fetch_verifies_converts_and_the_loader_finds_it_by_name(served, tmp_path, monkeypatch):
    base, www = served
    signals = _write_cwru_originals(www)
    root = tmp_path / "cache"
    result = fetch(_pinned(CWRU, www), root, mirror=base)
    folder = root / "cwru12k_de"
    assert result.folder == folder and result.originals_verified == len(CWRU.originals)
    assert sorted(p.name for p in folder.iterdir()) == ["FETCHED.json", "load0.npz", "load1.npz", "load2.npz",
                                                        "load3.npz"]
    assert _left_in(root) == ["cwru12k_de"]  # no staging folder left
    record = json.loads((folder / RECORD).read_text())
    assert all(o["verified"] and o["url"].startswith(base) for o in record["originals"])

    with np.load(folder / "load1.npz") as z:
        assert list(z["classes"]) == list(cwru_records(1))
        assert int(z["load_hp"]) == 1 and int(z["fs_hz"]) == 12000
        np.testing.assert_array_equal(z["IR007"], signals[106].astype(np.float32).ravel())
    with np.load(folder / "load0.npz") as z:
        np.testing.assert_array_equal(z["normal"], signals[97].astype(np.float32).ravel())

    monkeypatch.setenv(DATA_DIR_ENV, str(root))
    plant = load_cwru("line-1", CwruParams(load=1), WindowSpec(length=256))
    assert plant.class_names == tuple(cwru_records(1)) and plant.train.x.shape[1:] == (1, 256)


def test_checksum_mismatch_names_the_file_and_keeps_the_previous_copy(served, tmp_path):
    base, www = served
    _write_cwru_originals(www)
    spec = _pinned(CWRU, www)
    root = tmp_path / "cache"
    fetch(spec, root, mirror=base)
    before = (root / "cwru12k_de" / "load0.npz").read_bytes()

    scipy.io.savemat(www / "105.mat", {"X105_DE_time": np.zeros((SAMPLES, 1))})  # the mirror now serves another file
    with pytest.raises(FetchError, match=r"105\.mat .*sha256 .* does not match the pinned"):
        fetch(spec, root, mirror=base)
    assert _left_in(root) == ["cwru12k_de"]
    assert (root / "cwru12k_de" / "load0.npz").read_bytes() == before


def test_converted_arrays_that_differ_from_the_pinned_digest_are_refused(served, tmp_path):
    base, www = served
    _write_cwru_originals(www)
    spec = _pinned(CWRU, www)
    spec = dataclasses.replace(spec, outputs=(dataclasses.replace(spec.outputs[0], digest="0" * 64),)
                               + spec.outputs[1:])
    root = tmp_path / "cache"
    with pytest.raises(FetchError, match=r"load0\.npz: its converted arrays .* differ from the reference"):
        fetch(spec, root, mirror=base)
    assert _left_in(root) == []


def test_http_404_names_the_url_and_leaves_nothing(served, tmp_path):
    base, www = served
    _write_cwru_originals(www)
    (www / "234.mat").unlink()
    root = tmp_path / "cache"
    with pytest.raises(FetchError, match=r"/234\.mat: HTTP 404"):
        fetch(CWRU, root, mirror=base, trust_unverified=True)
    assert _left_in(root) == []


def test_interrupted_download_is_an_error_and_leaves_nothing(served, tmp_path):
    base, www = served
    spec = DataSetSpec(name="cwru", title="t", publisher="p", cite="c",
                       originals=(Original("cut/97.mat", "https://example.invalid/97.mat", sha256="0" * 64),),
                       outputs=CWRU.outputs, converter=CWRU.converter)
    root = tmp_path / "cache"
    with pytest.raises(FetchError, match=r"/cut/97\.mat: download interrupted"):
        fetch(spec, root, mirror=base)
    assert _left_in(root) == []


def test_a_body_larger_than_any_original_is_refused(served, tmp_path):
    base, www = served
    (www / "big.mat").write_bytes(b"x" * 100)
    with pytest.raises(FetchError, match="announces 100 bytes, more than any original"):
        download(f"{base}/big.mat", tmp_path / "big.mat", max_bytes=50)


def test_unreachable_host_is_one_clear_error(tmp_path):
    spec = dataclasses.replace(CWRU, originals=(Original("97.mat", "https://x.invalid/97.mat", sha256="0" * 64),))
    with pytest.raises(FetchError, match="cannot connect"):
        fetch(spec, tmp_path / "cache", mirror="http://127.0.0.1:9", timeout=5)
    assert _left_in(tmp_path / "cache") == []


def test_cli_data_fetch_refuses_unverified_and_data_list_shows_the_places(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    (tmp_path / "env" / "cmapss").mkdir(parents=True)
    np.savez(tmp_path / "env" / "cmapss" / "fd002.npz", x=np.zeros(1))

    assert main(["data", "fetch", "tep"]) == 2
    err = capsys.readouterr().err
    assert "116 of 116 originals have no published sha256" in err and "--trust-unverified" in err
    assert not (tmp_path / "env" / "tep_multimode").exists()

    assert main(["data", "list"]) == 0
    out = capsys.readouterr().out
    assert f"{tmp_path / 'env' / 'cmapss'}  1/4 files  <- used" in out
    assert f"{tmp_path / 'xdg' / 'factoryfl' / 'cwru12k_de'}  absent" in out


def test_cli_fetch_from_a_mirror_then_list_shows_the_fetched_copy(served, tmp_path, monkeypatch, capsys):
    base, www = served
    _write_cwru_originals(www)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    assert main(["data", "fetch", "cwru", "--mirror", base, "--trust-unverified"]) == 2  # synthetic ≠ reference
    assert "load0.npz: its converted arrays" in capsys.readouterr().err
    assert main(["data", "fetch", "cwru", "--mirror", base + "/nothing-here", "--trust-unverified"]) == 2
    assert "HTTP 404" in capsys.readouterr().err
    assert not (tmp_path / "xdg" / "factoryfl" / "cwru12k_de").exists()
    fetch(_pinned(CWRU, www), tmp_path / "xdg" / "factoryfl", mirror=base)
    assert main(["data", "list"]) == 0
    assert "4/4 files (fetched " in capsys.readouterr().out


# ------------------------------------------------------------------------------ against the reference copy

def _reference(name: str) -> Path:
    folder = DATASETS / DATASET_FOLDERS[name]
    if not folder.is_dir():
        pytest.skip(f"reference copy not found at {folder}: set FACTORYFL_DATASETS or place ../shared/datasets")
    return folder


def test_pinned_digests_are_those_of_the_reference_copy():
    for name in ("cwru", "cmapss", "tep"):
        folder = _reference(name)
        for out in CATALOGUE[name].outputs:
            with np.load(folder / out.filename) as z:
                assert array_digest(z, out.data_keys) == out.digest, (name, out.filename)


def test_fetch_of_originals_holding_the_reference_values_reproduces_the_pinned_digests(served, tmp_path):
    """The real catalogue (pinned output digests) end to end through a mirror: CWRU records rebuilt in the
    publisher's format from the reference copy's signals convert back to bit-identical arrays."""
    base, www = served
    folder = _reference("cwru")
    for load in range(4):
        with np.load(folder / f"load{load}.npz") as z:
            for cls, number in cwru_records(load).items():
                scipy.io.savemat(www / f"{number}.mat", {f"X{number:03d}_DE_time": z[cls].astype(np.float64)[:, None],
                                                         f"X{number:03d}RPM": np.array([[1797.0]])})
    result = fetch(CWRU, tmp_path / "cache", mirror=base, trust_unverified=True)
    assert result.outputs_verified == 4 and result.originals_unverified == len(CWRU.originals)


def test_cmapss_text_of_the_reference_values_converts_to_the_pinned_digest(tmp_path):
    folder = _reference("cmapss")
    with np.load(folder / "fd001.npz") as z:
        text = {kind: "\n".join(" ".join(f"{v:.9g}" for v in row) for row in z[kind]) + "\n"
                for kind in ("train", "test")}  # %.9g: every float32 back exactly
        text["RUL"] = "\n".join(f"{v:.9g}" for v in z["rul"]) + "\n"
    with zipfile.ZipFile(tmp_path / "CMAPSSData.zip", "w") as zf:
        for k in (1, 2, 3, 4):  # the converter wants all four; fd001's values stand in for the others
            for kind, body in text.items():
                zf.writestr(f"{kind}_FD00{k}.txt", body)
    out = convert_cmapss(tmp_path)
    assert array_digest(out["fd001.npz"], ("rul", "test", "train")) == CATALOGUE["cmapss"].outputs[0].digest


def test_tep_runs_of_the_reference_values_convert_to_the_pinned_digest():
    folder = _reference("tep")
    with np.load(folder / "mode1.npz") as z:
        runs = {}
        for cls in TEP_CLASS_KEYS:
            flags = np.zeros((len(z[cls]), 28))
            if cls != "normal":
                flags[:, int(cls[3:]) - 1] = 1.0
            runs[f"m1d{cls[3:] if cls != 'normal' else '00'}.mat"] = np.hstack([z[cls].astype(np.float64), flags])
    out = tep_mode_arrays(runs, 1)
    assert array_digest(out, TEP_CLASS_KEYS) == CATALOGUE["tep"].outputs[0].digest

"""What ``factoryfl data fetch`` downloads: each data set's originals, their publishers and what is pinned.

Checksums: none of the three publishers publishes sha256 (or any) checksums of these files, and no
machine this catalogue was written on could reach their hosts, so no original carries a pinned
``sha256`` (``None``); ``fetch`` therefore refuses to convert them unless ``--trust-unverified`` is
given. What *is* pinned is the result: each converted file's :func:`~deploy.datasets.digest.array_digest`
over its data arrays, computed from the project's reference copy (``../shared/datasets``, whose
build checked the originals: CWRU's variable names and four independent copies, C-MAPSS's published
row and engine counts, TEP's git blob ids). A fetch whose converted arrays differ from the reference
by one bit is refused. A mirror (``--mirror URL``) serves the same relative names
(:attr:`Original.name`) under its own base URL.
"""

from __future__ import annotations

from dataclasses import dataclass

from common.data.locate import DATASET_FOLDERS


@dataclass(frozen=True)
class Original:
    """One file as its publisher serves it."""

    name: str  # relative path in the download folder and under a mirror, e.g. "105.mat", "M1/m1d00.mat"
    url: str
    sha256: str | None = None  # a published checksum; None: none is published (see the module docstring)


@dataclass(frozen=True)
class Output:
    """One converted file the loaders read, and the digest of its data arrays in the reference copy."""

    filename: str
    data_keys: tuple[str, ...]
    digest: str | None


@dataclass(frozen=True)
class DataSetSpec:
    """A fetchable data set: where its originals come from and how they become the loaders' layout."""

    name: str
    title: str
    publisher: str
    cite: str
    originals: tuple[Original, ...]
    outputs: tuple[Output, ...]
    converter: str  # "module:function", (download folder) -> {output filename: {key: array}}

    @property
    def folder(self) -> str:
        return DATASET_FOLDERS[self.name]

    def unpinned(self) -> list[Original]:
        return [o for o in self.originals if o.sha256 is None]


# ------------------------------------------------------------------------------ CWRU

CWRU_URL = "https://engineering.case.edu/sites/default/files/{number}.mat"
CWRU_FIRST_RECORD = {"IR007": 105, "B007": 118, "OR007": 130, "IR014": 169, "B014": 185, "OR014": 197,
                     "IR021": 209, "B021": 222, "OR021": 234}
"""Record number of each fault class at 0 HP; at load L (HP) it is this number + L (12k drive-end table)."""
CWRU_NORMAL_RECORD = 97  # 0 HP only: the normal records 98-100 of 1-3 HP are not in the reference copy


def cwru_records(load: int) -> dict[str, int]:
    """Class -> record number of one motor load, in the reference copy's class order."""
    out = {"normal": CWRU_NORMAL_RECORD} if load == 0 else {}
    out.update({cls: first + load for cls, first in CWRU_FIRST_RECORD.items()})
    return out


_CWRU_DIGESTS = (
    "8b031fa4b67b7f84aa8abf42932542b8e8eebfc0a269dda0cf8db7c168573008",
    "4e05e78484f646bee21c86f0db6aa639242f7e668e92552d13a39694e07e7270",
    "789eba9d50373f6bf4d450b5fa4f50ec63d9d23e4ee3e564982e5db47f928346",
    "a56964c882d502a78786630a0ec19ceb3cda671863c86d3dfc5f205a314fe48b",
)

CWRU = DataSetSpec(
    name="cwru",
    title="CWRU bearing data, 12 kHz drive end, motor loads 0-3 HP",
    publisher="Case Western Reserve University Bearing Data Center, https://engineering.case.edu/bearingdatacenter",
    cite="Case Western Reserve University Bearing Data Center (cite the data center's web site)",
    originals=tuple(
        Original(f"{n}.mat", CWRU_URL.format(number=n))
        for n in sorted({n for load in range(4) for n in cwru_records(load).values()})
    ),
    outputs=tuple(Output(f"load{load}.npz", tuple(cwru_records(load)), _CWRU_DIGESTS[load]) for load in range(4)),
    converter="deploy.datasets.cwru:convert",
)

# ------------------------------------------------------------------------------ C-MAPSS

CMAPSS = DataSetSpec(
    name="cmapss",
    title="NASA C-MAPSS turbofan run-to-failure data, FD001-FD004",
    publisher="NASA Ames Prognostics Center of Excellence, Prognostics Data Repository "
              "(https://www.nasa.gov/intelligent-systems-division/discovery-and-systems-health/pcoe/"
              "pcoe-data-set-repository/)",
    cite="A. Saxena, K. Goebel, D. Simon, N. Eklund, Damage Propagation Modeling for Aircraft Engine "
         "Run-to-Failure Simulation, PHM08",
    originals=(Original("CMAPSSData.zip", "https://data.nasa.gov/docs/legacy/CMAPSSData.zip"),),
    outputs=(
        Output("fd001.npz", ("rul", "test", "train"),
               "4fa11b74483d023b5a1fd3a0de58503fa690708348e456eec70f1e5687333c14"),
        Output("fd002.npz", ("rul", "test", "train"),
               "560a759e88b3c19b3b1308bbf691abeef1cab96c179682e2f32c7459b04d6e24"),
        Output("fd003.npz", ("rul", "test", "train"),
               "29676d042ad19e7d58a5acbda5fa1cd848a0290d02ea02580b437b6e6deb51e6"),
        Output("fd004.npz", ("rul", "test", "train"),
               "690f81e5c76040aa89ff037492f9d49d52b474b44315cc10df409d1bf077fafd"),
    ),
    converter="deploy.datasets.cmapss:convert",
)

# ------------------------------------------------------------------------------ TEP multimode

TEP_REPOSITORY = "Lichen0102/Multi-mode-Fault-Diagnosis-Datasets-with-TE-process"
TEP_COMMIT = "09c194f78281bb495da6669cae7a726515f4a4cb"
TEP_URL = f"https://github.com/{TEP_REPOSITORY}/raw/{TEP_COMMIT}/{{name}}"
TEP_MODES = (1, 2, 3, 4)
TEP_CLASS_KEYS = ("normal",) + tuple(f"idv{i:02d}" for i in range(1, 29))


def tep_original_name(mode: int, run: int) -> str:
    """``M{k}/m{k}dNN.mat``: the repository path of mode k's run NN (00 = normal)."""
    return f"M{mode}/m{mode}d{run:02d}.mat"


_TEP_DIGESTS = (
    "0a533fbc9c57bc57641b2372dd72e03bb64db588285fbb992e4e536d77236bf7",
    "2d31fa1ea257948635bef5e856107fac805d4915a2dca4cdc7b9bd236ca8bfdf",
    "61998ea1daeea7f5c763a831f740a527fa20697777887acd46a8ee874d61b593",
    "b5fdd95f4c0cfa7bbb5919b1195f4e8f89e5ad38fdf41426c98290fe507cf44d",
)

TEP = DataSetSpec(
    name="tep",
    title="Tennessee Eastman process (revised model), operating modes 1-4",
    publisher=f"THUFDD group, Tsinghua University: GitHub repository {TEP_REPOSITORY}, commit {TEP_COMMIT}",
    cite="Z. Liu, C. Li, X. He, IEEE Trans. Industrial Informatics 20(4):5495-5504, 2024; A. Bathelt, N. L. Ricker, "
         "M. Jelali, IFAC-PapersOnLine 48(8):309-314, 2015",
    originals=tuple(Original(tep_original_name(m, r), TEP_URL.format(name=tep_original_name(m, r)))
                    for m in TEP_MODES for r in range(29)),
    outputs=tuple(Output(f"mode{m}.npz", TEP_CLASS_KEYS, d) for m, d in zip(TEP_MODES, _TEP_DIGESTS)),
    converter="deploy.datasets.tep:convert",
)

CATALOGUE: dict[str, DataSetSpec] = {spec.name: spec for spec in (CWRU, CMAPSS, TEP)}
"""Every data set ``factoryfl data fetch`` knows, by the name scenarios use."""

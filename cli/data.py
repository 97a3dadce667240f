"""`factoryfl data fetch NAME` and `factoryfl data list`: the named data sets and where they are."""

from __future__ import annotations

import argparse
from pathlib import Path

DATA_SETS = ("cwru", "cmapss", "tep")  # checked against the catalogue by tests/test_data_fetch.py


def cmd_fetch(args: argparse.Namespace) -> int:
    from common.data.locate import fetch_root
    from deploy.datasets.catalogue import CATALOGUE
    from deploy.datasets.fetch import fetch

    root = Path(args.dest).expanduser().absolute() if args.dest else fetch_root()
    result = fetch(CATALOGUE[args.name], root, mirror=args.mirror, trust_unverified=args.trust_unverified,
                   timeout=args.timeout)
    print(f"{args.name}: {len(result.files)} files in {result.folder} ({', '.join(result.files)})")
    if result.originals_unverified:
        print(f"  {result.originals_unverified} originals accepted without a published checksum (--trust-unverified); "
              f"{result.outputs_verified} of {len(result.files)} converted files match the reference copy's digests")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from common.data.locate import places
    from deploy.datasets.catalogue import CATALOGUE

    for name, spec in CATALOGUE.items():
        wanted = [o.filename for o in spec.outputs]
        print(f"{name}: {spec.title}")
        used = False
        for place in places(name):
            present = [f for f in wanted if (place.folder / f).is_file()]
            mark = ""
            if present and not used:
                mark, used = "  <- used", True
            state = f"{len(present)}/{len(wanted)} files" if present else "absent"
            print(f"  {place.label:<20} {place.folder}  {state}{_fetched(place.folder)}{mark}")
        if not used:
            print(f"  not found: factoryfl data fetch {name}")
    return 0


def _fetched(folder: Path) -> str:
    """`` (fetched DATE, ...)`` from the folder's FETCHED.json, or nothing for a copy placed by hand."""
    import json

    from deploy.datasets.fetch import RECORD

    try:
        record = json.loads((folder / RECORD).read_text())
        originals = record["originals"]
        unverified = sum(1 for o in originals if not o["verified"])
        return (f" (fetched {record['fetched_at']}; {len(originals) - unverified} of {len(originals)} originals "
                "checksum-verified)")
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def add_subcommands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("data", help="the named data sets (cwru, cmapss, tep): fetch them, list where they are")
    data_sub = p.add_subparsers(dest="data_command", required=True)

    f = data_sub.add_parser("fetch", help="download a data set's public originals, verify, convert and cache them")
    f.add_argument("name", choices=DATA_SETS, help="the data set, as scenarios name it (source: NAME)")
    f.add_argument("--trust-unverified", action="store_true",
                   help="accept originals that have no published checksum (all three, today); the converted arrays "
                        "are still checked against digests pinned from the project's reference copy")
    f.add_argument("--mirror", default=None, metavar="URL",
                   help="base URL of a copy serving the originals under their catalogue names (e.g. 105.mat, "
                        "CMAPSSData.zip, M1/m1d00.mat) instead of the publishers' hosts")
    f.add_argument("--dest", default=None, metavar="DIR",
                   help="cache root to write into (default: $FACTORYFL_DATA_DIR, else "
                        "$XDG_DATA_HOME/factoryfl or ~/.local/share/factoryfl)")
    f.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds a stalled connection may wait")
    f.set_defaults(func=cmd_fetch)

    ls = data_sub.add_parser("list", help="show where each data set is looked for and which copy the loaders use")
    ls.set_defaults(func=cmd_list)

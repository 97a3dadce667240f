"""`factoryfl predict` and `factoryfl export`: a plant's own use of its personalised model (client/)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def cmd_predict(args: argparse.Namespace) -> int:
    from client.predict import predict, write_predictions

    result = predict(Path(args.state_dir), Path(args.input), args.input_rate_hz, args.shaft_rpm)
    if args.out:
        print(write_predictions(result, Path(args.out)))
    else:
        for row in result["predictions"]:
            print(json.dumps(row))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from client.export import export

    for kind, path in export(Path(args.state_dir), Path(args.out)).items():
        print(f"{kind}: {path}")
    return 0


def add_subcommands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("predict", help="label new sensor files with the plant's personalised model")
    p.add_argument("--state-dir", required=True, help="the plant's state directory")
    p.add_argument("input", help=".npz with x (N, C, L) windows, or a .npy/.csv recording (cut into windows); "
                                 "for a C-MAPSS plant also an engine cycle table (.txt in NASA's layout or .csv "
                                 "with a header): one RUL per engine")
    p.add_argument("--out", help="write .csv or .json (default: one JSON line per window on stdout)")
    p.add_argument("--input-rate-hz", type=float, default=None,
                   help="the recording's sampling rate: a recording at another rate than the model's is "
                        "resampled first (as the plant's training data were); required for a .npy/.csv "
                        "recording when the plant trained with window.resample_to_hz (an .npz may carry "
                        "sample_rate_hz instead)")
    p.add_argument("--shaft-rpm", type=float, default=None,
                   help="the machine's shaft speed during the recording, for a plant trained with order tracking "
                        "(window.samples_per_revolution); default: the plant's own declared speed")
    p.set_defaults(func=cmd_predict)

    p = sub.add_parser("export", help="export the plant's personalised model (torch.export .pt2 and ONNX, each "
                                      "checked against the model) with a model card")
    p.add_argument("--state-dir", required=True, help="the plant's state directory (holds its personalised model)")
    p.add_argument("--out", required=True, help="output directory")
    p.set_defaults(func=cmd_export)

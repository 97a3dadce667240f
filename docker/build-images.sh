#!/usr/bin/env bash
# Build the coordinator and plant images with podman on a host without a registry: a local
# debootstrap base (cached), the machine's CPU torch wheel and CA bundle copied into the context.
# Elsewhere simply: docker build -f docker/Dockerfile --target coordinator -t factoryfl-coordinator .
set -euo pipefail
cd "$(dirname "$0")/.."
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/docker/containers.conf}"
command -v podman >/dev/null || { echo "podman not installed: apt-get install -y podman buildah runc fuse-overlayfs slirp4netns uidmap containernetworking-plugins netavark aardvark-dns debootstrap" >&2; exit 2; }
BASE="${BASE_IMAGE:-localhost/factoryfl-base:bookworm}"
docker/build-local-base.sh "$BASE"
WHEEL_DIR="${TORCH_WHEEL_DIR:-/opt/wheels}"
ls "$WHEEL_DIR"/torch-2.13.0+cpu-*.whl >/dev/null 2>&1 && cp -n "$WHEEL_DIR"/torch-2.13.0+cpu-*.whl docker/wheels/ || true
TORCH_INDEX_ARG=()
ls docker/wheels/torch-*.whl >/dev/null 2>&1 && TORCH_INDEX_ARG=(--build-arg TORCH_INDEX=)
[ -f /etc/ssl/certs/ca-certificates.crt ] && cp /etc/ssl/certs/ca-certificates.crt docker/build-ca/ca.crt
for target in coordinator plant; do
  podman build -f docker/Dockerfile --target "$target" --build-arg BASE_IMAGE="$BASE" "${TORCH_INDEX_ARG[@]}" \
    -t "localhost/factoryfl-$target:latest" .
done

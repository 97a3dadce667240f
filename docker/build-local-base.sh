#!/usr/bin/env bash
# Build a local base image (Debian bookworm, Python 3.11) for hosts that cannot pull python:3.11-slim.
# Cached: does nothing if the image exists. Usage: docker/build-local-base.sh [IMAGE]
set -euo pipefail
IMAGE="${1:-localhost/factoryfl-base:bookworm}"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$(cd "$(dirname "$0")" && pwd)/containers.conf}"
if podman image exists "$IMAGE"; then
  echo "base image $IMAGE exists (cached)"; exit 0
fi
command -v debootstrap >/dev/null || { echo "debootstrap not installed: apt-get install -y debootstrap" >&2; exit 2; }
ROOTFS="$(mktemp -d /var/tmp/factoryfl-rootfs.XXXXXX)"
trap 'rm -rf "$ROOTFS"' EXIT
debootstrap --variant=minbase --include=python3,python3-venv,python3-pip,ca-certificates bookworm "$ROOTFS" >/dev/null
tar -C "$ROOTFS" -c . | podman import --change 'CMD ["/bin/bash"]' - "$IMAGE"
echo "built $IMAGE"

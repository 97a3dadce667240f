# factoryfl — one command to set up and run the demo, one to set up and run the tests.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup demo test test-slow test-all test-deploy test-containers test-netns images bench bench-spine bench-transfer bench-lopo bench-privacy bench-dp-step bench-few-shot bench-cmapss bench-deploy clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/factoryfl simulate simulations/scenarios/default.yaml

test: setup
	$(BIN)/python -m pytest -q

test-slow: setup
	$(BIN)/python -m pytest -q -m slow

test-all: setup
	$(BIN)/python -m pytest -q -m "slow or not slow"

# Real coordinator + plant processes on this host (TLS, auth, plant/coordinator killed): ~5 min each test.
test-deploy: setup
	$(BIN)/python -m pytest -q -m deploy

# Coordinator and plants in separate network namespaces (needs root + iproute2).
test-netns: setup
	$(BIN)/python -m pytest -q -m netns

# Container images built with podman from a local debootstrap base, compose stack run to completion.
CONTAINERS_CONF ?= $(CURDIR)/docker/containers.conf
export CONTAINERS_CONF
images: setup
	docker/build-images.sh

test-containers: images
	$(BIN)/python -m pytest -q -m containers

bench: bench-spine bench-transfer bench-lopo bench-privacy bench-dp-step bench-few-shot bench-cmapss

bench-transfer: setup
	$(BIN)/python -m simulations.benchmarks.transfer_pairs

bench-lopo: setup
	$(BIN)/factoryfl lopo simulations/scenarios/cwru_4plants.yaml --method auto --runs-dir runs/bench-lopo --results-name lopo_cwru_auto

bench-spine: setup
	$(BIN)/python -m simulations.benchmarks.spine

bench-privacy: setup
	$(BIN)/python -m simulations.benchmarks.privacy_utility

bench-dp-step: setup
	$(BIN)/python -m simulations.benchmarks.dp_step_time

bench-deploy: setup
	$(BIN)/python -m simulations.benchmarks.deploy_overhead

bench-few-shot: setup
	$(BIN)/python -m simulations.benchmarks.few_shot --targets load3 --name few_shot
	$(BIN)/python -m simulations.benchmarks.few_shot --base simulations/scenarios/default.yaml --targets plant-d --name few_shot_synthetic

bench-cmapss: setup
	$(BIN)/python -m simulations.benchmarks.cmapss

clean:
	rm -rf $(VENV) runs .pytest_cache

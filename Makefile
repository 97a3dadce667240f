# factoryfl — one command to set up and run the demo, one to set up and run the tests.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup demo docs browser browser-if-possible test test-slow test-all test-deploy test-containers test-netns test-ray-cluster demo-ray-cluster images bench bench-spine bench-transfer bench-lopo bench-lopo-methods bench-privacy bench-privacy-tep bench-privacy-audit bench-robustness bench-label-sets bench-label-sets-fedrs bench-open-set bench-tep-anomaly bench-anomaly bench-anomaly-vibration bench-skew bench-partial-federation bench-skew-federation bench-mixed-rates bench-sensor-shift bench-sensor-inputs bench-do-no-harm bench-dp-step bench-few-shot bench-few-shot-augment bench-cmapss-tuning bench-cmapss bench-cmapss-offsets bench-deploy bench-demo bench-deploy-demo bench-scale bench-gpu bench-tep-classification bench-tep bench-tep-lomo bench-tep-smoothing-delay bench-tep-soft-sensor bench-secagg clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

# DEMO_ARGS: more `factoryfl simulate` arguments (the new-user test passes --runs-dir)
demo: setup
	$(BIN)/factoryfl simulate simulations/scenarios/default.yaml $(DEMO_ARGS)

# Debian's chromium, for the test that renders report.html headless (tests/test_report_html.py skips
# without it); installs with apt-get when run as root, else says what to run
browser:
	@if command -v chromium >/dev/null; then echo "chromium is installed: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else echo "as root: apt-get install -y chromium" >&2; exit 1; fi

# The documentation site: regenerate the generated pages (extensions from the registries, configuration from the
# schema, benchmarks from simulations/results/, the CLI reference from the parser; tests check each is current),
# then build it strictly into site/ (never --quiet: strict mode would count no warnings)
docs: setup
	$(BIN)/python -m common.extensions.docs
	$(BIN)/python -m common.config.reference
	$(BIN)/python -m simulations.benchmark_pages
	$(BIN)/python -m cli.reference
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# best effort before the tests: chromium for the report.html test (installed when root with apt-get; otherwise that
# test skips, naming the package); never fails the target
browser-if-possible:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  timeout 600 sh -c 'apt-get update -qq && apt-get install -y -qq chromium' >/dev/null 2>&1; } || \
	  echo "chromium not installed: tests/test_report_html.py will skip (make browser as root installs it)"

test: setup browser-if-possible
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

# a head + a worker Ray node on this machine, a simulation on them (plants on both nodes)
test-ray-cluster: setup
	$(BIN)/python -m pytest -q -m ray_cluster

demo-ray-cluster: setup
	$(BIN)/python -m simulations.ray_cluster simulations/scenarios/synthetic_50plants.yaml

bench: bench-spine bench-transfer bench-lopo bench-lopo-methods bench-privacy bench-privacy-tep bench-privacy-audit bench-robustness bench-label-sets bench-open-set bench-tep-anomaly bench-anomaly-vibration bench-skew bench-partial-federation bench-skew-federation bench-mixed-rates bench-sensor-shift bench-sensor-inputs bench-do-no-harm bench-dp-step bench-few-shot bench-few-shot-augment bench-cmapss-tuning bench-cmapss bench-cmapss-offsets bench-deploy bench-demo bench-deploy-demo bench-scale bench-tep-classification bench-tep-lomo bench-tep-smoothing-delay bench-tep-soft-sensor bench-secagg

bench-transfer: setup
	$(BIN)/python -m simulations.benchmarks.transfer_pairs

bench-lopo: setup
	$(BIN)/factoryfl lopo simulations/scenarios/cwru_4plants.yaml --method auto --runs-dir runs/bench-lopo --results-name lopo_cwru_auto

bench-lopo-methods: setup
	$(BIN)/python -m simulations.benchmarks.lopo_methods

bench-spine: setup
	$(BIN)/python -m simulations.benchmarks.spine

# issue 18's name for the TEP classification benchmark
bench-tep: bench-tep-classification

# TEP fault classification, each operating mode a plant: window length chosen on validation data, then
# local-only / federated / personalised / centralized and leave-one-mode-out transfer, 3 seeds (~45 min on 2 busy CPUs)
bench-tep-classification: setup
	$(BIN)/python -m simulations.benchmarks.tep_classification

# TEP: the delay posterior smoothing adds after a change of class (local models, the plant's own λ rule),
# 3 seeds x 4 modes (~3 min)
bench-tep-smoothing-delay: setup
	$(BIN)/python -m simulations.benchmarks.tep_smoothing_delay

# TEP leave-one-mode-out: every label-free transfer method, auto and the guard's kept model against the labelled
# in-mode model, three target normalisations, 3 seeds x 4 modes (~70 min on 2 busy CPUs)
bench-tep-lomo: setup
	nice -n 10 $(BIN)/python -m simulations.benchmarks.tep_lomo

bench-privacy: setup
	$(BIN)/python -m simulations.benchmarks.privacy_utility

# TEP's four modes as plants under DP (each plant's reference period scales its variables): no DP vs ε = 3, 3 seeds
bench-privacy-tep: setup
	nice -n 10 $(BIN)/python -m simulations.benchmarks.privacy_utility --only tep_4modes_dp --results-name privacy_utility_tep

# one-run membership audit of DP-SGD in one CWRU plant (claimed ε vs empirical lower bound) and the
# coordinator's white-box attack on one DP-SGD step, reproducible vs secret noise (~2 min on 2 CPUs)
bench-robustness: setup
	$(BIN)/python -m simulations.benchmarks.robustness

bench-label-sets: setup
	$(BIN)/python -m simulations.benchmarks.label_sets

# the same with FedRS's restricted softmax (federation.training.missing_class_logit_scale: 0.5)
bench-label-sets-fedrs: setup
	$(BIN)/python -m simulations.benchmarks.label_sets --missing-class-logit-scale 0.5 --results-name label_sets_fedrs

# issue 17 point 2, open set: CWRU leave-one-plant-out, the target holds a fault no source has (~5 min on 2 CPUs)
bench-open-set: setup
	$(BIN)/python -m simulations.benchmarks.open_set

# issue 18 points 2-4: TEP, each mode in turn a new plant with only normal data; federated detector vs
# local PCA T²/SPE and a random extractor (~20 min on 2 shared CPUs)
bench-tep-anomaly: setup
	$(BIN)/python -m simulations.benchmarks.tep_anomaly

bench-anomaly-vibration: setup
	$(BIN)/python -m simulations.benchmarks.vibration_anomaly

bench-anomaly: bench-tep-anomaly bench-anomaly-vibration

bench-skew: setup
	$(BIN)/python -m simulations.benchmarks.skew

# partial targets end to end: a plant without labels holding 4 of the 9 CWRU classes in a real federation,
# default class prior vs the sources' (~15 min on 2 cores)
bench-partial-federation: setup
	$(BIN)/python -m simulations.benchmarks.partial_federation

# a labelled plant at 48 kHz from another sensor position, with its own class list, among CWRU's 12 kHz plants:
# no resampling vs resample_to_hz vs order tracking, end to end (`factoryfl simulate`; ~25 min on 2 cores)
bench-mixed-rates: setup
	$(BIN)/python -m simulations.benchmarks.mixed_rates

# skewed targets end to end: a synthetic plant without labels, 80 % of its windows normal, in a real federation,
# default class prior vs the sources' (~10 min on 2 cores)
bench-skew-federation: setup
	$(BIN)/python -m simulations.benchmarks.skew_federation

# unlabelled targets with the sensor on another transfer path or at another rate (synthetic) and CWRU
# leave-one-load-out, fixed rate vs order tracking (window.samples_per_revolution), vs a labelled local model
bench-sensor-shift: setup
	$(BIN)/python -m simulations.benchmarks.sensor_shift

# shared-model input (time vs envelope) for targets with the sensor elsewhere or at another rate:
# synthetic + CWRU with the target's sensor on another transfer path; input chosen by leave-one-source-out
bench-sensor-inputs: setup
	nice -n 10 $(BIN)/python -m simulations.benchmarks.sensor_inputs

# issue 17 point 4: kept model vs local-only on the test split over benchmark x seed x plant (18 runs, 2 at a time: ~15 min on 2 shared CPUs)
bench-do-no-harm: setup
	nice -n 10 $(BIN)/python -m simulations.benchmarks.do_no_harm

bench-privacy-audit: setup
	$(BIN)/python -m simulations.benchmarks.privacy_audit

bench-dp-step: setup
	$(BIN)/python -m simulations.benchmarks.dp_step_time

bench-secagg: setup
	$(BIN)/python -m simulations.benchmarks.secagg
	$(BIN)/python -m simulations.benchmarks.secagg_dp

bench-few-shot: setup
	$(BIN)/python -m simulations.benchmarks.few_shot --targets load3 --name few_shot
	$(BIN)/python -m simulations.benchmarks.few_shot --base simulations/scenarios/synthetic_4plants.yaml --targets plant-d --name few_shot_synthetic

# Fine-tuning with augmentation (personalisation.augment), then FixMatch on the unlabelled windows
# (transfer: fixmatch): settings are chosen by k = 5 accuracy on plants a, b and c as few-shot
# targets (never on plant-d), then measured on plant-d; the chosen FixMatch also on CWRU load3.
FEW_SHOT_SYNTHETIC = $(BIN)/python -m simulations.benchmarks.few_shot --base simulations/scenarios/synthetic_4plants.yaml --pretraining fedavg
bench-few-shot-augment: setup
	$(FEW_SHOT_SYNTHETIC) --targets plant-a,plant-b,plant-c --finetune '{}' --name few_shot_synthetic_augment_select_none
	$(FEW_SHOT_SYNTHETIC) --targets plant-a,plant-b,plant-c --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --name few_shot_synthetic_augment_select_cwru
	$(FEW_SHOT_SYNTHETIC) --targets plant-a,plant-b,plant-c --finetune '{"augment": {"noise_std": 0.1, "scale_std": 0.2, "stretch": 0.12}}' --name few_shot_synthetic_augment_select_speed
	$(FEW_SHOT_SYNTHETIC) --targets plant-a,plant-b,plant-c --finetune '{"augment": {"noise_std": 0.1, "scale_std": 0.2, "stretch": 0.12, "probability": 1.0}}' --name few_shot_synthetic_augment_select_speed_always
	$(FEW_SHOT_SYNTHETIC) --targets plant-d --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --name few_shot_synthetic_augment
	$(FEW_SHOT_SYNTHETIC) --targets plant-a,plant-b,plant-c --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --fixmatch '{"learning_rate": 0.001}' --name few_shot_synthetic_fixmatch_select_lr001_10
	$(FEW_SHOT_SYNTHETIC) --targets plant-a,plant-b,plant-c --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --fixmatch '{"learning_rate": 0.001, "epochs": 30}' --name few_shot_synthetic_fixmatch_select_lr001_30
	$(FEW_SHOT_SYNTHETIC) --targets plant-d --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --fixmatch '{"learning_rate": 0.001, "epochs": 30}' --name few_shot_synthetic_fixmatch
	$(FEW_SHOT_SYNTHETIC) --targets plant-a,plant-b,plant-c --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --fixmatch '{"learning_rate": 0.001, "epochs": 30, "distribution_alignment": true}' --name few_shot_synthetic_fixmatch_select_da30
	$(FEW_SHOT_SYNTHETIC) --targets plant-d --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --fixmatch '{"learning_rate": 0.001, "epochs": 30, "distribution_alignment": true}' --name few_shot_synthetic_fixmatch_da
	$(FEW_SHOT_SYNTHETIC) --targets plant-a,plant-b,plant-c --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --fixmatch '{"learning_rate": 0.001, "epochs": 60, "distribution_alignment": true}' --name few_shot_synthetic_fixmatch_select_da60
	$(FEW_SHOT_SYNTHETIC) --targets plant-a,plant-b,plant-c --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --fixmatch '{"learning_rate": 0.001, "epochs": 30, "distribution_alignment": true, "confidence_threshold": 0.9}' --name few_shot_synthetic_fixmatch_select_da30_t09
	$(FEW_SHOT_SYNTHETIC) --targets plant-d --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --fixmatch '{"learning_rate": 0.001, "epochs": 60, "distribution_alignment": true}' --name few_shot_synthetic_fixmatch_da60
	$(FEW_SHOT_SYNTHETIC) --targets plant-a,plant-b,plant-c --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --fixmatch '{"learning_rate": 0.001, "epochs": 60, "balanced_pseudo_labels": true, "confidence_threshold": 0.8}' --name few_shot_synthetic_fixmatch_select_bal60_t08
	$(FEW_SHOT_SYNTHETIC) --targets plant-a,plant-b,plant-c --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --fixmatch '{"learning_rate": 0.001, "epochs": 60, "balanced_pseudo_labels": true}' --name few_shot_synthetic_fixmatch_select_bal60
	$(FEW_SHOT_SYNTHETIC) --targets plant-d --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --fixmatch '{"learning_rate": 0.001, "epochs": 60, "balanced_pseudo_labels": true, "confidence_threshold": 0.8}' --name few_shot_synthetic_fixmatch_bal60_t08
	$(BIN)/python -m simulations.benchmarks.few_shot --targets load3 --pretraining fedavg --finetune '{"augment": {"noise_std": 0.05, "scale_std": 0.1, "stretch": 0.04}}' --fixmatch '{"learning_rate": 0.001, "epochs": 60, "balanced_pseudo_labels": true, "confidence_threshold": 0.8}' --name few_shot_fixmatch_bal60_t08

bench-cmapss-tuning: setup
	$(BIN)/python -m simulations.benchmarks.cmapss_tuning
	$(BIN)/python -m simulations.benchmarks.cmapss_tuning --seeds 2,3 --name cmapss_tuning_seeds23 --candidates 'best + clipped + smoothing 0.95 + 10 rounds,best + clipped + smoothing 0.95 + 10 rounds + window 40,best + clipped + smoothing 0.95 + 10 rounds + window 40 + engine baseline 60'

bench-cmapss: setup
	$(BIN)/python -m simulations.benchmarks.cmapss

bench-cmapss-offsets: setup
	$(BIN)/python -m simulations.benchmarks.cmapss_engine_offsets

# TEP quality soft sensor: PLS per plant vs local-only / federated / personalised, 3 seeds (~10 min on 2 cores)
bench-tep-soft-sensor: setup
	nice -n 10 $(BIN)/python -m simulations.benchmarks.tep_soft_sensor

bench-deploy: setup
	$(BIN)/python -m simulations.benchmarks.deploy_overhead

# the default demo (default.yaml) over seeds 0-2: each plant's gain over local-only (docs/reports.md; ~6 min on 2 cores)
bench-demo: setup
	nice -n 10 $(BIN)/python -m simulations.benchmarks.demo

# the deployment demo (deploy_demo.yaml) over seeds 0-2: shared-model accuracy vs chance and local-only (~5 min)
bench-deploy-demo: setup
	nice -n 10 $(BIN)/python -m simulations.benchmarks.deploy_demo

# overhead vs a plain loop (10, 100 plants), throughput + memory (10, 100, 1000), communication (~10 min on 2 cores)
bench-scale: setup
	$(BIN)/python -m simulations.benchmarks.scale

# on a GPU host: 100 and 1000 plants, per-plant vs vectorised, GPU memory, overhead ratio (~10 min)
bench-gpu: setup
	$(BIN)/python -m simulations.benchmarks.gpu_plants

clean:
	rm -rf $(VENV) runs .pytest_cache

# Bouwgesprek: every command sets itself up on a fresh machine.
#   make run    set up if needed, train if needed, start the bot (REST on PORT)
#   make test   set up if needed, run every test
# Ports, database, retention: settings.env (override: make run PORT=8080).
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
INSTALLED := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
# Rasa and TensorFlow are chatty about things we cannot change; keep the output readable.
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore::DeprecationWarning
# Rasa's telemetry (usage data sent to its maker) is off unless RASA_TELEMETRY=1 (settings.env,
# or the environment); bot/settings.py reads the same setting for the processes it starts.
RASA_TELEMETRY ?= $(shell sed -n 's/^RASA_TELEMETRY=//p' settings.env)
export RASA_TELEMETRY_ENABLED := $(if $(filter 1,$(RASA_TELEMETRY)),true,false)

.PHONY: setup browser postgres deploy-tools cluster-packages run-cluster test-cluster run shell train stats purge bench content-check content-preview lint test test-unit test-stories test-e2e validate clean

$(INSTALLED): requirements.txt
	@echo "Installing Bouwgesprek's Python packages (the first time takes a few minutes; log: var/install.log)"
	@mkdir -p var && : > var/install.log
	@test -x $(PY) || "$$(scripts/find-python.sh)" -m venv $(VENV)
	@$(PY) -m pip install --upgrade pip >>var/install.log 2>&1 && \
	  $(PY) -m pip install -r requirements.txt >>var/install.log 2>&1 && \
	  $(PY) -m bot.names >>var/install.log 2>&1 || \
	  { tail -30 var/install.log; echo "Installing failed; the whole log is in var/install.log" >&2; exit 1; }
	@rm -f $(VENV)/.installed-* && touch $@
	@echo "Installed."

setup: $(INSTALLED)

# Debian's Chromium for the browser tests (tests/e2e/test_web_page.py); no browser download.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(CHROMIUM):
	$(SUDO) apt-get install -y chromium || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

browser: $(CHROMIUM)

# Debian's PostgreSQL: the tests run the tracker store on a throwaway server too.
POSTGRES := /usr/lib/postgresql
$(POSTGRES):
	$(SUDO) apt-get install -y postgresql || { $(SUDO) apt-get update && $(SUDO) apt-get install -y postgresql; }

postgres: $(POSTGRES)

# The tools that check the deployment files (tests/test_deploy_files.py): systemd-analyze,
# nginx and openssl, from Debian.
deploy-tools:
	@command -v systemd-analyze >/dev/null && command -v openssl >/dev/null && \
	  { command -v nginx >/dev/null || test -x /usr/sbin/nginx; } || \
	  $(SUDO) apt-get install -y systemd nginx openssl || \
	  { $(SUDO) apt-get update && $(SUDO) apt-get install -y systemd nginx openssl; }

content-check: setup
	@$(PY) -m bot.check

content-preview: content-check
	@$(PY) -m bot.preview "$(FLOW)"

train: setup content-check
	@$(PY) scripts/train_if_needed.py

run: train
	@scripts/run.sh server

shell: train
	scripts/run.sh shell

# Remove conversations untouched for DAYS days (default: RETENTION_DAYS in settings.env).
# Anonymous figures per week (counts only, never text): server/stats.py. JSON=1 for JSON.
stats: setup
	@$(PY) -m server.stats $(if $(JSON),--json)

purge: setup
	$(PY) -m server.retention purge --days "$(DAYS)"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

validate: setup
	$(RASA) data validate --fail-on-warnings

test-unit: setup content-check postgres deploy-tools
	$(PY) -m pytest tests -m "not e2e and not cluster"

test-stories: train
	scripts/test_stories.sh

test-e2e: train browser postgres
	$(PY) -m pytest tests -m e2e

# Debian's Redis and nginx for the distributed set-up (PostgreSQL: make postgres).
cluster-packages: postgres
	@command -v redis-server >/dev/null && command -v nginx >/dev/null || \
	  $(SUDO) apt-get install -y redis-server nginx || \
	  { $(SUDO) apt-get update && $(SUDO) apt-get install -y redis-server nginx; }

# PostgreSQL, Redis, two Rasa servers, two action servers and nginx on PORT (docs/deploy.md).
run-cluster: train cluster-packages
	$(PY) -m deploy.cluster

# 50 conversations over both Rasa servers; one stops part-way.
test-cluster: train cluster-packages
	$(PY) -m pytest tests -m cluster

test: setup content-check lint validate test-unit test-stories test-e2e test-cluster

# Understanding, speed, memory, start-up and training: docs/benchmarks.md and .json.
# Timed from here, set-up and training included; the report says how long it took.
bench:
	@mkdir -p results && date +%s > results/bench-started
	$(MAKE) train
	$(PY) -m pytest tests/nlu -q
	$(RASA) test nlu --model models/bouwgesprek.tar.gz --nlu tests/nlu/heldout.yml --out results/nlu --no-plot
	$(RASA) test nlu --nlu data/nlu --config config.yml --cross-validation --folds 5 --out results/nlu-cv --no-plot
	$(PY) scripts/bench_privacy.py
	$(PY) scripts/bench_speed.py
	$(PY) scripts/write_benchmarks.py

clean:
	rm -rf $(VENV) models results .pytest_cache

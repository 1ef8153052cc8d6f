# SCO Briefing: `make run` opens the app, `make test` runs the tests, `make bench` measures speed (see benchmarks/).
# All set up .venv first when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# Tests run in parallel (pytest-xdist), one worker more than there are cores: many tests wait on a child process
# (a command, a PDF, PostgreSQL), and the extra worker fills those waits (make test on 2 cores: 5 min 30 s with 2
# workers, 4 min 51 s with 3). A test module stays on one worker (its module-scoped fixtures, such as a built wheel,
# are made once). PYTEST_WORKERS=0 runs them in this process.
PYTEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
XDIST = -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder
BENCH_ARGS ?=

# The signed pack file of the project's own pack (signed with the TEST key in scripts/pack-keys: see docs/packs.md).
PACK_FILE := resources/pack-files/astana-2024.scopack
PACK_KEY := scripts/pack-keys/sco-briefing-test.key

.PHONY: packs install run test test-fast lint bench bundle wheel install-desktop clean screenshots screens system-deps team-server

# The Debian packages of scripts/system-packages/{run,test,bundle}.txt that are missing (apt-get, through sudo
# when not root). `make system-deps SYSTEM_GROUPS=run` installs only what running the app needs.
SYSTEM_GROUPS ?= run test bundle
system-deps:
	sh scripts/install-system-packages.sh $(SYSTEM_GROUPS)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

$(PACK_FILE): $(STAMP) $(PACK_KEY) $(shell find resources/packs/astana-2024 -type f)
	mkdir -p $(dir $@)
	$(BIN)/briefing-app pack build resources/packs/astana-2024 --out $@ --key $(PACK_KEY)

packs: $(PACK_FILE)

install: $(STAMP) $(PACK_FILE)

run: $(STAMP) $(PACK_FILE)
	$(BIN)/briefing-app

test: $(STAMP) $(PACK_FILE)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

test-fast: $(STAMP) $(PACK_FILE)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not e2e" $(XDIST) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Screenshots of every tab at the real and the 100x pack (benchmarks/screens.py), labelled SCREENS_LABEL, then each
# compared with its `before` (pixel counts, montages in build/screens/compare/). A developer tool: not in CI.
SCREENS_LABEL ?= after
SCREENS_ARGS ?= --label $(SCREENS_LABEL) --compare before $(SCREENS_LABEL)
screens: $(STAMP) $(PACK_FILE)
	$(BIN)/python benchmarks/screens.py $(SCREENS_ARGS)

# A throwaway PostgreSQL (Unix socket only) with a team and two demo analysts, until Ctrl+C (see docs/team.md).
team-server: $(STAMP)
	$(BIN)/python scripts/team_server.py

wheel: $(STAMP) $(PACK_FILE)
	$(BIN)/python build_spec/build_dist.py wheel --outdir dist

bundle: $(STAMP) $(PACK_FILE)
	$(BIN)/python build_spec/build_dist.py bundle --distpath dist --workpath build/pyinstaller --archive

# The launcher and icons for the current user (~/.local/share); DESKTOP_EXEC says which program it starts.
DESKTOP_EXEC ?= $(abspath $(BIN)/briefing-app)
install-desktop: $(STAMP)
	sh resources/desktop/install-desktop.sh --exec "$(DESKTOP_EXEC)"

clean:
	rm -rf build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

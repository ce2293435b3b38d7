# illbot developer tasks. Quick start: `make chat` (talk to the bot) and `make test`.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CODE   := bot handlers policy store templates tests bench
# The accessibility checker the browser tests inject: keep equal to tests/web/browser.py's.
AXE_VERSION := 4.14.1
APT_INSTALL := apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
               apt-get install -y -qq --no-install-recommends

.PHONY: help venv chat web test lint services bench bench-pg eval train messages clean distclean

help:
	@echo "make chat      start the bot in this terminal (creates .venv on first use)"
	@echo "make test      lint, type-check and run every test against real SQLite and PostgreSQL"
	@echo "make lint      ruff check, ruff format --check and mypy only"
	@echo "make bench     every figure beside its baseline: the hot path, scheduler passes, query"
	@echo "               plans, transports, reply trimming, hostile mail (about 25 minutes)"
	@echo "make bench-pg  patron messages/s on PostgreSQL with 1, 2 and 4 workers (BENCH_PG_ARGS=...)"
	@echo "make eval      understanding accuracy on the tuning sets and each held-out set"
	@echo "make train     retrain the intent classifier (installs scikit-learn) and export it"
	@echo "make messages  extract the messages to translate and add new ones to each catalogue"
	@echo "make services  install PostgreSQL, Dovecot, Chromium and axe-core for the tests (root, apt, npm)"
	@echo "make web       the patron web chat at http://127.0.0.1:3000/chat/ on the demo store, with a"
	@echo "               test SIP2 server for library-card sign-in (cards in tests/services/sip2_cards.csv)"
	@echo "make clean     remove caches and build output;  make distclean  also .venv"

venv: $(STAMP)

# Reinstall only when pyproject.toml changed since the last install (or .venv is new).
# A venv without pip is what Debian's python3 leaves when python3-venv is missing.
$(STAMP): pyproject.toml
	@if [ ! -x $(BIN)/pip ]; then \
	    rm -rf $(VENV); \
	    echo "venv: creating $(VENV) with $(PYTHON)"; \
	    $(PYTHON) -m venv $(VENV) || { \
	        echo "venv: '$(PYTHON) -m venv' failed; trying Debian's python3-venv"; \
	        rm -rf $(VENV); \
	        $(APT_INSTALL) python3-venv && $(PYTHON) -m venv $(VENV); \
	    }; \
	fi
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

chat: venv
	$(BIN)/illbot chat

# The patron web chat on a demo store (web-demo.db), signing in with the test SIP2 server's
# library cards (tests/services/sip2_cards.csv: Pat Miller of SJPL is 21197000000011, PIN 2468).
web: venv
	@$(BIN)/python -m tests.services.sip2_server --port 6001 & sip2=$$!; \
	trap "kill $$sip2 2>/dev/null" EXIT INT TERM; \
	export ILLBOT_DATABASE_URL=sqlite:///web-demo.db ILLBOT_WEB_CHAT=true ILLBOT_LIBRARY=sjpl \
	    ILLBOT_SIP2_HOST=127.0.0.1 ILLBOT_SIP2_PORT=6001; \
	$(BIN)/illbot patrons import bot/demo/patrons.csv >/dev/null && \
	$(BIN)/illbot holdings import bot/demo/holdings.csv >/dev/null && \
	echo "web chat: http://127.0.0.1:3000/chat/ (card 21197000000011, PIN 2468; Ctrl-C stops)" && \
	$(BIN)/illbot serve

test: venv services lint
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy $(CODE)

# Never fails: without PostgreSQL the tests that need it skip loudly (or fail under CI=true),
# and they say why.
services:
	@if [ -n "$$ILLBOT_TEST_PG_BIN" ]; then \
	    echo "services: using PostgreSQL binaries from ILLBOT_TEST_PG_BIN=$$ILLBOT_TEST_PG_BIN"; \
	elif ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	    echo "services: PostgreSQL server binaries found"; \
	elif [ "$$(id -u)" = 0 ]; then \
	    echo "services: installing PostgreSQL server binaries with apt-get"; \
	    ( $(APT_INSTALL) postgresql ) \
	        || echo "services: WARNING: could not install PostgreSQL; its tests will not run"; \
	else \
	    echo "services: WARNING: no PostgreSQL server binaries, and not root to install them"; \
	fi
	@if [ -n "$$ILLBOT_TEST_DOVECOT_BIN" ] || [ -x /usr/sbin/dovecot ]; then \
	    echo "services: Dovecot (IMAP) found"; \
	elif [ "$$(id -u)" = 0 ]; then \
	    echo "services: installing Dovecot (IMAP) with apt-get"; \
	    ( $(APT_INSTALL) dovecot-imapd ) \
	        || echo "services: WARNING: could not install Dovecot; the email tests will not run"; \
	else \
	    echo "services: WARNING: no Dovecot, and not root to install it"; \
	fi
	@if [ -n "$$ILLBOT_TEST_CHROMIUM" ] || { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }; then \
	    echo "services: Chromium and ChromeDriver found"; \
	elif [ "$$(id -u)" = 0 ]; then \
	    echo "services: installing Chromium and ChromeDriver with apt-get (the web chat's browser tests)"; \
	    ( $(APT_INSTALL) chromium chromium-driver fonts-liberation ) \
	        || echo "services: WARNING: could not install Chromium; the browser tests will not run"; \
	else \
	    echo "services: WARNING: no Chromium/ChromeDriver, and not root to install them"; \
	fi
	@if command -v openssl >/dev/null; then :; elif [ "$$(id -u)" = 0 ]; then \
	    echo "services: installing openssl (the SIP2-over-TLS tests make throwaway certificates)"; \
	    ( $(APT_INSTALL) openssl ) || echo "services: WARNING: could not install openssl"; \
	fi
	@if [ -n "$$ILLBOT_TEST_AXE" ] || [ -f build/axe/node_modules/axe-core/axe.min.js ]; then \
	    echo "services: axe-core found"; \
	elif command -v npm >/dev/null; then \
	    echo "services: installing axe-core from the npm registry into build/axe"; \
	    npm install --prefix build/axe --no-audit --no-fund axe-core@$(AXE_VERSION) >/dev/null \
	        || echo "services: WARNING: could not install axe-core; the accessibility test will not run"; \
	else \
	    echo "services: WARNING: no npm to install axe-core; the accessibility test will not run"; \
	fi

bench: venv services
	$(BIN)/python -m bench
	$(BIN)/python -m bench.scheduler
	$(BIN)/python -m bench.plans
	$(BIN)/python -m bench.transports
	$(BIN)/python -m bench.mail_trim
	$(BIN)/python -m bench.mail_parse
	$(BIN)/python -m bench.understanding --speed

# A throwaway PostgreSQL cluster (as the tests start one) unless ILLBOT_BENCH_PG_URL names a
# server. Exits 1 if a message was lost or doubled or a notice queued twice; times are printed.
bench-pg: venv services
	$(BIN)/python -m bench.pg_scale $(BENCH_PG_ARGS)

eval: venv
	$(BIN)/python -m bench.understanding

# scikit-learn is needed to train only: the bot scores the exported weights in plain Python.
train: venv
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,train]'
	$(BIN)/python -m bench.train_intent
	$(BIN)/python -m bench.train_spans

# Translators: after `make messages`, fill the empty msgstr of templates/locale/<lang>/LC_MESSAGES/
# messages.po; `python -m templates.messages check` lists what a catalogue still lacks.
messages: venv
	$(BIN)/python -m templates.messages update

clean:
	rm -rf build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)

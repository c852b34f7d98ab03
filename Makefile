# anagen's front door. `make run` and `make test` work on a fresh Debian 12
# machine: they install what is missing first (scripts/install-deps).
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
DB ?= sqlite://./data/anagen.db
PORT ?= 8080

DEMO_DB ?= sqlite://./data/demo.db

.PHONY: all deps build web run demo test bench format lint clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) > /dev/null
	@cmake --build $(BUILD_DIR) -j $$(nproc)
	@if [ -f web/package.json ]; then cd web && npm run --silent build; fi

run: build
	@$(BUILD_DIR)/anagen serve --db $(DB) --port $(PORT)

# A demo clinic in its own database (data/demo.db), then the server on it.
demo: build
	@if [ ! -f data/demo.db ]; then $(BUILD_DIR)/anagen demo --db $(DEMO_DB); fi
	@$(BUILD_DIR)/anagen serve --db $(DEMO_DB) --port $(PORT)

test: build
	@tests/run $(BUILD_DIR)

bench: build
	@bench/run $(BUILD_DIR)

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

lint:
	@clang-format --dry-run --Werror $$(git ls-files '*.cc' '*.h')

clean:
	@rm -rf $(BUILD_DIR) web/dist

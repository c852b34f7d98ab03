# anagen's front door. `make run` and `make test` work on a fresh Debian 12
# machine: they install what is missing first (scripts/install-deps).
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
DB ?= sqlite://./data/anagen.db
PORT ?= 8080

.PHONY: all deps build web run test bench format lint clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) > /dev/null
	@cmake --build $(BUILD_DIR) -j $$(nproc)
	@if [ -f web/package.json ]; then cd web && npm run --silent build; fi

run: build
	@$(BUILD_DIR)/anagen serve --db $(DB) --port $(PORT)

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

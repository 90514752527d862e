# SPDX-License-Identifier: Apache-2.0
#
# Bulkhead front end. Configuration lives in <builddir>/.config (Kconfig);
# meson builds what the .config selects. See `make help`.

PYTHON ?= /usr/bin/python3
DEFAULT_PRODUCT ?= qemu-virt-aarch64-demo
GUEST_CACHE ?= $(HOME)/.cache/bulkhead
BENCH_TIMEOUT ?= 120
FUZZ_SECONDS ?= 60

SRC := $(CURDIR)

# The build directory: O= if given, else the one the last defconfig
# selected (recorded in build/current), else the default product's.
ifneq ($(O),)
BUILD := $(abspath $(O))
else ifneq ($(wildcard build/current),)
BUILD := $(abspath $(shell cat build/current))
else
BUILD := $(SRC)/build/$(DEFAULT_PRODUCT)
endif
CONFIG := $(BUILD)/.config
MESON_DIR := $(BUILD)/meson

# An out-of-tree board root given to a defconfig is remembered by its build.
BOARD_ROOT ?= $(shell cat $(BUILD)/.board-root 2>/dev/null)
BOARD_ROOT_ABS := $(if $(BOARD_ROOT),$(abspath $(BOARD_ROOT)))
KCONFIG = $(PYTHON) $(SRC)/tools/kconfig/kconfig.py --srctree $(SRC) \
	  $(if $(BOARD_ROOT_ABS),--board-root $(BOARD_ROOT_ABS))

cfg = $(shell sed -n 's/^CONFIG_$(1)=//p' $(CONFIG) 2>/dev/null | tr -d '"')

.PHONY: all build help deps deps-if-missing menuconfig olddefconfig savedefconfig run boot check \
	bench fuzz clean distclean format config-check

all: build

help:
	@echo 'Configuration (acts on <builddir>/.config; builddir = build/<product> or O=):'
	@echo '  make <product>_defconfig   start from configs/<product>_defconfig'
	@echo '  make menuconfig            edit the configuration in a terminal'
	@echo '  make olddefconfig          update a .config to the current Kconfig'
	@echo '  make savedefconfig         write <builddir>/defconfig (minimal)'
	@echo 'Build and run:'
	@echo '  make                       build bulkhead.elf / bulkhead.bin'
	@echo '  make run                   install deps, build, boot in QEMU'
	@echo '  make check                 every defconfig x {gcc, clang}, unit, fuzz, QEMU tests'
	@echo '  make bench                 benchmarks under QEMU -icount (never pass/fail)'
	@echo '  make fuzz                  run the fuzz targets for FUZZ_SECONDS each'
	@echo '  make deps                  install Debian packages and guest material'
	@echo 'Products:'
	@ls configs $(if $(BOARD_ROOT_ABS),$(BOARD_ROOT_ABS)/configs) 2>/dev/null | \
		sed -n 's/_defconfig$$//p' | sed 's/^/  /'
	@echo 'Options: O=<dir>  BOARD_ROOT=<vendor tree>  PYTHON=$(PYTHON)'

deps:
	@$(SRC)/tools/deps.sh $(GUEST_CACHE)

# Install what is missing, quietly when nothing is.
deps-if-missing:
	@$(SRC)/tools/deps.sh --if-missing $(GUEST_CACHE)

%_defconfig:
	@def=$$(ls $(BOARD_ROOT_ABS)/configs/$@ configs/$@ 2>/dev/null | head -n 1); \
	if [ -z "$$def" ]; then echo "error: no $@ in configs/$(if $(BOARD_ROOT_ABS), or $(BOARD_ROOT_ABS)/configs/)"; \
		echo "known products:"; ls configs | sed -n 's/_defconfig$$/  /p'; exit 1; fi; \
	out=$(if $(O),$(abspath $(O)),$(SRC)/build/$*); \
	$(KCONFIG) --config $$out/.config defconfig $$def || exit 1; \
	$(if $(BOARD_ROOT_ABS),echo $(BOARD_ROOT_ABS) > $$out/.board-root;) \
	$(if $(O),,mkdir -p build && echo build/$* > build/current;) \
	echo "configured $$out/.config from $$def"

menuconfig: $(CONFIG)
	@$(KCONFIG) --config $(CONFIG) menuconfig

olddefconfig: $(CONFIG)
	@$(KCONFIG) --config $(CONFIG) olddefconfig

savedefconfig: $(CONFIG)
	@$(KCONFIG) --config $(CONFIG) savedefconfig $(BUILD)/defconfig
	@echo "wrote $(BUILD)/defconfig"

# With no .config, the default product configures itself; any other
# build directory must be configured explicitly.
$(CONFIG):
	@if [ "$(BUILD)" = "$(SRC)/build/$(DEFAULT_PRODUCT)" ]; then \
		$(MAKE) --no-print-directory $(DEFAULT_PRODUCT)_defconfig; \
	else echo "error: $(CONFIG) missing: run 'make <product>_defconfig$(if $(O), O=$(O))'"; exit 1; fi

config-check: $(CONFIG)
	@$(KCONFIG) --config $(CONFIG) check

# meson is set up once per build directory; a toolchain change in the
# .config needs a new cross file, hence a fresh meson directory.
build: config-check
	@arch=$(call cfg,ARCH); tc=$$(grep -q '^CONFIG_TOOLCHAIN_CLANG=y' $(CONFIG) && echo clang || echo gcc); \
	cross=$(SRC)/arch/$$arch/cross-$$tc.ini; \
	if [ "$$(cat $(MESON_DIR)/.cross 2>/dev/null)" != "$$cross" ]; then \
		rm -rf $(MESON_DIR); \
		meson setup $(MESON_DIR) $(SRC) --cross-file $$cross \
			-Dkconfig=$(CONFIG) -Dpython=$(PYTHON) \
			-Dboard_root=$(BOARD_ROOT_ABS) -Dguest_cache=$(GUEST_CACHE) >$(BUILD)/meson-setup.log 2>&1 \
			|| { cat $(BUILD)/meson-setup.log; exit 1; }; \
		echo "$$cross" > $(MESON_DIR)/.cross; \
	fi
	@ninja -C $(MESON_DIR) $(if $(V),-v)
	@for f in bulkhead.elf bulkhead.bin bulkhead.map; do cp -f $(MESON_DIR)/$$f $(BUILD)/$$f; done
	@cat $(MESON_DIR)/bulkhead.size

QEMU_ARGS = $(shell cat $(SRC)/boards/$(call cfg,BOARD)/qemu.args 2>/dev/null || \
	    cat $(BOARD_ROOT_ABS)/boards/$(call cfg,BOARD)/qemu.args)

# Booting is a second make: on a fresh tree the .config it reads is only
# written by the build step, after this recipe was expanded.
run: deps-if-missing
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory boot

boot:
	@echo "Booting $(BUILD)/bulkhead.elf in QEMU (quit: Ctrl-a x)"
	qemu-system-$(call cfg,ARCH) $(QEMU_ARGS) -kernel $(BUILD)/bulkhead.elf \
		$$(cat $(MESON_DIR)/dts/qemu.args)

check: deps-if-missing
	@$(PYTHON) $(SRC)/tests/check.py --python $(PYTHON) --fuzz-seconds 10

bench: deps-if-missing
	@$(PYTHON) $(SRC)/tests/bench/run.py --python $(PYTHON) --timeout $(BENCH_TIMEOUT) \
		--guest-cache $(GUEST_CACHE)

fuzz: deps-if-missing
	@$(SRC)/tests/fuzz/run.sh $(FUZZ_SECONDS)

format:
	@git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf $(MESON_DIR) $(BUILD)/bulkhead.*

distclean:
	rm -rf build

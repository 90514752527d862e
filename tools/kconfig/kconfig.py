#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Bulkhead's front end to Kconfiglib.

Every configuration command of the Makefile (and the config-header step of
the meson build) goes through here, so that all of them see the same
Kconfig tree, the same out-of-tree board root and the same validation:
a .config whose values do not survive Kconfig's dependency rules is
rejected with one message per offending symbol instead of being silently
rewritten.

usage: kconfig.py [--srctree DIR] [--board-root DIR] --config FILE CMD [ARG]
  defconfig FILE      write FILE (a minimal defconfig) out as a full .config
  olddefconfig        fill in new symbols of an existing .config
  menuconfig          edit the .config in a terminal
  savedefconfig OUT   write a minimal defconfig to OUT
  check               validate the .config
  genconfig HEADER    validate, then write the C header
  merge FRAGMENT...   apply fragments on top of the .config, then validate
  models FILE         write the device-model table (models.txt)
  randconfig --seed N randomize the .config's options (not its board,
                      overlay or toolchain), then validate

genconfig takes --models FILE (the table too) and --depfile FILE (a
make-style depfile: Kconfig files, .config, board DTS, overlay, includes).

The product's device tree feeds Kconfig: $(dt_uses,KEY) is y when the board
DTS merged with the overlay uses the model KEY (tools/kconfig/dtkeys.py),
so the models a product needs are on and cannot be turned off. The tree is
parsed twice: once to learn CONFIG_BOARD and CONFIG_PRODUCT_OVERLAY from the
configuration, once with the keys their merged tree uses.
"""

import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# Kconfiglib imports the module named here for $(dt_uses,...).
os.environ["KCONFIG_FUNCTIONS"] = "dtfunctions"

try:
    import kconfiglib
except ImportError:
    sys.exit("error: Kconfiglib not found; run 'make deps' "
             "(Debian package python3-kconfiglib, used with /usr/bin/python3)")

import dtfunctions  # noqa: E402
import dtkeys  # noqa: E402
import vendordtb  # noqa: E402


class ProductKconfig(kconfiglib.Kconfig):
    """A Kconfig tree that knows the device-tree keys it was parsed with
    and which symbol each $(dt_uses,...) belongs to."""

    __slots__ = ("dt_keys", "dt_models")


def load_tree(srctree, board_root, keys=()):
    """Parses the Kconfig tree with $(dt_uses,...) answering from @keys."""
    os.environ["srctree"] = srctree
    # Kconfig sources "$(BOARD_ROOT)/boards/*/Kconfig"; with no board root
    # that glob must match nothing, and /dev/null can never be a directory.
    os.environ["BOARD_ROOT"] = board_root or os.devnull
    dtfunctions.reset(keys)
    kconf = ProductKconfig(os.path.join(srctree, "Kconfig"),
                           warn_to_stderr=False)
    kconf.warn_assign_undef = True
    kconf.warn_assign_override = False
    kconf.warn_assign_redun = False
    kconf.dt_keys = frozenset(keys)
    kconf.dt_models = models_of(kconf, list(dtfunctions.CALLS))
    return kconf


def models_of(kconf, calls):
    """[(key, symbol node)] for each dt_uses call: the call belongs to the
    symbol defined at or before its line in the same file."""
    by_file = {}
    for node in kconf.node_iter():
        if isinstance(node.item, kconfiglib.Symbol):
            by_file.setdefault(node.filename, []).append(node)
    models, seen = [], set()
    for filename, linenr, key in calls:
        before = [n for n in by_file.get(filename, []) if n.linenr <= linenr]
        if not before:
            continue
        node = max(before, key=lambda n: n.linenr)
        if (key, node.item.name) not in seen:
            seen.add((key, node.item.name))
            models.append((key, node))
    return models


def find_in_roots(roots, rel):
    for root in roots:
        path = os.path.join(root, rel)
        if rel and os.path.isfile(path):
            return path
    return None


class Product:
    """The board DTS and overlay a loaded configuration names, and the
    model keys their merged tree uses."""

    def __init__(self, kconf, srctree, board_root):
        roots = [r for r in (board_root, srctree) if r]
        board = kconf.syms["BOARD"].str_value
        overlay = kconf.syms["PRODUCT_OVERLAY"].str_value
        self.board_dts = None
        if board:
            self.board_dts = find_in_roots(
                roots, os.path.join("boards", board, board + ".dts"))
        self.overlay = find_in_roots(roots, overlay)
        vendor, vendor_error = self.vendor_board(kconf, roots, board_root)
        self.keys, self.inputs, self.error = dtkeys.product_keys(
            self.board_dts, self.overlay, vendor)
        self.error = vendor_error or self.error

    def vendor_board(self, kconf, roots, board_root):
        """A board with no .dts starts from a vendor DTB: its corrections
        become board_dts; returns (the DTB or None, error or None)."""
        board = kconf.syms["BOARD"].str_value
        sym = kconf.syms.get("BOARD_VENDOR_DTB")
        if self.board_dts or not board or sym is None or not sym.str_value:
            return None, None
        self.board_dts = find_in_roots(
            roots, os.path.join("boards", board, vendordtb.CORRECTIONS))
        try:
            return vendordtb.find(sym.str_value, board_root), None
        except vendordtb.VendorDtbError as err:
            return None, str(err)


def configure(srctree, board_root, load):
    """Two passes: parse with no keys and @load the configuration to learn
    the product, compute its keys, then parse and @load again with them."""
    first = load_tree(srctree, board_root)
    load(first)
    product = Product(first, srctree, board_root)
    if product.error:
        print("warning: device models not preselected from the product's "
              "device tree (the zone layout step reports its errors): %s"
              % product.error, file=sys.stderr)
    kconf = load_tree(srctree, board_root, product.keys)
    load(kconf)
    return kconf, product


def user_value_str(sym):
    if sym.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
        return kconfiglib.TRI_TO_STR[sym.user_value]
    return sym.user_value


def forced_by_overlay(sym):
    """The keys of the product's device tree that force @sym on."""
    kconf = sym.kconfig
    return [key for key, node in kconf.dt_models
            if node.item is sym and key in kconf.dt_keys]


def forced_syms(kconf):
    """The symbols the product's device tree forces on."""
    return {node.item for key, node in kconf.dt_models
            if key in kconf.dt_keys}


def why_not(sym):
    """Explain why a symbol could not take the value the file gave it."""
    reasons = []
    if sym.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
        if not sym.user_value:
            reasons += ["the product overlay uses it: " + key
                        for key in forced_by_overlay(sym)]
        if sym.user_value and sym.direct_dep is not sym.kconfig.y:
            reasons.append("depends on " + kconfiglib.expr_str(sym.direct_dep))
        if not sym.user_value and sym.rev_dep is not sym.kconfig.n:
            reasons.append("selected by " + kconfiglib.expr_str(sym.rev_dep))
        if sym.choice is not None and sym.user_value:
            reasons.append("only one of choice %s can be set"
                           % (sym.choice.name or "<choice>"))
    if not sym.nodes or not any(n.prompt for n in sym.nodes):
        reasons.append("it has no prompt: its value is derived, not set")
    for low, high, cond in sym.ranges:
        if kconfiglib.expr_value(cond):
            reasons.append("range %s..%s" % (low.str_value, high.str_value))
    return "; ".join(reasons) or "rejected by Kconfig"


def validate(kconf, path):
    errors = ["%s: %s" % (path, w.replace("warning: ", ""))
              for w in kconf.warnings]
    for sym in kconf.unique_defined_syms:
        if sym.user_value is None:
            continue
        want = user_value_str(sym)
        if want != sym.str_value:
            errors.append("%s: CONFIG_%s=%s cannot be used (value would be "
                          "'%s'): %s" % (path, sym.name, want, sym.str_value,
                                         why_not(sym)))
    for msg in errors:
        print("error: " + msg, file=sys.stderr)
    if errors:
        print("error: invalid configuration; fix the file or run "
              "'make menuconfig' / 'make olddefconfig'", file=sys.stderr)
        sys.exit(1)


def load_config(kconf, path):
    if not os.path.exists(path):
        sys.exit("error: %s does not exist; run 'make <product>_defconfig' "
                 "first (see 'make help')" % path)
    kconf.load_config(path)


def menu_path(node):
    """"Drivers > virtio devices for zones > virtio-blk" for @node."""
    parts = []
    while node is not None and node is not node.kconfig.top_node:
        if node.prompt:
            parts.append(node.prompt[0])
        node = node.parent
    return " > ".join(reversed(parts))


def write_models(kconf, path):
    """models.txt: key, symbol, value and menu path per (key, symbol)."""
    lines = ["# Bulkhead device models (tools/kconfig/kconfig.py models)\n",
             "# key\tsymbol\tvalue\tmenu path\n"]
    for key, node in kconf.dt_models:
        value = "y" if node.item.str_value == "y" else "n"
        lines.append("%s\tCONFIG_%s\t%s\t%s\n" % (
            key, node.item.name, value, menu_path(node)))
    write_if_changed(path, "".join(lines))


def write_if_changed(path, text):
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except OSError:
        pass
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def depfile_escape(path):
    return path.replace("$", "$$").replace(" ", "\\ ").replace("#", "\\#")


def write_depfile(kconf, product, srctree, cfg, target, path):
    """make-style: the header depends on every Kconfig file, the .config,
    the board DTS, the overlay and everything the overlay includes."""
    deps = {os.path.abspath(os.path.join(srctree, f))
            for f in kconf.kconfig_filenames}
    deps.add(os.path.abspath(cfg))
    deps.update(product.inputs)
    with open(path, "w", encoding="utf-8") as f:
        f.write("%s: %s\n" % (depfile_escape(target), " \\\n  ".join(
            depfile_escape(d) for d in sorted(deps))))


# Kept as the .config has them: they define the product, not a variant.
RANDCONFIG_KEEP_CHOICES = ("BOARD_CHOICE", "TOOLCHAIN")
RANDCONFIG_KEEP_SYMS = ("ARCH", "PRODUCT_OVERLAY")


def randomize(kconf, seed):
    """Random values for every visible bool and choice (Linux's randconfig
    rule: int, hex and string symbols keep their defaults), in menu order so
    a symbol sees its parents' new values."""
    rng = random.Random(seed)
    for node in kconf.node_iter(unique_syms=True):
        item = node.item
        if isinstance(item, kconfiglib.Choice):
            if item.name in RANDCONFIG_KEEP_CHOICES or not item.visibility:
                continue
            syms = [s for s in item.syms if s.visibility]
            if syms:
                rng.choice(syms).set_value(2)
        elif isinstance(item, kconfiglib.Symbol):
            if item.choice is not None or item.name in RANDCONFIG_KEEP_SYMS:
                continue
            if item.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE) \
                    and len(item.assignable) > 1:
                item.set_value(rng.choice(item.assignable))


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--srctree", default=os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))))
    ap.add_argument("--board-root", default=os.environ.get("BOARD_ROOT", ""))
    ap.add_argument("--config", required=True)
    ap.add_argument("--models", help="genconfig: also write the models table")
    ap.add_argument("--depfile", help="genconfig: also write a depfile")
    ap.add_argument("--seed", type=int, help="randconfig: the random seed")
    ap.add_argument("command")
    ap.add_argument("args", nargs="*")
    opt = ap.parse_intermixed_args()
    needs = {"defconfig": 1, "savedefconfig": 1, "genconfig": 1, "models": 1}
    if len(opt.args) < needs.get(opt.command, 0) or \
            (opt.command == "merge" and not opt.args):
        ap.error("%s needs a file argument" % opt.command)
    if opt.command == "randconfig" and opt.seed is None:
        ap.error("randconfig needs --seed N")
    return ap, opt


COMMANDS = ("defconfig", "olddefconfig", "menuconfig", "savedefconfig",
            "check", "genconfig", "merge", "models", "randconfig")


def loader(opt, cfg):
    """How a command loads its configuration (the same in both passes)."""
    def load(kconf):
        if opt.command == "defconfig":
            load_config(kconf, opt.args[0])
            return
        load_config(kconf, cfg)
        if opt.command == "merge":
            # The .config's values of the models the (new) overlay uses
            # were written for the old one; the fragments' values stand.
            for sym in forced_syms(kconf):
                if sym.str_value == "y":
                    sym.set_value(2)
            for frag in opt.args:
                kconf.load_config(frag, replace=False)
    return load


def run_command(opt, kconf, product, srctree, cfg):
    cmd = opt.command
    if cmd in ("defconfig", "savedefconfig", "check", "genconfig", "merge"):
        validate(kconf, opt.args[0] if cmd == "defconfig" else cfg)
    if cmd in ("defconfig", "olddefconfig", "merge"):
        kconf.write_config(cfg, save_old=False)
    elif cmd == "menuconfig":
        import menuconfig
        menuconfig.menuconfig(kconf)
    elif cmd == "savedefconfig":
        kconf.write_min_config(opt.args[0], header="# Bulkhead minimal "
                               "defconfig (make savedefconfig)\n")
    elif cmd == "genconfig":
        kconf.write_autoconf(opt.args[0])
        if opt.models:
            write_models(kconf, opt.models)
        if opt.depfile:
            write_depfile(kconf, product, srctree, cfg, opt.args[0],
                          opt.depfile)
    elif cmd == "models":
        write_models(kconf, opt.args[0])


def main():
    ap, opt = parse_args()
    if opt.command not in COMMANDS:
        ap.error("unknown command " + opt.command)
    srctree = os.path.abspath(opt.srctree)
    cfg = opt.config
    os.makedirs(os.path.dirname(os.path.abspath(cfg)), exist_ok=True)
    os.environ["KCONFIG_CONFIG"] = cfg
    load = loader(opt, cfg)
    kconf, product = configure(srctree, opt.board_root, load)
    if opt.command == "randconfig":
        randomize(kconf, opt.seed)
        kconf.write_config(cfg, save_old=False)
        # Validated as "check" would: parsed and loaded afresh.
        kconf, product = configure(srctree, opt.board_root, load)
        validate(kconf, cfg)
        return
    run_command(opt, kconf, product, srctree, cfg)


if __name__ == "__main__":
    main()

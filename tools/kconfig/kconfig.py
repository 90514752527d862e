#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Bulkhead's front end to Kconfiglib.

Every configuration command of the Makefile (and the config-header step of
the meson build) goes through here, so that all of them see the same
Kconfig tree, the same out-of-tree board root and the same validation:
a .config whose values do not survive Kconfig's dependency rules is
rejected with one message per offending symbol instead of being silently
rewritten.

usage: kconfig.py [--srctree DIR] [--board-root DIR] --config FILE COMMAND [ARG]
  defconfig FILE      write FILE (a minimal defconfig) out as a full .config
  olddefconfig        fill in new symbols of an existing .config
  menuconfig          edit the .config in a terminal
  savedefconfig OUT   write a minimal defconfig to OUT
  check               validate the .config
  genconfig HEADER    validate, then write the C header
  merge FRAGMENT...   apply fragments on top of the .config, then validate
"""

import argparse
import os
import sys

try:
    import kconfiglib
except ImportError:
    sys.exit("error: Kconfiglib not found; run 'make deps' "
             "(Debian package python3-kconfiglib, used with /usr/bin/python3)")


def load_tree(srctree, board_root):
    os.environ["srctree"] = srctree
    # Kconfig sources "$(BOARD_ROOT)/boards/*/Kconfig"; with no board root
    # that glob must match nothing, and /dev/null can never be a directory.
    os.environ["BOARD_ROOT"] = board_root or os.devnull
    kconf = kconfiglib.Kconfig(os.path.join(srctree, "Kconfig"),
                               warn_to_stderr=False)
    kconf.warn_assign_undef = True
    kconf.warn_assign_override = False
    kconf.warn_assign_redun = False
    return kconf


def user_value_str(sym):
    if sym.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
        return kconfiglib.TRI_TO_STR[sym.user_value]
    return sym.user_value


def why_not(sym):
    """Explain why a symbol could not take the value the file gave it."""
    reasons = []
    if sym.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--srctree", default=os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))))
    ap.add_argument("--board-root", default=os.environ.get("BOARD_ROOT", ""))
    ap.add_argument("--config", required=True)
    ap.add_argument("command")
    ap.add_argument("args", nargs="*")
    opt = ap.parse_args()

    kconf = load_tree(os.path.abspath(opt.srctree), opt.board_root)
    cfg = opt.config
    os.makedirs(os.path.dirname(os.path.abspath(cfg)), exist_ok=True)
    os.environ["KCONFIG_CONFIG"] = cfg

    if opt.command == "defconfig":
        load_config(kconf, opt.args[0])
        validate(kconf, opt.args[0])
        kconf.write_config(cfg, save_old=False)
    elif opt.command == "olddefconfig":
        load_config(kconf, cfg)
        kconf.write_config(cfg, save_old=False)
    elif opt.command == "menuconfig":
        import menuconfig
        menuconfig.menuconfig(kconf)
    elif opt.command == "savedefconfig":
        load_config(kconf, cfg)
        validate(kconf, cfg)
        kconf.write_min_config(opt.args[0], header="# Bulkhead minimal defconfig (make savedefconfig)\n")
    elif opt.command == "check":
        load_config(kconf, cfg)
        validate(kconf, cfg)
    elif opt.command == "genconfig":
        load_config(kconf, cfg)
        validate(kconf, cfg)
        kconf.write_autoconf(opt.args[0])
    elif opt.command == "merge":
        load_config(kconf, cfg)
        for frag in opt.args:
            kconf.load_config(frag, replace=False)
        validate(kconf, cfg)
        kconf.write_config(cfg, save_old=False)
    else:
        ap.error("unknown command " + opt.command)


if __name__ == "__main__":
    main()

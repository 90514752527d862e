# SPDX-License-Identifier: Apache-2.0
"""Kconfig preprocessor functions that read the product's device tree.

Loaded by Kconfiglib through KCONFIG_FUNCTIONS=dtfunctions (kconfig.py sets
it). $(dt_uses,<class>:<compatible>[:<variant>]) expands to y when the
product's merged device tree uses that model key (see dtkeys.py), else n.
Kconfig splits macro arguments on commas, so the arguments are joined back
with "," ("vdev:virtio,mmio:block" arrives as two arguments).

kconfig.py sets KEYS before each parse; every call is recorded in CALLS as
(file, line, key) so that the symbol it belongs to can be found afterwards.
"""

KEYS = frozenset()
CALLS = []


def reset(keys):
    """Starts a parse with a new key set (nothing carries over)."""
    global KEYS
    KEYS = frozenset(keys)
    CALLS.clear()


def _dt_uses(kconf, _name, *args):
    key = ','.join(a.strip() for a in args)
    CALLS.append((kconf.filename, kconf.linenr, key))
    return 'y' if key in KEYS else 'n'


functions = {
    'dt_uses': (_dt_uses, 1, None),
}

# SPDX-License-Identifier: Apache-2.0
"""Host tests of the QEMU harness's matching rules, on scripted output."""

import re
import sys
import unittest

import harness


def script(*chunks):
    """A command printing each chunk, a short pause between them."""
    body = "; ".join("printf '%s'; sleep 0.1" % c.replace("'", "'\\''")
                     for c in chunks)
    return ["sh", "-c", body + "; sleep 5"]


class Streams(unittest.TestCase):
    def test_zone_order_is_free(self):
        # The hello zone passed before U-Boot's banner: still met.
        cmd = script("[hello] hello: PASS\\n", "[uboot] U-Boot 2023.01\\n")
        got = harness.run(cmd, ["[uboot] U-Boot 2023.01", "[hello] hello: PASS"], 3)
        self.assertTrue(got.ok, got.reason)

    def test_order_within_a_zone_holds(self):
        cmd = script("[a] two\\n", "[a] one\\n")
        got = harness.run(cmd, ["[a] one", "[a] two"], 1)
        self.assertFalse(got.ok)

    def test_zone_messages_join_the_zone(self):
        self.assertEqual(harness.stream_of("bulkhead: zone 2 (rt) stopped"), "rt")
        self.assertEqual(harness.stream_of(re.compile(r".*\[u-b\] => ")), "u-b")
        self.assertEqual(harness.stream_of("bulkhead: 3 zones"), "hv")
        self.assertEqual(harness.stream_of(re.compile(r"U-Boot \d+")), "")

    def test_after_orders_across_zones(self):
        cmd = script("[rt] beat\\n", "bulkhead: zone 0 (linux) stopped\\n")
        got = harness.run(cmd, ["bulkhead: zone 0 (linux) stopped",
                                harness.After(), "[rt] beat"], 1)
        self.assertFalse(got.ok)
        cmd = script("bulkhead: zone 0 (linux) stopped\\n[rt] beat\\n")
        got = harness.run(cmd, ["bulkhead: zone 0 (linux) stopped",
                                harness.After(), "[rt] beat"], 2)
        self.assertTrue(got.ok, got.reason)

    def test_prompt_typed_at_is_not_met_again(self):
        # After typing at "[z] # ", the same unfinished prompt does not
        # count as the next one.
        cmd = ["sh", "-c", "printf '[z] # '; sleep 5"]
        got = harness.run(cmd, [harness.Prompt("[z] # "), harness.Send(b"ls\r"),
                                harness.Prompt("[z] # ")], 1)
        self.assertFalse(got.ok)

    def test_fatal_line(self):
        got = harness.run(script("[x] x: FAIL here\\n"), ["[x] never"], 3)
        self.assertFalse(got.ok)
        self.assertIn("fatal", got.reason)


if __name__ == "__main__":
    sys.exit(unittest.main())

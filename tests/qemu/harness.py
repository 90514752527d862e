# SPDX-License-Identifier: Apache-2.0
"""Boot a built product under QEMU and judge it by its serial console.

Every run is time-bounded. A test lists the lines it expects; each
expectation is an exact line or a compiled regular expression that must
match a whole line. The run passes when every expectation is met, and
fails at once on a line that matches a fatal pattern (a hypervisor panic,
a guest FAIL), or when the time bound expires.

Zones run concurrently, so their output interleaves in any order. Each
expectation belongs to the stream of the zone it names ("[name] ..." or
"bulkhead: zone N (name) ..."), to the hypervisor's own stream
("bulkhead: ..."), or to the untagged rest. Within a stream the
expectations are met in the order listed; across streams they are not
ordered, and an expectation may be met by a line that came before the
expectation listed ahead of it in another stream. A test that claims an
order across zones says so with After(): what follows is met only by
lines that arrive after that point. Send and Call happen once every
expectation listed before them is met.
"""

import os
import re
import select
import shlex
import socket
import subprocess
import time

FATAL = [re.compile(r".*bulkhead: PANIC.*"), re.compile(r".*: FAIL\b.*")]


class Send:
    """An expectation that is met by typing: bytes go to QEMU's stdin."""

    def __init__(self, data):
        self.data = data


class Prompt:
    """An expectation met by the unfinished last line (exact text or a
    compiled regular expression): what a prompt looks like. A whole line
    with that text meets it too: another zone's output may have ended the
    prompt's line before it was read."""

    def __init__(self, text):
        self.text = text

    def matches(self, partial):
        if isinstance(self.text, str):
            return partial == self.text
        return self.text.fullmatch(partial) is not None


class Exit:
    """An expectation met when QEMU exits by itself with this status
    (the machine was powered off)."""

    def __init__(self, status=0):
        self.status = status


class Call:
    """An expectation met by running fn() while QEMU still runs (e.g. to
    read guest memory through the monitor); fn returns None, or why the
    run fails."""

    def __init__(self, fn):
        self.fn = fn


class After:
    """An ordering point: the expectations after it are met only by
    lines that arrive after everything before it was met."""


class Verdict:
    def __init__(self, ok, reason, lines):
        self.ok = ok
        self.reason = reason
        self.lines = lines

    def tail(self, n=25):
        return "\n".join("    | " + l for l in self.lines[-n:])


def board_file(build, srctree, board, name):
    """boards/<board>/<name> in the build's BOARD_ROOT (remembered in
    <build>/.board-root) if it has one there, else in the source tree."""
    try:
        with open(os.path.join(build, ".board-root")) as f:
            root = f.read().strip()
    except FileNotFoundError:
        root = None
    if root and os.path.exists(os.path.join(root, "boards", board, name)):
        return os.path.join(root, "boards", board, name)
    return os.path.join(srctree, "boards", board, name)


def product_qemu_cmd(build, extra=()):
    """QEMU command line of a built product (board args + loader args)."""
    config = read_config(os.path.join(build, ".config"))
    srctree = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    board = config["CONFIG_BOARD"]
    with open(board_file(build, srctree, board, "qemu.args")) as f:
        board_args = shlex.split(f.read())
    with open(os.path.join(build, "meson", "dts", "qemu.args")) as f:
        loader_args = shlex.split(f.read())
    arch = config["CONFIG_ARCH"]
    return (["qemu-system-" + arch] + board_args +
            ["-kernel", os.path.join(build, "bulkhead.elf")] + loader_args +
            list(extra))


def read_config(path):
    config = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"^(CONFIG_\w+)=(.*)$", line.strip())
            if m:
                config[m.group(1)] = m.group(2).strip('"')
    return config


_ZONE_TAG = re.compile(r"\[([\w.-]+)\]")
_ZONE_MSG = re.compile(r"bulkhead: zone (?:\S+ \(([\w.-]+)\)|([\w.-]+):)")


def stream_of(expect):
    """The stream an expectation belongs to: a zone's name, "hv" for the
    hypervisor's own lines, or "" for untagged output."""
    text = getattr(expect, "text", expect)
    if not isinstance(text, str):
        # A pattern: drop the escapes to read the literal text it names.
        text = re.sub(r"\\(.)", r"\1", text.pattern)
    m = _ZONE_MSG.search(text)
    if m:
        return m.group(1) or m.group(2)
    m = _ZONE_TAG.search(text)
    if m:
        return m.group(1)
    return "hv" if "bulkhead:" in text else ""


def _matches(expect, line):
    if isinstance(expect, Prompt):
        # Another zone's output may already have ended the prompt's line.
        return expect.matches(line)
    if isinstance(expect, str):
        return line == expect
    return expect.fullmatch(line) is not None


class _Streams:
    """Where each stream's next expectation starts looking in the lines
    read so far."""

    def __init__(self):
        self.cursor, self.floor = {}, 0

    def find(self, expect, lines, partial):
        s = stream_of(expect)
        start = max(self.cursor.get(s, 0), self.floor)
        for i in range(start, len(lines)):
            if _matches(expect, lines[i]):
                self.cursor[s] = i + 1
                return True
        if isinstance(expect, Prompt) and partial is not None and \
                expect.matches(partial):
            self.cursor[s] = len(lines)
            return True
        return False

    def after(self):
        # Just past the latest line any expectation so far was met by.
        self.floor = max([self.floor] + list(self.cursor.values()))


def _read(proc, lines, buf, fatal, left):
    """Reads what QEMU printed into lines; returns (buf, eof, fatal line)."""
    ready, _, _ = select.select([proc.stdout], [], [], min(left, 0.5))
    if not ready:
        return buf, False, None
    chunk = os.read(proc.stdout.fileno(), 4096)
    if not chunk:
        return buf, True, None
    buf += chunk
    while b"\n" in buf:
        raw, buf = buf.split(b"\n", 1)
        line = raw.decode("utf-8", "replace").rstrip("\r")
        lines.append(line)
        if any(p.fullmatch(line) for p in fatal):
            return buf, False, line
    return buf, False, None


def run(cmd, expect, timeout=30, fatal=FATAL):
    """Run cmd and check its output against expect, typing each Send."""
    lines, pending, buf = [], list(expect), b""
    streams = _Streams()
    # The unfinished line meets a Prompt only once output came after the
    # last Send: until then it is the prompt the input was typed at.
    fresh, seen = True, 0
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    try:
        while pending:
            head = pending[0]
            if isinstance(head, Send):
                proc.stdin.write(pending.pop(0).data)
                proc.stdin.flush()
                fresh = False
                continue
            if isinstance(head, Call):
                why = pending.pop(0).fn()
                if why:
                    return Verdict(False, why, lines)
                continue
            if isinstance(head, After):
                streams.after()
                pending.pop(0)
                continue
            partial = buf.decode("utf-8", "replace") if fresh else None
            if not isinstance(head, Exit) and streams.find(head, lines, partial):
                pending.pop(0)
                continue
            left = deadline - time.monotonic()
            if left <= 0:
                return Verdict(False, "timed out after %ds waiting for: %s"
                               % (timeout, _describe(head)), lines)
            old = buf
            buf, eof, bad = _read(proc, lines, buf, fatal, left)
            fresh = fresh or buf != old or len(lines) > seen
            seen = len(lines)
            if bad is not None:
                return Verdict(False, "fatal line: " + bad, lines)
            if eof:
                status = proc.wait()
                if isinstance(head, Exit) and len(pending) == 1:
                    ok = status == head.status
                    return Verdict(ok, "" if ok else "QEMU exit status %s" % status,
                                   lines)
                return Verdict(False, "QEMU exited (status %s) waiting for: %s"
                               % (status, _describe(head)), lines)
        return Verdict(True, "", lines)
    finally:
        proc.kill()
        proc.wait()
        proc.stdin.close()
        proc.stdout.close()


def _describe(expect):
    if isinstance(expect, Send):
        return "input %r" % expect.data
    if isinstance(expect, Prompt):
        return "prompt %r" % getattr(expect.text, "pattern", expect.text)
    if isinstance(expect, Exit):
        return "QEMU to exit with status %d" % expect.status
    return expect if isinstance(expect, str) else "/%s/" % expect.pattern


class Monitor:
    """QEMU's human monitor on a Unix socket: add args() to the command
    line, then command() while QEMU runs."""

    def __init__(self, path):
        self.path = path

    def args(self):
        return ["-monitor", "unix:%s,server=on,wait=off" % self.path]

    def _until_prompt(self, sock, timeout):
        data, deadline = b"", time.monotonic() + timeout
        while not data.endswith(b"(qemu) "):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([sock], [], [], left)[0]:
                raise TimeoutError("QEMU monitor: no prompt")
            chunk = sock.recv(4096)
            if not chunk:
                raise EOFError("QEMU monitor closed")
            data += chunk
        return data.decode("utf-8", "replace")

    def command(self, text, timeout=30):
        """Runs one monitor command; returns what it printed."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(self.path)
            self._until_prompt(sock, timeout)
            sock.sendall(text.encode() + b"\n")
            return self._until_prompt(sock, timeout)

    def pmemsave(self, addr, size, path):
        """Guest physical memory into a file (the command is synchronous)."""
        self.command('pmemsave 0x%x 0x%x "%s"' % (addr, size, path))
        if not os.path.exists(path) or os.path.getsize(path) != size:
            raise IOError("pmemsave wrote no %d-byte %s" % (size, path))


def fdtget(dtb, node, prop, kind="x"):
    """Values of a property of the merged product tree (as integers)."""
    out = subprocess.run(["fdtget", "-t", kind, dtb, node, prop], check=True,
                         capture_output=True, text=True).stdout.split()
    return [int(v, 16) for v in out] if kind == "x" else out


def cells_to_ranges(cells):
    """(address, size) pairs from 2+2-cell reg-like values."""
    return [((cells[i] << 32) | cells[i + 1], (cells[i + 2] << 32) | cells[i + 3])
            for i in range(0, len(cells), 4)]

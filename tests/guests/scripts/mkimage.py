#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Turns a linked test guest (a static PIE linked at 0) into a raw image.

The guest relocates itself at boot and understands exactly one dynamic
relocation type, the architecture's RELATIVE. Anything else in the ELF
would be silently wrong at run time, so it fails the build here, before
objcopy writes the .bin:

  - the ELF must be ET_DYN for a known machine, entered at 0;
  - no PT_INTERP (nothing may expect a dynamic loader);
  - every relocation section that is loaded must hold only RELATIVE
    entries with symbol 0, and there must be no REL or RELR sections.

Usage: mkimage.py --objcopy OBJCOPY guest.elf guest.bin
"""

import argparse
import struct
import subprocess
import sys

ET_DYN = 3
PT_INTERP = 3
SHT_RELA, SHT_REL, SHT_RELR = 4, 9, 19
SHF_ALLOC = 0x2

# e_machine -> (name, RELATIVE relocation type)
RELATIVE_TYPE = {
    183: ("aarch64", 1027),   # EM_AARCH64: R_AARCH64_RELATIVE
    243: ("riscv64", 3),      # EM_RISCV: R_RISCV_RELATIVE
}


class ImageError(Exception):
    pass


def read_header(data):
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ImageError("not a little-endian ELF64 file")
    (e_type, e_machine, _, e_entry, e_phoff, e_shoff, _, _, e_phentsize,
     e_phnum, e_shentsize, e_shnum, e_shstrndx) = struct.unpack_from(
        "<HHIQQQIHHHHHH", data, 16)
    return dict(type=e_type, machine=e_machine, entry=e_entry,
                phoff=e_phoff, phentsize=e_phentsize, phnum=e_phnum,
                shoff=e_shoff, shentsize=e_shentsize, shnum=e_shnum,
                shstrndx=e_shstrndx)


def sections(data, hdr):
    out = []
    for i in range(hdr["shnum"]):
        (name, sh_type, flags, _, offset, size, _, _, _,
         entsize) = struct.unpack_from("<IIQQQQIIQQ", data,
                                       hdr["shoff"] + i * hdr["shentsize"])
        out.append(dict(name=name, type=sh_type, flags=flags, offset=offset,
                        size=size, entsize=entsize))
    strtab = out[hdr["shstrndx"]] if hdr["shstrndx"] < len(out) else None
    for sec in out:
        if strtab:
            start = strtab["offset"] + sec["name"]
            sec["name"] = data[start:data.index(b"\0", start)].decode()
        else:
            sec["name"] = "?"
    return out


def check_segments(data, hdr):
    for i in range(hdr["phnum"]):
        p_type = struct.unpack_from("<I", data, hdr["phoff"] + i * hdr["phentsize"])[0]
        if p_type == PT_INTERP:
            raise ImageError("has a PT_INTERP segment (link with --no-dynamic-linker)")


def check_relocations(data, secs, relative):
    count = 0
    for sec in secs:
        if sec["type"] in (SHT_REL, SHT_RELR):
            raise ImageError("%s: REL/RELR relocations are not supported" % sec["name"])
        if sec["type"] != SHT_RELA or not sec["flags"] & SHF_ALLOC:
            continue
        if sec["size"] % 24:
            raise ImageError("%s: size is not a multiple of 24" % sec["name"])
        for off in range(sec["offset"], sec["offset"] + sec["size"], 24):
            r_offset, r_info, _ = struct.unpack_from("<QQq", data, off)
            if r_info != relative:  # type RELATIVE, symbol 0
                raise ImageError("%s: relocation type %d (symbol %d) at 0x%x; "
                                 "only RELATIVE (%d) is applied at boot"
                                 % (sec["name"], r_info & 0xffffffff, r_info >> 32,
                                    r_offset, relative))
            count += 1
    return count


def check_elf(path):
    with open(path, "rb") as f:
        data = f.read()
    hdr = read_header(data)
    if hdr["machine"] not in RELATIVE_TYPE:
        raise ImageError("unknown machine %d" % hdr["machine"])
    if hdr["type"] != ET_DYN:
        raise ImageError("not a PIE (ELF type %d; link with -pie)" % hdr["type"])
    if hdr["entry"] != 0:
        raise ImageError("entry point 0x%x, must be 0 (the image's first byte)"
                         % hdr["entry"])
    check_segments(data, hdr)
    return check_relocations(data, sections(data, hdr), RELATIVE_TYPE[hdr["machine"]][1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--objcopy", required=True)
    ap.add_argument("elf")
    ap.add_argument("bin")
    opt = ap.parse_args()
    try:
        check_elf(opt.elf)
    except (ImageError, OSError, struct.error, ValueError) as e:
        sys.stderr.write("mkimage: %s: %s\n" % (opt.elf, e))
        return 1
    return subprocess.run([opt.objcopy, "-O", "binary", opt.elf, opt.bin]).returncode


if __name__ == "__main__":
    sys.exit(main())

// SPDX-License-Identifier: Apache-2.0
/*
 * The loongarch64 zone image: position-independent, no data, it idles.
 * QEMU has no LVZ, so nothing runs it there; it exists so a zone has an
 * image to load and a GPA table to map it in (and, on LVZ silicon, a
 * guest that enters and waits: a0 = its DTB, kept).
 */
	.section .text.head, "ax"
	.globl	_start
_start:
1:	idle	0
	b	1b

/* SPDX-License-Identifier: Apache-2.0 */
/* Assembler helpers shared by the aarch64 entry code. */
#ifndef ASM_ASM_H
#define ASM_ASM_H

/* Assembler macros: not C, so not clang-format's business. */
/* clang-format off */

/* PC-relative address of a symbol anywhere within +-4 GiB. */
.macro adr_l, reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

#endif

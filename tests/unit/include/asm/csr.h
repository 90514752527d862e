/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host wrapper around arch/riscv64/include/asm/csr.h: its constants are
 * used as they are, but its CSR instructions become accesses to
 * host_hvip (defined in tests/unit/fakes.c), the only CSR a host-tested
 * driver may touch; naming any other fails to compile.
 */
#ifndef HOST_ASM_CSR_H
#define HOST_ASM_CSR_H

#include "../../../../arch/riscv64/include/asm/csr.h"

#undef csr_read
#undef csr_write
#undef csr_set
#undef csr_clear

extern unsigned long host_hvip;

#define HOST_CSR_IS_HVIP(csr) \
	_Static_assert((csr) == CSR_HVIP, "host tests model hvip only")

#define csr_read(csr)                  \
	({                             \
		HOST_CSR_IS_HVIP(csr); \
		host_hvip;             \
	})
#define csr_write(csr, val)                       \
	do {                                      \
		HOST_CSR_IS_HVIP(csr);            \
		host_hvip = (unsigned long)(val); \
	} while (0)
#define csr_set(csr, val)                          \
	do {                                       \
		HOST_CSR_IS_HVIP(csr);             \
		host_hvip |= (unsigned long)(val); \
	} while (0)
#define csr_clear(csr, val)                         \
	do {                                        \
		HOST_CSR_IS_HVIP(csr);              \
		host_hvip &= ~(unsigned long)(val); \
	} while (0)

#endif

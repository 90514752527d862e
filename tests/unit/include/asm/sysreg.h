/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host wrapper around arch/aarch64/include/asm/sysreg.h: its constants
 * (ESR fields, HCR bits) are plain C and used as they are, but its
 * instruction macros would emit aarch64 assembly. They are replaced by
 * calls to functions that exist nowhere, so code under test that touches
 * a system register fails to link instead of miscompiling.
 */
#ifndef HOST_ASM_SYSREG_H
#define HOST_ASM_SYSREG_H

#include_next <asm/sysreg.h>

#undef read_sysreg
#undef write_sysreg
#undef isb
#undef dsb
#undef wfi
#undef wfe

#define read_sysreg(r) host_test_has_no_sysreg_##r()
#define write_sysreg(r, v) host_test_has_no_sysreg_##r(v)
#define isb() host_test_has_no_barriers()
#define dsb(opt) host_test_has_no_barriers()
#define wfi() host_test_has_no_wfi()
#define wfe() host_test_has_no_wfe()

#endif

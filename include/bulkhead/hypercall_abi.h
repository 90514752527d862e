/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Bulkhead hypercall ABI, shared by the hypervisor and guests.
 * docs/hypercall-abi.md is the prose version of this file.
 *
 * aarch64: HVC #0 with the function id in x0 and arguments in x1..x5;
 * the result comes back in x0 (x1.. for extra results). The ids live in
 * the SMCCC "vendor-specific hypervisor service" range (owner 6), fast
 * calls, so SMCCC-aware guests can tell them from other services.
 *
 * riscv64: ECALL with a7 = 0x0A004248 (an SBI extension in the firmware
 * range), the same function id in a6 and arguments in a0..a4; results in
 * a0 (status), a1, a2.
 */
#ifndef BULKHEAD_HYPERCALL_ABI_H
#define BULKHEAD_HYPERCALL_ABI_H

#define HC_FN(n) (0x86000000u | (n))

/* x0 <- (major << 16) | minor. Also the "null" call benchmarks time. */
#define HC_VERSION HC_FN(0x00)
/* x1 = character; printed on the zone's console line. */
#define HC_CONSOLE_PUTC HC_FN(0x01)
/* x1 = guest address, x2 = length (at most HC_CONSOLE_WRITE_MAX). */
#define HC_CONSOLE_WRITE HC_FN(0x02)
/* x0 <- 0, x1 <- zone id, x2 <- index of the calling vCPU in its zone. */
#define HC_ZONE_SELF HC_FN(0x03)

#define HC_CONSOLE_WRITE_MAX 256

#define BULKHEAD_VERSION_MAJOR 0
#define BULKHEAD_VERSION_MINOR 1

/* Results (SMCCC conventions: negative is an error). */
#define HC_OK 0
#define HC_NOT_SUPPORTED (-1) /* unknown function id */
#define HC_INVALID (-3) /* bad argument: address outside the zone, ... */

#endif

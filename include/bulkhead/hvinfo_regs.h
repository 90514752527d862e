/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Register map of the emulated "bulkhead,hvinfo" device: a 4 KiB window of
 * 32-bit read-only registers. Reads of other offsets return 0; writes are
 * ignored. Shared by the device model and guests.
 */
#ifndef BULKHEAD_HVINFO_REGS_H
#define BULKHEAD_HVINFO_REGS_H

#define HVINFO_MAGIC 0x00 /* reads HVINFO_MAGIC_VALUE */
#define HVINFO_VERSION 0x04 /* (major << 16) | minor */
#define HVINFO_ZONE_ID 0x08
#define HVINFO_NR_CPUS 0x0c /* CPUs of the zone */
#define HVINFO_VCPU_ID 0x10 /* index of the reading vCPU in its zone */
#define HVINFO_SIZE 0x1000

#define HVINFO_MAGIC_VALUE 0x484b4c42u /* "BLKH" */

#endif

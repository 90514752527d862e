/* SPDX-License-Identifier: Apache-2.0 */
/* Fixed-width integer and address types. */
#ifndef BULKHEAD_TYPES_H
#define BULKHEAD_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int32_t s32;
typedef int64_t s64;

/* A physical address, and an intermediate physical (guest) address. */
typedef u64 paddr_t;
typedef u64 ipa_t;

#endif

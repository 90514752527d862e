/* SPDX-License-Identifier: Apache-2.0 */
/* Compiler attributes and small helpers used throughout the image. */
#ifndef BULKHEAD_COMPILER_H
#define BULKHEAD_COMPILER_H

#include <bulkhead/kconfig.h>

#define __section(s) __attribute__((__section__(s)))
#define __aligned(n) __attribute__((__aligned__(n)))
#define __used __attribute__((__used__))
#define __noreturn __attribute__((__noreturn__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define BIT(n) (1ull << (n))
#define MIN(a, b) ((a) < (b) ? (a) : (b))

#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

/* Set bits in a 64-bit word (no libgcc: the image links against nothing). */
static inline unsigned int hweight64(unsigned long long w)
{
	w = w - ((w >> 1) & 0x5555555555555555ull);
	w = (w & 0x3333333333333333ull) + ((w >> 2) & 0x3333333333333333ull);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (unsigned int)((w * 0x0101010101010101ull) >> 56);
}

/*
 * Index of the lowest set bit; w must not be 0. __builtin_ctz would call
 * libgcc on harts without Zbb.
 */
static inline unsigned int ctz64(unsigned long long w)
{
	return hweight64((w & -w) - 1);
}

#define STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)

#endif

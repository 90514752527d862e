// SPDX-License-Identifier: Apache-2.0
/* memset, memcpy, memcmp, strlen and strcmp for the image. */
#include <bulkhead/string.h>

/*
 * Word at a time when alignment allows: zeroing page-table pages is most
 * of the hypervisor's boot time, and the loops stay simple enough to
 * read. Unaligned heads and tails go byte by byte (the MMU may be off).
 */
void *memset(void *dst, int c, size_t n)
{
	u8 *d = dst;
	u64 word = 0x0101010101010101ull * (u8)c;

	while (n && ((uintptr_t)d & 7)) {
		*d++ = (u8)c;
		n--;
	}
	for (; n >= 8; n -= 8, d += 8)
		*(u64 *)d = word;
	while (n--)
		*d++ = (u8)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0)
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(u64 *)d = *(const u64 *)s;
	while (n--)
		*d++ = *s++;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (u8)*a - (u8)*b;
}

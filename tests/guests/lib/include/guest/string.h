/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The few string and memory functions the guests use. memset, memcpy,
 * memmove and memcmp must exist in any freestanding program: compilers
 * emit calls to them for struct copies and initialisation.
 */
#ifndef GUEST_STRING_H
#define GUEST_STRING_H

#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* The image's own memory and string functions (no libc). */
#ifndef BULKHEAD_STRING_H
#define BULKHEAD_STRING_H

#include <bulkhead/types.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

#endif

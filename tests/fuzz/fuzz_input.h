/* SPDX-License-Identifier: Apache-2.0 */
/* The fuzzer's bytes, consumed a field at a time. */
#ifndef TESTS_FUZZ_INPUT_H
#define TESTS_FUZZ_INPUT_H

#include <stdint.h>
#include <string.h>

struct input {
	const uint8_t *data;
	size_t size;
};

/* The next `bytes` bytes (at most 8) as a number; zeros once input runs out. */
static inline uint64_t take(struct input *in, size_t bytes)
{
	uint64_t v = 0;
	size_t n = in->size < bytes ? in->size : bytes;

	memcpy(&v, in->data, n);
	in->data += n;
	in->size -= n;
	return v;
}

#endif

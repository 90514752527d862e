// SPDX-License-Identifier: Apache-2.0
/* Guest delays and timeouts on the architecture's counter. */
#include <guest/time.h>

uint64_t ticks_from_ms(uint32_t ms)
{
	/* Both factors fit in 32 bits: the product cannot overflow. */
	return counter_freq() * ms / 1000;
}

void delay_ms(unsigned int ms)
{
	uint64_t start = counter_read();
	uint64_t ticks = ticks_from_ms(ms);

	/* Unsigned difference: correct across a counter wrap. */
	while (counter_read() - start < ticks)
		cpu_relax();
}

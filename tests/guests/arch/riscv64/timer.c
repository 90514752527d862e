// SPDX-License-Identifier: Apache-2.0
/*
 * The supervisor timer's interrupt, for rtlat: how to program the
 * deadline, and the interrupt enabled.
 */
#include <stddef.h>

#include <arch/timer.h>
#include <guest/string.h>

#define SIE_STIE (1ul << IRQ_S_TIMER)

bool timer_sstc;

/*
 * Is "sstc" one of the multi-letter extensions of an ISA string such as
 * "rv64imafdch_zicsr_sstc"? They follow the single letters, each after
 * an underscore.
 */
static bool isa_has(const char *isa, uint32_t len, const char *ext)
{
	size_t n = strlen(ext);
	uint32_t i;

	/* Up to the NUL at len - 1: an underscore, the name, an end. */
	for (i = 0; i + n + 2 <= len; i++) {
		if (isa[i] == '_' && !strncmp(isa + i + 1, ext, n) &&
		    (isa[i + 1 + n] == '_' || !isa[i + 1 + n]))
			return true;
	}
	return false;
}

/* The boot hart's riscv,isa: the zone's harts are all alike. */
static bool harts_have_sstc(const struct fdt *fdt)
{
	struct fdt_node cpu;
	const char *isa;
	uint32_t len;

	if (fdt_find_path(fdt, "/cpus/cpu@0", &cpu))
		return false;
	isa = fdt_get_prop(fdt, &cpu, "riscv,isa", &len);
	return isa && len && !isa[len - 1] && isa_has(isa, len, "sstc");
}

const char *timer_irq_init(const struct fdt *fdt)
{
	timer_sstc = harts_have_sstc(fdt);
	timer_stop();
	asm volatile("csrs sie, %0" : : "r"(SIE_STIE) : "memory");
	return NULL;
}

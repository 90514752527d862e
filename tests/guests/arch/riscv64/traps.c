// SPDX-License-Identifier: Apache-2.0
/*
 * What start.S's trap vector calls when nothing else should have
 * happened, and the counter rate, which only the DTB knows.
 */
#include <arch/cpu.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>

#define SCAUSE_IRQ (1ul << 63)

uint64_t guest_timebase_hz;

void guest_exception(unsigned long scause, unsigned long sepc,
		     unsigned long stval);

void arch_guest_init(const void *dtb)
{
	struct fdt fdt;
	struct fdt_node cpus;
	const void *val;
	uint32_t len;

	if (fdt_open(&fdt, dtb) || fdt_find_path(&fdt, "/cpus", &cpus))
		return;
	val = fdt_get_prop(&fdt, &cpus, "timebase-frequency", &len);
	if (val && len == 4)
		guest_timebase_hz = fdt_cell(val, 0);
}

/*
 * An interrupt with no handler: only guests that enable interrupts get
 * any, and they override this.
 */
__attribute__((weak)) void guest_irq(void)
{
	unsigned long scause, sepc, stval;

	asm volatile("csrr %0, scause" : "=r"(scause));
	asm volatile("csrr %0, sepc" : "=r"(sepc));
	asm volatile("csrr %0, stval" : "=r"(stval));
	guest_exception(scause, sepc, stval);
}

/*
 * Nothing else should trap to S-mode: the guests only touch their own
 * memory and emulated devices, and the hypervisor takes the faults of
 * anything else. Interrupts have bit 63 of @scause set.
 */
void guest_exception(unsigned long scause, unsigned long sepc,
		     unsigned long stval)
{
	console_end_line();
	printf("%s: %s scause=0x%lx sepc=0x%lx stval=0x%lx\n", guest_name,
	       scause & SCAUSE_IRQ ? "unexpected interrupt" : "exception",
	       scause, sepc, stval);
	guest_exit();
}

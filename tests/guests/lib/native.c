// SPDX-License-Identifier: Apache-2.0
/*
 * Running without a hypervisor, e.g. QEMU virt with "-kernel guest.bin",
 * to measure what a zone adds. Nothing would then answer the hypercall
 * console, so the lines go to the UART that /chosen/stdout-path names
 * (else the first one of the board's kind, arch/uart.h), and the guest
 * powers off through the firmware (arch/<arch>/native.c).
 *
 * The test is architectural (arch_native(): on aarch64 EL2 is absent, on
 * riscv64 the SBI lacks Bulkhead's extension) rather than a property of
 * the DTB: a zone need not have a bulkhead,hvinfo node, and its DTB also
 * names a UART (the emulated one).
 */
#include <stdbool.h>

#include <arch/cpu.h>
#include <arch/uart.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/native.h>

static bool native;

static uintptr_t find_uart(const struct fdt *fdt)
{
	struct fdt_node node;
	struct fdt_range reg;

	if (fdt_stdout(fdt, &node) &&
	    fdt_find_compatible(fdt, UART_COMPAT, &node))
		return 0;
	return fdt_node_reg(fdt, &node, &reg) ? 0 : reg.base;
}

bool native_init(const void *dtb)
{
	struct fdt fdt;

	if (!arch_native())
		return false;
	native = true;
	if (fdt_open(&fdt, dtb)) {
		console_use_uart(0);
		arch_native_init(NULL);
		return true;
	}
	console_use_uart(find_uart(&fdt));
	arch_native_init(&fdt);
	return true;
}

bool guest_is_native(void)
{
	return native;
}

void native_system_off(void)
{
	console_flush();
	arch_native_off();
	/* The firmware cannot, or refused: stay quiet forever. */
	for (;;)
		cpu_wait();
}

// SPDX-License-Identifier: Apache-2.0
/*
 * Running without a hypervisor, e.g. QEMU virt without virtualization and
 * "-kernel guest.bin", to measure what a zone adds. With no EL2 an HVC is
 * UNDEFINED, so the hypercall console would only trap to our own vectors:
 * print on the PL011 that /chosen/stdout-path names instead (else the
 * first arm,pl011), and power off through the conduit /psci names.
 *
 * The test is architectural (EL2 absent) rather than a property of the
 * DTB: a zone need not have a bulkhead,hvinfo node, and its DTB also
 * names a PL011 (the emulated one).
 */
#include <stdbool.h>

#include <arch/cpu.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/native.h>
#include <guest/string.h>

enum conduit { CONDUIT_NONE, CONDUIT_HVC, CONDUIT_SMC };

static bool native;
static enum conduit psci_conduit;

static uintptr_t find_uart(const struct fdt *fdt)
{
	struct fdt_node node;
	struct fdt_range reg;

	if (fdt_stdout(fdt, &node) &&
	    fdt_find_compatible(fdt, "arm,pl011", &node))
		return 0;
	return fdt_node_reg(fdt, &node, &reg) ? 0 : reg.base;
}

/* HVC is what QEMU offers a machine without EL2 and EL3. */
static enum conduit find_psci(const struct fdt *fdt)
{
	struct fdt_node node;
	const char *method;
	uint32_t len;

	if (fdt_find_compatible(fdt, "arm,psci-0.2", &node) &&
	    fdt_find_compatible(fdt, "arm,psci", &node))
		return CONDUIT_NONE;
	method = fdt_get_prop(fdt, &node, "method", &len);
	if (!method || len != 4)
		return CONDUIT_NONE;
	if (!strcmp(method, "hvc"))
		return CONDUIT_HVC;
	return strcmp(method, "smc") ? CONDUIT_NONE : CONDUIT_SMC;
}

bool native_init(const void *dtb)
{
	struct fdt fdt;

	if (cpu_has_el2())
		return false;
	native = true;
	if (fdt_open(&fdt, dtb)) {
		console_use_pl011(0);
		return true;
	}
	console_use_pl011(find_uart(&fdt));
	psci_conduit = find_psci(&fdt);
	return true;
}

bool guest_is_native(void)
{
	return native;
}

void native_system_off(void)
{
	console_flush();
	if (psci_conduit == CONDUIT_SMC)
		psci_system_off();
	if (psci_conduit == CONDUIT_HVC)
		psci_system_off_hvc();
	/* No PSCI, or it refused: stay quiet forever. */
	for (;;)
		cpu_wait();
}

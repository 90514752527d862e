// SPDX-License-Identifier: Apache-2.0
/*
 * aarch64 without a hypervisor (lib/native.c): with no EL2 an HVC is
 * UNDEFINED, so nothing can take the hypercall console's; the firmware
 * is PSCI, through the conduit /psci names.
 */
#include <stdbool.h>

#include <arch/cpu.h>
#include <guest/fdt.h>
#include <guest/native.h>
#include <guest/string.h>

enum conduit { CONDUIT_NONE, CONDUIT_HVC, CONDUIT_SMC };

static enum conduit psci_conduit;

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

bool arch_native(void)
{
	return !cpu_has_el2();
}

void arch_native_init(const struct fdt *fdt)
{
	psci_conduit = fdt ? find_psci(fdt) : CONDUIT_NONE;
}

void arch_native_off(void)
{
	if (psci_conduit == CONDUIT_SMC)
		psci_system_off();
	if (psci_conduit == CONDUIT_HVC)
		psci_system_off_hvc();
}

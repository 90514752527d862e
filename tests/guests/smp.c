// SPDX-License-Identifier: Apache-2.0
/*
 * smp: vCPU 0 starts each other vCPU of its zone (PSCI CPU_ON, SBI HSM
 * hart_start), checks that it arrives, that it can turn itself off and be
 * started again, and that the hypervisor refuses CPUs the zone does not
 * have and a CPU that is already running. Needs the zone's hvinfo device
 * for its CPU count.
 */
#include <arch/cpu.h>
#include <bulkhead/hvinfo_regs.h>
#include <bulkhead/hypercall_abi.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>
#include <guest/time.h>

#define MAX_VCPUS 8
#define STACK_SIZE 4096

const char guest_name[] = "smp";

static uint8_t stacks[MAX_VCPUS][STACK_SIZE] __attribute__((aligned(16)));
/* arrived[i] = i + 1 once vCPU i ran; written by that vCPU, MMU off. */
static volatile unsigned long arrived[MAX_VCPUS];

void guest_secondary_main(void)
{
	unsigned long vcpu = hypercall(HC_ZONE_SELF, 0, 0).val2;

	if (vcpu < MAX_VCPUS)
		arrived[vcpu] = vcpu + 1;
}

static unsigned int zone_cpus(const void *dtb)
{
	struct fdt fdt;
	struct fdt_node node;
	struct fdt_range reg;

	if (fdt_open(&fdt, dtb) ||
	    fdt_find_compatible(&fdt, "bulkhead,hvinfo", &node) ||
	    fdt_node_reg(&fdt, &node, &reg))
		guest_fail("no bulkhead,hvinfo device in the DTB");
	return mmio_read32(reg.base + HVINFO_NR_CPUS);
}

static long start_vcpu(unsigned int vcpu)
{
	uintptr_t stack_top = (uintptr_t)stacks[vcpu % MAX_VCPUS] + STACK_SIZE;

	return guest_cpu_on(vcpu, (uintptr_t)secondary_start, stack_top);
}

/* Polls with a deadline, so a lost vCPU is a FAIL line, not a hang. */
static int wait_for(volatile unsigned long *word, unsigned long value)
{
	uint64_t deadline = counter_read() + counter_freq();

	while (*word != value)
		if (counter_read() > deadline)
			return -1;
	return 0;
}

static void bring_up(unsigned int vcpu)
{
	long ret;

	arrived[vcpu] = 0;
	ret = start_vcpu(vcpu);
	if (ret)
		guest_fail("CPU_ON of vcpu %u returned %ld", vcpu, ret);
	if (wait_for(&arrived[vcpu], vcpu + 1))
		guest_fail("vcpu %u did not arrive", vcpu);
	printf("smp: vcpu %u up\n", vcpu);
}

static void wait_off(unsigned int vcpu)
{
	uint64_t deadline = counter_read() + counter_freq();

	while (!guest_cpu_is_off(vcpu))
		if (counter_read() > deadline)
			guest_fail("vcpu %u never turned off", vcpu);
}

void guest_main(const void *dtb)
{
	unsigned int n = zone_cpus(dtb), i;
	long ret;

	if (n < 2 || n > MAX_VCPUS)
		guest_fail("zone has %u vcpus, need 2..%d", n, MAX_VCPUS);
	printf("smp: %u vcpus\n", n);
	for (i = 1; i < n; i++)
		bring_up(i);
	ret = start_vcpu(n);
	if (ret != GUEST_CPU_ON_INVALID)
		guest_fail("CPU_ON of vcpu %u (not ours) returned %ld", n, ret);
	printf("smp: cpu_on of vcpu %u refused (%ld)\n", n, ret);
	ret = start_vcpu(0);
	if (ret != GUEST_CPU_ON_ALREADY_ON)
		guest_fail("CPU_ON of running vcpu 0 returned %ld", ret);
	printf("smp: cpu_on of running vcpu 0 refused (%ld)\n", ret);
	wait_off(1);
	bring_up(1);
	printf("smp: vcpu 1 off and on again\n");
	printf("smp: PASS\n");
}

/* SPDX-License-Identifier: Apache-2.0 */
/*
 * aarch64 primitives for the test guests: hypercalls, PSCI, the generic
 * timer's virtual counter and single-instruction memory accesses.
 *
 * arch/riscv64 provides the same functions in its own arch/cpu.h; the
 * guest library and the guests use nothing else that is arch-specific.
 */
#ifndef GUEST_ARCH_CPU_H
#define GUEST_ARCH_CPU_H

#include <stdbool.h>
#include <stdint.h>

#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0xc4000003u
#define PSCI_AFFINITY_INFO 0xc4000004u

#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_ALREADY_ON (-4)
#define PSCI_INVALID_ADDRESS (-9)
#define PSCI_AFFINITY_OFF 1

/* What guest_cpu_on() returns for a vCPU the zone lacks, ... */
#define GUEST_CPU_ON_INVALID PSCI_INVALID_PARAMETERS
/* ... for an entry point outside the zone, ... */
#define GUEST_CPU_ON_BAD_ENTRY PSCI_INVALID_ADDRESS
/* ... and for a vCPU that is already running. */
#define GUEST_CPU_ON_ALREADY_ON PSCI_ALREADY_ON

/* Where the counter frequency comes from, for failure messages. */
#define COUNTER_FREQ_SOURCE "CNTFRQ_EL0"

struct hc_result {
	long ret; /* x0: negative is an error */
	unsigned long val1; /* x1 */
	unsigned long val2; /* x2 */
};

/*
 * HVC #0 with the function id in x0 and arguments in x1, x2. The ABI says
 * every register but the results is preserved, but SMCCC 1.0 lets a call
 * change x0..x17, so x3..x17 are declared clobbered as well: it costs
 * nothing here (the guests keep no live values there across a call) and
 * keeps the guests correct on a hypervisor that follows SMCCC 1.0 only.
 */
static inline struct hc_result hypercall(unsigned long fn, unsigned long a1,
					 unsigned long a2)
{
	register unsigned long x0 asm("x0") = fn;
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = a2;
	struct hc_result res;

	asm volatile("hvc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2)
		     :
		     : "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
		       "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	res.ret = (long)x0;
	res.val1 = x1;
	res.val2 = x2;
	return res;
}

/* A PSCI call through SMC #0; returns x0. */
static inline long psci_call(unsigned long fn, unsigned long a1,
			     unsigned long a2, unsigned long a3)
{
	register unsigned long x0 asm("x0") = fn;
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = a2;
	register unsigned long x3 asm("x3") = a3;

	asm volatile("smc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "memory");
	return (long)x0;
}

/* PSCI SYSTEM_OFF through SMC: stops the calling zone, never returns. */
static inline __attribute__((noreturn)) void psci_system_off(void)
{
	register unsigned long x0 asm("x0") = PSCI_SYSTEM_OFF;

	asm volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	/* Only reached if the call was refused: stay quiet forever. */
	for (;;)
		asm volatile("wfi");
}

/* Stops the calling zone (natively: see lib/native.c). */
static inline __attribute__((noreturn)) void guest_system_off(void)
{
	psci_system_off();
}

/*
 * PSCI CPU_ON: vCPU @vcpu (its MPIDR affinity, the vCPU index in a zone)
 * starts at @entry with x0 = @ctx. 0 or a PSCI error.
 */
static inline long guest_cpu_on(unsigned long vcpu, uintptr_t entry,
				unsigned long ctx)
{
	return psci_call(PSCI_CPU_ON, vcpu, entry, ctx);
}

static inline bool guest_cpu_is_off(unsigned long vcpu)
{
	return psci_call(PSCI_AFFINITY_INFO, vcpu, 0, 0) == PSCI_AFFINITY_OFF;
}

/*
 * PSCI SYSTEM_OFF through HVC: the firmware's conduit on a machine with
 * neither EL2 nor EL3 (QEMU virt without virtualization or security),
 * where QEMU answers PSCI itself. Returns only if the call was refused.
 */
static inline void psci_system_off_hvc(void)
{
	register unsigned long x0 asm("x0") = PSCI_SYSTEM_OFF;

	asm volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
}

/*
 * The virtual counter. The ISBs keep the read from being hoisted above
 * or sunk below the code being timed.
 */
static inline uint64_t counter_read(void)
{
	uint64_t val;

	asm volatile("isb\n\tmrs %0, cntvct_el0\n\tisb"
		     : "=r"(val)
		     :
		     : "memory");
	return val;
}

static inline uint64_t counter_freq(void)
{
	uint64_t val;

	asm volatile("mrs %0, cntfrq_el0" : "=r"(val));
	return val & 0xffffffffu; /* the upper half is RES0 */
}

/* Nothing to read from the DTB first: CNTFRQ_EL0 has the rate. */
static inline void arch_guest_init(const void *dtb)
{
	(void)dtb;
}

/* A hint for spin loops: lets QEMU's round-robin run other vCPUs. */
static inline void cpu_relax(void)
{
	asm volatile("yield" : : : "memory");
}

/*
 * Whether EL2 exists. Without it nobody can take an HVC (it is UNDEFINED):
 * the guest runs natively, and must print and power off by itself.
 */
static inline bool cpu_has_el2(void)
{
	uint64_t pfr0;

	asm volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
	return ((pfr0 >> 8) & 0xf) != 0;
}

/* MPIDR_EL1's affinity fields packed as Aff3.Aff2.Aff1.Aff0. */
static inline uint32_t cpu_affinity(void)
{
	uint64_t mpidr;

	asm volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
	return (uint32_t)((mpidr >> 8) & 0xff000000u) |
	       (uint32_t)(mpidr & 0xffffffu);
}

static inline void irq_enable(void)
{
	asm volatile("msr daifclr, #2" : : : "memory");
}

static inline void irq_disable(void)
{
	asm volatile("msr daifset, #2" : : : "memory");
}

/* Waits for an interrupt, masked or not (a masked one still wakes). */
static inline void cpu_wait(void)
{
	asm volatile("dsb sy\n\twfi" : : : "memory");
}

/*
 * One plain LDR with a register base and no writeback, so a trapped
 * access has a valid syndrome (ESR_EL2.ISV) the hypervisor can emulate.
 */
static inline uint32_t mmio_read32(uintptr_t addr)
{
	uint32_t val;

	asm volatile("ldr %w0, [%1]" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

static inline void mmio_write32(uintptr_t addr, uint32_t val)
{
	asm volatile("str %w0, [%1]" : : "r"(val), "r"(addr) : "memory");
}

/* A 64-bit register (GICR_TYPER) in one access, as the GIC requires. */
static inline uint64_t mmio_read64(uintptr_t addr)
{
	uint64_t val;

	asm volatile("ldr %0, [%1]" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

static inline uint64_t mem_read64(uintptr_t addr)
{
	uint64_t val;

	asm volatile("ldr %0, [%1]" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

static inline void mem_write32(uintptr_t addr, uint32_t val)
{
	asm volatile("str %w0, [%1]" : : "r"(val), "r"(addr) : "memory");
}

/*
 * Orders every memory and device access before it against every one
 * after it, as any other CPU or device observes them: what a guest
 * writes to memory it shares (a virtqueue, an inter-zone channel) is
 * visible before the device access that announces it. With the MMU off
 * all of it is Device memory, outer shareable: hence the full system DSB.
 */
static inline void mem_barrier(void)
{
	asm volatile("dsb sy" : : : "memory");
}

/*
 * Guests run with the MMU and caches off, the hypervisor reads their
 * buffers through its cacheable mapping. Cleaning and invalidating the
 * buffer to the point of coherency drops any stale line the hypervisor
 * may still hold for it (a no-op under QEMU, needed on hardware).
 */
static inline void cache_clean_inval_range(uintptr_t start, uintptr_t size)
{
	uint64_t ctr;
	uintptr_t line, addr;

	asm volatile("mrs %0, ctr_el0" : "=r"(ctr));
	line = 4ul << ((ctr >> 16) & 0xf); /* DminLine: log2 of words */
	for (addr = start & ~(line - 1); addr < start + size; addr += line)
		asm volatile("dc civac, %0" : : "r"(addr) : "memory");
	asm volatile("dsb sy" : : : "memory");
}

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/*
 * riscv64 primitives for the test guests: SBI calls (Bulkhead's
 * hypercalls are an SBI extension), HSM for the other vCPUs, the time
 * CSR and single-instruction memory accesses. The same functions as
 * arch/aarch64's arch/cpu.h; the guests use nothing else arch-specific.
 *
 * A guest runs in VS-mode, which it sees as S-mode: ECALL goes to the
 * hypervisor (natively, to the SBI firmware).
 */
#ifndef GUEST_ARCH_CPU_H
#define GUEST_ARCH_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/early.h>

/* Lets shared guests add the checks only SBI has (isolation.c). */
#define GUEST_ARCH_SBI 1

#define SBI_EXT_DBCN 0x4442434e
#define SBI_BASE_PROBE_EXT 3
#define SBI_DBCN_WRITE 0
#define SBI_IPI_SEND 0
#define SBI_RFENCE_FENCE_I 0
#define SBI_HSM_STOPPED 1

#define SBI_ERR_NOT_SUPPORTED (-2)
#define SBI_ERR_INVALID_PARAM (-3)
#define SBI_ERR_INVALID_ADDRESS (-5)
#define SBI_ERR_ALREADY_AVAILABLE (-6)

/* What guest_cpu_on() returns for a vCPU the zone lacks, ... */
#define GUEST_CPU_ON_INVALID SBI_ERR_INVALID_PARAM
/* ... for an entry point outside the zone, ... */
#define GUEST_CPU_ON_BAD_ENTRY SBI_ERR_INVALID_ADDRESS
/* ... and for a vCPU that is already running. */
#define GUEST_CPU_ON_ALREADY_ON SBI_ERR_ALREADY_AVAILABLE

/* Where the counter frequency comes from, for failure messages. */
#define COUNTER_FREQ_SOURCE "/cpus timebase-frequency"

struct sbiret {
	long error;
	long value;
};

struct hc_result {
	long ret; /* a0: negative is an error */
	unsigned long val1; /* a1 */
	unsigned long val2; /* a2 */
};

/*
 * ECALL: a7 = extension, a6 = function, arguments in a0..a2. The SBI
 * preserves every register but a0 and a1; Bulkhead's own calls may also
 * return a value in a2, so a2 is an output of every call.
 */
static inline struct sbiret sbi_call(unsigned long ext, unsigned long fid,
				     unsigned long arg0, unsigned long arg1,
				     unsigned long arg2)
{
	register unsigned long a0 asm("a0") = arg0;
	register unsigned long a1 asm("a1") = arg1;
	register unsigned long a2 asm("a2") = arg2;
	register unsigned long a6 asm("a6") = fid;
	register unsigned long a7 asm("a7") = ext;

	asm volatile("ecall"
		     : "+r"(a0), "+r"(a1), "+r"(a2)
		     : "r"(a6), "r"(a7)
		     : "memory");
	return (struct sbiret){ (long)a0, (long)a1 };
}

/* A Bulkhead hypercall: function id in a6, results in a0..a2. */
static inline struct hc_result hypercall(unsigned long fn, unsigned long arg1,
					 unsigned long arg2)
{
	register unsigned long a0 asm("a0") = arg1;
	register unsigned long a1 asm("a1") = arg2;
	register unsigned long a2 asm("a2") = 0;
	register unsigned long a6 asm("a6") = fn;
	register unsigned long a7 asm("a7") = SBI_EXT_BULKHEAD;

	asm volatile("ecall"
		     : "+r"(a0), "+r"(a1), "+r"(a2)
		     : "r"(a6), "r"(a7)
		     : "memory");
	return (struct hc_result){ (long)a0, a1, a2 };
}

/* SBI system reset, shutdown: in a zone it stops the zone. */
static inline __attribute__((noreturn)) void guest_system_off(void)
{
	sbi_call(SBI_EXT_SRST, SBI_SRST_RESET, SBI_SRST_SHUTDOWN, 0, 0);
	/* Only reached if the call was refused: stay quiet forever. */
	for (;;)
		asm volatile("wfi");
}

/*
 * HSM hart_start: vCPU @vcpu (its hart id) starts at @entry with
 * a0 = @vcpu and a1 = @ctx. 0 or an SBI error.
 */
static inline long guest_cpu_on(unsigned long vcpu, uintptr_t entry,
				unsigned long ctx)
{
	return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, vcpu, entry, ctx)
		.error;
}

static inline bool guest_cpu_is_off(unsigned long vcpu)
{
	struct sbiret r;

	r = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, vcpu, 0, 0);
	return !r.error && r.value == SBI_HSM_STOPPED;
}

/* The time CSR: a constant-rate counter, running since reset. */
static inline uint64_t counter_read(void)
{
	uint64_t val;

	asm volatile("rdtime %0" : "=r"(val) : : "memory");
	return val;
}

/*
 * No CSR holds the counter's rate: arch_guest_init() takes it from the
 * DTB (/cpus timebase-frequency) before the program runs.
 */
extern uint64_t guest_timebase_hz;

static inline uint64_t counter_freq(void)
{
	return guest_timebase_hz;
}

/* Reads what the guest needs from the DTB before anything else runs. */
void arch_guest_init(const void *dtb);

/*
 * PAUSE (Zihintpause), spelt as the FENCE it is encoded as so that no
 * -march needs it: a hint for spin loops, a plain fence elsewhere.
 */
static inline void cpu_relax(void)
{
	asm volatile(".4byte 0x0100000f" : : : "memory");
}

#define SSTATUS_SIE (1ul << 1)

static inline void irq_enable(void)
{
	asm volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE) : "memory");
}

static inline void irq_disable(void)
{
	asm volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE) : "memory");
}

/* Waits for an interrupt, masked or not (a pending enabled one wakes). */
static inline void cpu_wait(void)
{
	asm volatile("wfi" : : : "memory");
}

/*
 * One plain load or store with a register base, so that a trapped access
 * can be decoded and emulated by the hypervisor.
 */
static inline uint8_t mmio_read8(uintptr_t addr)
{
	uint8_t val;

	asm volatile("lbu %0, 0(%1)" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

static inline void mmio_write8(uintptr_t addr, uint8_t val)
{
	asm volatile("sb %0, 0(%1)" : : "r"(val), "r"(addr) : "memory");
}

static inline uint32_t mmio_read32(uintptr_t addr)
{
	uint32_t val;

	asm volatile("lw %0, 0(%1)" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

static inline void mmio_write32(uintptr_t addr, uint32_t val)
{
	asm volatile("sw %0, 0(%1)" : : "r"(val), "r"(addr) : "memory");
}

static inline uint64_t mmio_read64(uintptr_t addr)
{
	uint64_t val;

	asm volatile("ld %0, 0(%1)" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

static inline uint64_t mem_read64(uintptr_t addr)
{
	return mmio_read64(addr);
}

static inline void mem_write32(uintptr_t addr, uint32_t val)
{
	mmio_write32(addr, val);
}

/*
 * Orders every memory and device access before it against every one
 * after it, as any other hart or device observes them: what a guest
 * writes to memory it shares (a virtqueue, an inter-zone channel) is
 * visible before the device access that announces it.
 */
static inline void mem_barrier(void)
{
	asm volatile("fence iorw, iorw" : : : "memory");
}

/*
 * Nothing to do: RISC-V caches are coherent for every access the hart
 * makes, translated or not, so the hypervisor sees the guest's buffer.
 */
static inline void cache_clean_inval_range(uintptr_t start, uintptr_t size)
{
	(void)start;
	(void)size;
}

#endif

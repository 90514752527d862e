// SPDX-License-Identifier: Apache-2.0
/*
 * SBI as the zones see it. Hart ids are vCPU indices (the guest DTB's cpu
 * reg values), so a zone can only ever name its own harts: IPI, RFENCE
 * and HSM act on the zone's vCPUs only. SRST resets or stops the calling
 * zone (the machine only for a zone given that right). Console calls go
 * to the console mux. Nothing a guest asks reaches the firmware directly.
 */
#include <bulkhead/arch.h>
#include <bulkhead/console.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/percpu.h>
#include <bulkhead/vcpu.h>
#include <bulkhead/zone.h>
#include <asm/csr.h>
#include <asm/sbi.h>
#include <asm/traps.h>

#define SBI_SPEC_VERSION_2_0 (2ul << 24)
/* Not a registered implementation id: "BH". */
#define SBI_IMPL_ID_BULKHEAD 0x4248
#define SBI_ERR_ALREADY_STARTED (-7)
#define HART_MASK_ALL (~0ul)

static bool ext_supported(u64 ext)
{
	switch (ext) {
	case SBI_EXT_LEGACY_SET_TIMER:
	case SBI_EXT_LEGACY_PUTCHAR:
	case SBI_EXT_LEGACY_GETCHAR:
	case SBI_EXT_LEGACY_SHUTDOWN:
	case SBI_EXT_BASE:
	case SBI_EXT_TIME:
	case SBI_EXT_IPI:
	case SBI_EXT_RFENCE:
	case SBI_EXT_HSM:
	case SBI_EXT_SRST:
	case SBI_EXT_DBCN:
	case SBI_EXT_BULKHEAD:
		return true;
	default:
		return false;
	}
}

static struct sbiret sbi_base(u64 fid, u64 arg)
{
	switch (fid) {
	case SBI_BASE_GET_SPEC_VERSION:
		return (struct sbiret){ 0, SBI_SPEC_VERSION_2_0 };
	case SBI_BASE_GET_IMPL_ID:
		return (struct sbiret){ 0, SBI_IMPL_ID_BULKHEAD };
	case SBI_BASE_GET_IMPL_VERSION:
		return (struct sbiret){ 0, (BULKHEAD_VERSION_MAJOR << 16) |
						   BULKHEAD_VERSION_MINOR };
	case SBI_BASE_PROBE_EXT:
		return (struct sbiret){ 0, ext_supported(arg) };
	case SBI_BASE_GET_MVENDORID:
	case SBI_BASE_GET_MARCHID:
	case SBI_BASE_GET_MIMPID:
		/* The hart's identity is no secret: ask the firmware. */
		return sbi_call(SBI_EXT_BASE, fid, 0, 0, 0, 0, 0);
	default:
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	}
}

/*
 * The vCPUs a (hart_mask, hart_mask_base) pair names, as a mask of vCPU
 * indices; -1 if it names a hart the zone does not have.
 */
static s64 vcpu_targets(const struct zone *zone, u64 mask, u64 base)
{
	u64 all = zone->nr_vcpus >= 64 ? ~0ull : BIT(zone->nr_vcpus) - 1;

	if (base == HART_MASK_ALL)
		return (s64)all;
	if (base >= zone->nr_vcpus || (mask << base) >> base != mask)
		return -1;
	mask <<= base;
	return (mask & ~all) ? -1 : (s64)mask;
}

static struct sbiret sbi_ipi(struct zone *zone, u64 mask, u64 base)
{
	s64 targets = vcpu_targets(zone, mask, base);

	if (targets < 0)
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	for (u32 v = 0; v < zone->nr_vcpus; v++)
		if (((u64)targets & BIT(v)) &&
		    vcpu_power_state(zone, v) == VCPU_ON)
			vcpu_raise_vssip(zone_vcpu_cpu(zone, v));
	return (struct sbiret){ 0, 0 };
}

/*
 * This hart's share of a guest fence, without the firmware: HFENCE.VVMA
 * acts on the VMID in hgatp, the zone's own; the whole of it is flushed,
 * which covers any range or ASID.
 */
static void local_rfence(u64 fid)
{
	if (fid == SBI_RFENCE_FENCE_I)
		__asm__ volatile("fence.i" ::: "memory");
	else
		__asm__ volatile(
			".insn r 0x73, 0, 0x11, x0, x0, x0" ::
				: "memory"); /* hfence.vvma zero, zero */
}

static long remote_rfence(u64 fid, u64 hart, const struct regs *regs)
{
	if (fid == SBI_RFENCE_FENCE_I)
		return sbi_remote_fence_i(hart);
	return sbi_remote_hfence_vvma(hart, regs->x[REG_A0 + 2],
				      regs->x[REG_A0 + 3], regs->x[REG_A0 + 4],
				      fid == SBI_RFENCE_SFENCE_VMA_ASID);
}

/*
 * Fences on the physical harts of the named vCPUs: this one's here, the
 * others' by the firmware. Linux fences every hart for each patch of its
 * text (module loading patches thousands of ftrace sites), so the calling
 * hart's share must not cost a trip through M-mode.
 */
static struct sbiret sbi_rfence(struct zone *zone, u64 fid,
				const struct regs *regs)
{
	s64 targets = vcpu_targets(zone, regs->x[REG_A0], regs->x[REG_A0 + 1]);
	u32 self = this_cpu()->id;
	long err = 0;

	if (fid > SBI_RFENCE_SFENCE_VMA_ASID)
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	if (targets < 0)
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	for (u32 v = 0; v < zone->nr_vcpus && !err; v++) {
		u32 cpu = zone_vcpu_cpu(zone, v);

		if (!((u64)targets & BIT(v)))
			continue;
		if (cpu == self)
			local_rfence(fid);
		else
			err = remote_rfence(fid, platform.cpu_hwid[cpu], regs);
	}
	return (struct sbiret){ err ? SBI_ERR_FAILED : 0, 0 };
}

static struct sbiret hsm_start(struct zone *zone, const struct regs *regs)
{
	u64 hart = regs->x[REG_A0], entry = regs->x[REG_A1];

	if (hart >= zone->nr_vcpus)
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	if (!zone_ipa_is_exec(zone, entry, 4) || (entry & 1))
		return (struct sbiret){ SBI_ERR_INVALID_ADDRESS, 0 };
	switch (vcpu_on(zone, (u32)hart, entry, regs->x[REG_A0 + 2])) {
	case VCPU_OK:
		return (struct sbiret){ 0, 0 };
	case VCPU_EALREADY:
	case VCPU_EPENDING:
		return (struct sbiret){ SBI_ERR_ALREADY_AVAILABLE, 0 };
	default:
		return (struct sbiret){ SBI_ERR_FAILED, 0 };
	}
}

static struct sbiret hsm_status(struct zone *zone, u64 hart)
{
	switch (hart < zone->nr_vcpus ? vcpu_power_state(zone, (u32)hart) :
					-1) {
	case VCPU_ON:
		return (struct sbiret){ 0, SBI_HSM_STARTED };
	case VCPU_ON_PENDING:
		return (struct sbiret){ 0, SBI_HSM_START_PENDING };
	case VCPU_OFF:
		return (struct sbiret){ 0, SBI_HSM_STOPPED };
	default:
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	}
}

/*
 * Every suspend is a wait for an interrupt. A non-retentive one resumes
 * at resume_addr as a hart start would: MMU and interrupts off, a0 = hart
 * id and a1 = opaque (returned as error and value, which land there).
 */
static struct sbiret hsm_suspend(struct percpu *cpu, struct regs *regs)
{
	u64 type = regs->x[REG_A0] & 0xffffffffu, resume = regs->x[REG_A1];
	bool retentive = type < SBI_HSM_SUSPEND_NON_RETENTIVE;

	if (type && type != SBI_HSM_SUSPEND_NON_RETENTIVE)
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	if (!retentive && !zone_ipa_is_exec(cpu->zone, resume, 4))
		return (struct sbiret){ SBI_ERR_INVALID_ADDRESS, 0 };
	arch_vcpu_idle();
	if (!retentive) {
		csr_write(CSR_VSATP, 0);
		csr_clear(CSR_VSSTATUS, SSTATUS_SIE);
		regs->pc = resume;
		return (struct sbiret){ (long)cpu->vcpu_index,
					(long)regs->x[REG_A0 + 2] };
	}
	return (struct sbiret){ 0, 0 };
}

static struct sbiret sbi_hsm(struct percpu *cpu, u64 fid, struct regs *regs)
{
	switch (fid) {
	case SBI_HSM_HART_START:
		return hsm_start(cpu->zone, regs);
	case SBI_HSM_HART_STOP:
		vcpu_off_self();
	case SBI_HSM_HART_STATUS:
		return hsm_status(cpu->zone, regs->x[REG_A0]);
	case SBI_HSM_HART_SUSPEND:
		return hsm_suspend(cpu, regs);
	default:
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	}
}

static struct sbiret sbi_srst(u64 fid, u64 type)
{
	if (fid != 0)
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	switch (type) {
	case SBI_SRST_SHUTDOWN:
		zone_power_off_self("SBI system reset: shutdown");
	case SBI_SRST_COLD_REBOOT:
	case SBI_SRST_WARM_REBOOT:
		zone_restart_self("reset (SBI system reset)");
	default:
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	}
}

/* Debug console writes: at most HC_CONSOLE_WRITE_MAX bytes per call. */
static struct sbiret sbi_dbcn(struct zone *zone, u64 fid,
			      const struct regs *regs)
{
	u64 len = regs->x[REG_A0], gpa = regs->x[REG_A1];
	const char *buf;

	if (fid == SBI_DBCN_WRITE_BYTE) {
		console_zone_putc(zone, (char)regs->x[REG_A0]);
		return (struct sbiret){ 0, 0 };
	}
	if (fid > SBI_DBCN_WRITE_BYTE)
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	if (len > HC_CONSOLE_WRITE_MAX)
		len = HC_CONSOLE_WRITE_MAX;
	buf = len ? zone_ipa_to_hyp(zone, gpa, len) : NULL;
	if (regs->x[REG_A0 + 2] || (len && !buf))
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	if (fid == SBI_DBCN_READ)
		return (struct sbiret){ 0, 0 }; /* input goes to the vUART */
	for (u64 i = 0; i < len; i++)
		console_zone_putc(zone, buf[i]);
	return (struct sbiret){ 0, (long)len };
}

/* Bulkhead's own calls: a6 = function id, a0..a4 = arguments. */
static void sbi_bulkhead(struct percpu *cpu, struct regs *regs)
{
	struct hypercall hc = { .fn = regs->x[REG_A6] };

	for (int i = 0; i < HC_NR_ARGS; i++)
		hc.arg[i] = regs->x[REG_A0 + i];
	hypercall_dispatch(cpu->zone, cpu->vcpu_index, &hc);
	for (u32 i = 0; i < hc.nr_ret; i++)
		regs->x[REG_A0 + i] = hc.ret[i];
}

/* The pre-0.2 calls answer in a0 only. */
static bool sbi_legacy(struct zone *zone, u64 ext, struct regs *regs)
{
	switch (ext) {
	case SBI_EXT_LEGACY_SET_TIMER:
		vcpu_set_timer(regs->x[REG_A0]);
		break;
	case SBI_EXT_LEGACY_PUTCHAR:
		console_zone_putc(zone, (char)regs->x[REG_A0]);
		break;
	case SBI_EXT_LEGACY_GETCHAR:
		regs->x[REG_A0] = (u64)-1;
		return true;
	case SBI_EXT_LEGACY_SHUTDOWN:
		zone_power_off_self("SBI legacy shutdown");
	default:
		return false;
	}
	regs->x[REG_A0] = 0;
	return true;
}

static struct sbiret sbi_dispatch(struct percpu *cpu, u64 ext, u64 fid,
				  struct regs *regs)
{
	switch (ext) {
	case SBI_EXT_BASE:
		return sbi_base(fid, regs->x[REG_A0]);
	case SBI_EXT_TIME:
		if (fid)
			break;
		vcpu_set_timer(regs->x[REG_A0]);
		return (struct sbiret){ 0, 0 };
	case SBI_EXT_IPI:
		if (fid)
			break;
		return sbi_ipi(cpu->zone, regs->x[REG_A0], regs->x[REG_A1]);
	case SBI_EXT_RFENCE:
		return sbi_rfence(cpu->zone, fid, regs);
	case SBI_EXT_HSM:
		return sbi_hsm(cpu, fid, regs);
	case SBI_EXT_SRST:
		return sbi_srst(fid, regs->x[REG_A0]);
	case SBI_EXT_DBCN:
		return sbi_dbcn(cpu->zone, fid, regs);
	}
	return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
}

void vsbi_handle_ecall(struct regs *regs, struct percpu *cpu)
{
	u64 ext = regs->x[REG_A7], fid = regs->x[REG_A6];
	struct sbiret ret;

	regs->pc += 4; /* resume after the ECALL, unless a call moves it */
	if (ext == SBI_EXT_BULKHEAD) {
		sbi_bulkhead(cpu, regs);
		return;
	}
	if (sbi_legacy(cpu->zone, ext, regs))
		return;
	ret = sbi_dispatch(cpu, ext, fid, regs);
	regs->x[REG_A0] = (u64)ret.error;
	regs->x[REG_A1] = (u64)ret.value;
}

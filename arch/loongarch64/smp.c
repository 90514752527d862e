// SPDX-License-Identifier: Apache-2.0
/*
 * Starting CPUs and interrupting them through the per-core IPI block
 * (IOCSR 0x1000-0x104f). A CPU waiting to start (in firmware, or in
 * head.S) jumps to mailbox 0 once an IPI arrives; mailbox 1 carries the
 * logical CPU it is started as.
 */
#include <bulkhead/arch.h>
#include <bulkhead/zone_config.h>
#include <asm/loongarch.h>
#include <asm/smp.h>

#define IPI_VECTOR 0 /* the one IPI the hypervisor sends: "look again" */
#define MBOX_ENTRY 0
#define MBOX_CPU 1

extern void secondary_entry(void);

/* One 32-bit half (@word: 0 low, 1 high) of mailbox @mbox of @hwid. */
static void mail_send32(u64 hwid, u32 mbox, u32 word, u32 data)
{
	u64 v = MAIL_SEND_BLOCKING | (hwid << MAIL_SEND_CPU_SHIFT) |
		((u64)(mbox * 2 + word) << MAIL_SEND_WORD_SHIFT) |
		((u64)data << MAIL_SEND_DATA_SHIFT);

	iocsr_write64(IOCSR_MAIL_SEND, v);
}

/* The high half first: the waiter starts once the entry is non-zero. */
static void mail_send(u64 hwid, u32 mbox, u64 data)
{
	mail_send32(hwid, mbox, 1, (u32)(data >> 32));
	mail_send32(hwid, mbox, 0, (u32)data);
}

void ipi_cpu_init(void)
{
	iocsr_write32(IOCSR_IPI_EN, ~0u);
}

u32 ipi_ack(void)
{
	u32 pending = iocsr_read32(IOCSR_IPI_STATUS);

	iocsr_write32(IOCSR_IPI_CLEAR, pending);
	return pending;
}

void ipi_send(u64 hwid)
{
	iocsr_write32(IOCSR_IPI_SEND,
		      IPI_SEND_BLOCKING | ((u32)hwid << IPI_SEND_CPU_SHIFT) |
			      IPI_VECTOR);
}

int arch_cpu_start(u32 cpu)
{
	u64 hwid = platform.cpu_hwid[cpu];

	mail_send(hwid, MBOX_CPU, cpu);
	mail_send(hwid, MBOX_ENTRY, (u64)(uintptr_t)secondary_entry);
	ipi_send(hwid);
	return 0;
}

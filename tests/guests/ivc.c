// SPDX-License-Identifier: Apache-2.0
/*
 * ivc: ping-pong over an inter-zone channel ("bulkhead,ivc" in the DTB:
 * a doorbell page, include/bulkhead/ivc_regs.h, and memory shared with
 * one other zone). The same image runs at both ends; the end in the zone
 * with the lower id initiates.
 *
 * Shared memory, 32-bit words: REQUEST (initiator -> responder), REPLY
 * (responder -> initiator). The initiator writes a sequence number to
 * REQUEST and rings; the responder, woken by its doorbell interrupt,
 * acknowledges it, writes the number + 1 to REPLY and rings back; the
 * initiator, woken by its interrupt, checks REPLY. 1000 rounds, each
 * timed with the counter from the request to the answer seen. Both ends
 * take the doorbell as a real interrupt (arch/devirq.h: the GIC's SPI,
 * the PLIC's source), which is what is being tested.
 *
 * The responder may boot after the initiator first rings, and a doorbell
 * rung before a zone runs may be lost: the initiator opens with a
 * handshake, a request with a number no round uses, rung again every
 * millisecond until it is answered. The responder answers whatever
 * REQUEST holds each time it is rung, so extra rings only bring extra
 * (correct) answers: a round ends once an interrupt came after its
 * request and REPLY is right.
 *
 * Lines:
 *   ivc: channel <n> peer <zone id> <initiator|responder>
 *   ivc: rounds=1000 min=<ticks> avg=<ticks, 3 decimals> max=<ticks> ticks
 *   ivc: PASS                          (both ends; or ivc: FAIL <reason>)
 */
#include <stdbool.h>

#include <arch/cpu.h>
#include <arch/devirq.h>
#include <bulkhead/hypercall_abi.h>
#include <bulkhead/ivc_regs.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>
#include <guest/time.h>

const char guest_name[] = "ivc";

#define ROUNDS 1000
/* Sequence numbers of the handshake have this bit; rounds are 1..ROUNDS. */
#define HANDSHAKE_BIT 0x80000000u
#define HANDSHAKE_RING_MS 1
#define HANDSHAKE_TIMEOUT_MS 10000

/* Word offsets in the shared memory. */
#define SHM_REQUEST 0
#define SHM_REPLY 4
#define SHM_USED 8

struct channel {
	uintptr_t doorbell;
	uintptr_t shm;
	unsigned int irq;
	uint32_t peer;
};

static struct channel ch;
/* Doorbell interrupts taken; written by the IRQ handler only. */
static volatile uint32_t rings;

static uint32_t shm_read(unsigned int off)
{
	return mmio_read32(ch.shm + off);
}

static void shm_write(unsigned int off, uint32_t val)
{
	mmio_write32(ch.shm + off, val);
}

/* What was written to the shared memory is seen before the doorbell. */
static void ring_peer(void)
{
	mem_barrier();
	mmio_write32(ch.doorbell + IVC_DOORBELL, 1);
}

/*
 * The doorbell is level triggered: IVC_ACK lowers it before the
 * completion, or it would be taken again at once.
 */
void guest_irq(void)
{
	unsigned int irq = devirq_claim();

	if (irq == DEVIRQ_NONE)
		return;
	if (irq == ch.irq) {
		mmio_write32(ch.doorbell + IVC_ACK, 1);
		rings = rings + 1;
	}
	devirq_complete(irq);
}

/*
 * Sleeps until an interrupt came after @since rings and @done() holds.
 * Checked with interrupts masked, so one that arrives between the check
 * and the WFI still ends the WFI; unmasking then lets it be taken.
 */
static void wait_ring(uint32_t since, bool (*done)(uint32_t), uint32_t arg)
{
	irq_disable();
	while (rings == since || !done(arg)) {
		cpu_wait();
		irq_enable();
		irq_disable();
	}
	irq_enable();
}

static void find_channel(const struct fdt *fdt, unsigned int vcpu)
{
	struct fdt_range doorbell, shm;
	struct fdt_node node;
	const char *err;
	int ret;

	ret = fdt_find_compatible(fdt, "bulkhead,ivc", &node);
	if (!ret)
		ret = fdt_node_reg_named(fdt, &node, "doorbell", &doorbell);
	if (!ret)
		ret = fdt_node_reg_named(fdt, &node, "shm", &shm);
	if (ret)
		guest_fail("bulkhead,ivc node: %s", fdt_strerror(ret));
	if (doorbell.size < IVC_SIZE || shm.size < SHM_USED)
		guest_fail("doorbell of 0x%llx bytes, shared memory of 0x%llx",
			   (unsigned long long)doorbell.size,
			   (unsigned long long)shm.size);
	ch.doorbell = doorbell.base;
	ch.shm = shm.base;
	err = devirq_init(fdt, &node, vcpu, &ch.irq);
	if (err)
		guest_fail(DEVIRQ_CHIP ": %s", err);
}

/* The doorbell page must describe the channel the DTB gave. */
static void check_doorbell(void)
{
	uint32_t magic = mmio_read32(ch.doorbell + IVC_MAGIC);
	uint64_t shm = mmio_read32(ch.doorbell + IVC_SHM_LOW) |
		       (uint64_t)mmio_read32(ch.doorbell + IVC_SHM_HIGH) << 32;

	if (magic != IVC_MAGIC_VALUE)
		guest_fail("IVC_MAGIC reads 0x%x", magic);
	if (shm != ch.shm)
		guest_fail("IVC_SHM says 0x%llx, the DTB 0x%llx",
			   (unsigned long long)shm, (unsigned long long)ch.shm);
	ch.peer = mmio_read32(ch.doorbell + IVC_PEER);
}

static bool reply_is(uint32_t want)
{
	return shm_read(SHM_REPLY) == want;
}

/* Rings until the responder answers the handshake; returns when it has. */
static void handshake(void)
{
	uint32_t seq = HANDSHAKE_BIT | (uint32_t)(counter_read() & 0xffff);
	uint64_t step = ticks_from_ms(HANDSHAKE_RING_MS);
	uint64_t end = counter_read() + ticks_from_ms(HANDSHAKE_TIMEOUT_MS);
	uint64_t next;

	shm_write(SHM_REQUEST, seq);
	while (!reply_is(seq + 1)) {
		if ((int64_t)(counter_read() - end) > 0)
			guest_fail("zone %u did not answer in %d ms", ch.peer,
				   HANDSHAKE_TIMEOUT_MS);
		ring_peer();
		next = counter_read() + step;
		while (!reply_is(seq + 1) &&
		       (int64_t)(counter_read() - next) < 0)
			cpu_relax();
	}
}

struct round_stats {
	uint64_t min, max, sum;
};

static void one_round(uint32_t seq, struct round_stats *s)
{
	uint32_t since = rings;
	uint64_t t0, t;

	t0 = counter_read();
	shm_write(SHM_REQUEST, seq);
	ring_peer();
	wait_ring(since, reply_is, seq + 1);
	t = counter_read() - t0;
	s->sum += t;
	if (t < s->min)
		s->min = t;
	if (t > s->max)
		s->max = t;
}

static void initiate(void)
{
	struct round_stats s = { UINT64_MAX, 0, 0 };
	uint64_t avg_milli;
	uint32_t seq;

	handshake();
	for (seq = 1; seq <= ROUNDS; seq++)
		one_round(seq, &s);
	avg_milli = s.sum * 1000 / ROUNDS;
	printf("ivc: rounds=%d min=%llu avg=%llu.%03llu max=%llu ticks\n",
	       ROUNDS, (unsigned long long)s.min,
	       (unsigned long long)(avg_milli / 1000),
	       (unsigned long long)(avg_milli % 1000),
	       (unsigned long long)s.max);
}

static bool always(uint32_t unused)
{
	(void)unused;
	return true;
}

/*
 * Answers each ring with REQUEST + 1 until round ROUNDS is answered;
 * every round in between must have come, in order (a repeated request
 * is answered again but counted once). The rings already seen are
 * counted before REQUEST is read, so a ring that comes while one is
 * answered is answered too.
 */
static void respond(void)
{
	uint32_t served = 0, seen = 0, seq;

	do {
		wait_ring(seen, always, 0);
		seen = rings;
		seq = shm_read(SHM_REQUEST);
		shm_write(SHM_REPLY, seq + 1);
		ring_peer();
		if (seq == served + 1)
			served = seq;
		else if (!(seq & HANDSHAKE_BIT) && seq > served + 1)
			guest_fail("request %u after round %u", seq, served);
	} while (served < ROUNDS);
}

void guest_main(const void *dtb)
{
	struct hc_result self = hypercall(HC_ZONE_SELF, 0, 0);
	struct fdt fdt;
	bool initiator;
	int err;

	if (self.ret != HC_OK)
		guest_fail("HC_ZONE_SELF returned %ld", self.ret);
	err = fdt_open(&fdt, dtb);
	if (err)
		guest_fail("DTB at %p: %s", dtb, fdt_strerror(err));
	if (!counter_freq())
		guest_fail(COUNTER_FREQ_SOURCE " is 0");
	find_channel(&fdt, (unsigned int)self.val2);
	check_doorbell();
	initiator = self.val1 < ch.peer;
	printf("ivc: channel %u peer %u %s\n",
	       mmio_read32(ch.doorbell + IVC_CHANNEL), ch.peer,
	       initiator ? "initiator" : "responder");
	irq_enable();
	if (initiator)
		initiate();
	else
		respond();
	printf("ivc: PASS\n");
}

// SPDX-License-Identifier: Apache-2.0
/*
 * vhostile: a virtio-blk driver that breaks the rules. It drives the
 * first "virtio,mmio" node of its DTB (a disk whose first bytes are
 * DISK_MARKER, tests/guests/linux/mkdisk.py) by polling: the hypervisor
 * completes a request during the QueueNotify write that traps.
 *
 * First a valid read of sector 0. Then, for each attack, the device is
 * reset and set up again, the malformed request (or queue set-up) is
 * posted, and the device must have put itself in DEVICE_NEEDS_RESET
 * (Status bit 0x40) and raised its configuration-change interrupt
 * status; after another reset, a valid read must work again. If there
 * is a second "virtio,mmio" node, it is a read-only disk: a write to it
 * must fail with IOERR and leave the device working. The zone
 * memory comes from /memory; the hypervisor is assumed to sit just below
 * it (the products put the zone there).
 *
 * Lines:
 *   vhostile: valid read ok
 *   vhostile: <attack>: needs reset          (one per attack)
 *   vhostile: write to a read-only disk: ioerr     (with a second device)
 *   vhostile: PASS             (or vhostile: FAIL <attack>: <what it saw>)
 */
#include <stdbool.h>

#include <arch/cpu.h>
#include <bulkhead/virtio_abi.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>
#include <guest/string.h>
#include <guest/time.h>

const char guest_name[] = "vhostile";

#define DISK_MARKER "BULKHEAD-DISK-OK"
#define DISK_MARKER_LEN 16
/* What a write would have put there. */
#define WRITE_MARKER "VHOSTILE-WROTE!!"

#define QUEUE_SIZE 8
#define POLL_MS 100
/* The hypervisor's memory, below the zone's (see the products). */
#define HYP_OFFSET 0x100000
#define HUGE_LENGTH 0xfffffff0u
#define AVAIL_JUMP 1000

/* The split virtqueue of queue 0, in the guest's own memory. */
struct avail_ring {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[QUEUE_SIZE];
	uint16_t used_event;
};

struct used_ring {
	uint16_t flags;
	uint16_t idx;
	struct vring_used_elem ring[QUEUE_SIZE];
	uint16_t avail_event;
};

/* Alignments: the specification's, and cache lines apart. */
static volatile struct vring_desc desc[QUEUE_SIZE] __attribute__((aligned(64)));
static volatile struct avail_ring avail __attribute__((aligned(64)));
static volatile struct used_ring used __attribute__((aligned(64)));
/* A table for the INDIRECT attack: a valid chain, never offered. */
static volatile struct vring_desc indirect[3] __attribute__((aligned(64)));

static volatile struct virtio_blk_req_hdr req __attribute__((aligned(64)));
static volatile uint8_t data[VIRTIO_BLK_SECTOR_SIZE]
	__attribute__((aligned(64)));
static volatile uint8_t req_status __attribute__((aligned(64)));

static uintptr_t vbase; /* the device window */
static uint64_t mem_base; /* the zone's first memory range */
static uint64_t mem_end; /* past the highest /memory range */
static uint16_t avail_idx; /* the driver's next avail index */
static const char *phase = "set-up"; /* what a FAIL is about */

static uint32_t vread(unsigned int off)
{
	return mmio_read32(vbase + off);
}

static void vwrite(unsigned int off, uint32_t val)
{
	mmio_write32(vbase + off, val);
}

static uintptr_t addr_of(const volatile void *p)
{
	return (uintptr_t)p;
}

#define vfail(fmt, ...) guest_fail("%s: " fmt, phase, ##__VA_ARGS__)

/* Drops stale lines of what the device wrote, on hardware. */
static void sync_from_device(void)
{
	cache_clean_inval_range(addr_of(&used), sizeof(used));
	cache_clean_inval_range(addr_of(data), sizeof(data));
	cache_clean_inval_range(addr_of(&req_status), 1);
}

/* Writing 0 resets the device; it reads 0 once the reset is done. */
static void device_reset(void)
{
	uint64_t end = counter_read() + ticks_from_ms(POLL_MS);

	vwrite(VIRTIO_MMIO_STATUS, 0);
	while (vread(VIRTIO_MMIO_STATUS)) {
		if ((int64_t)(counter_read() - end) > 0)
			vfail("status 0x%x after the reset",
			      vread(VIRTIO_MMIO_STATUS));
	}
}

static void set_status(uint32_t bits)
{
	vwrite(VIRTIO_MMIO_STATUS, vread(VIRTIO_MMIO_STATUS) | bits);
}

static void check_identity(void)
{
	uint32_t magic = vread(VIRTIO_MMIO_MAGIC);
	uint32_t version = vread(VIRTIO_MMIO_VERSION);
	uint32_t id = vread(VIRTIO_MMIO_DEVICE_ID);

	if (magic != VIRTIO_MMIO_MAGIC_VALUE ||
	    version != VIRTIO_MMIO_VERSION_MODERN || id != VIRTIO_ID_BLOCK)
		vfail("magic 0x%x version %u device %u: not a virtio 1 block device",
		      magic, version, id);
}

/* VERSION_1 and nothing else: the smallest driver the device must take. */
static void negotiate(void)
{
	uint32_t high;

	set_status(VIRTIO_STATUS_ACKNOWLEDGE);
	set_status(VIRTIO_STATUS_DRIVER);
	vwrite(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	high = vread(VIRTIO_MMIO_DEVICE_FEATURES);
	if (!(high & 1u << (VIRTIO_F_VERSION_1 - 32)))
		vfail("device features 63..32: 0x%x, no VERSION_1", high);
	vwrite(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	vwrite(VIRTIO_MMIO_DRIVER_FEATURES, 1u << (VIRTIO_F_VERSION_1 - 32));
	vwrite(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	vwrite(VIRTIO_MMIO_DRIVER_FEATURES, 0);
	set_status(VIRTIO_STATUS_FEATURES_OK);
	if (!(vread(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK))
		vfail("FEATURES_OK not accepted (status 0x%x)",
		      vread(VIRTIO_MMIO_STATUS));
}

static void write_addr(unsigned int low, uint64_t addr)
{
	vwrite(low, (uint32_t)addr);
	vwrite(low + 4, (uint32_t)(addr >> 32));
}

/* Queue 0 with its rings where @desc_addr and ours say; not ready yet. */
static void queue_setup(uint64_t desc_addr)
{
	uint32_t max;

	memset((void *)addr_of(desc), 0, sizeof(desc));
	memset((void *)addr_of(&avail), 0, sizeof(avail));
	memset((void *)addr_of(&used), 0, sizeof(used));
	avail_idx = 0;
	vwrite(VIRTIO_MMIO_QUEUE_SEL, 0);
	if (vread(VIRTIO_MMIO_QUEUE_READY))
		vfail("queue 0 still ready after the reset");
	max = vread(VIRTIO_MMIO_QUEUE_NUM_MAX);
	if (max < QUEUE_SIZE)
		vfail("QueueNumMax %u, below %d", max, QUEUE_SIZE);
	vwrite(VIRTIO_MMIO_QUEUE_NUM, QUEUE_SIZE);
	write_addr(VIRTIO_MMIO_QUEUE_DESC_LOW, desc_addr);
	write_addr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, addr_of(&avail));
	write_addr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, addr_of(&used));
	mem_barrier();
	cache_clean_inval_range(addr_of(desc), sizeof(desc));
	cache_clean_inval_range(addr_of(&avail), sizeof(avail));
	cache_clean_inval_range(addr_of(&used), sizeof(used));
}

/* Reset, features, queue 0 with @desc_addr, up to QueueReady. */
static void device_setup(uint64_t desc_addr)
{
	device_reset();
	negotiate();
	queue_setup(desc_addr);
	vwrite(VIRTIO_MMIO_QUEUE_READY, 1);
}

/* A device ready for requests, with its status checked. */
static void device_init(void)
{
	uint32_t status;

	device_setup(addr_of(desc));
	set_status(VIRTIO_STATUS_DRIVER_OK);
	status = vread(VIRTIO_MMIO_STATUS);
	if (status & (VIRTIO_STATUS_NEEDS_RESET | VIRTIO_STATUS_FAILED))
		vfail("status 0x%x after a valid set-up", status);
}

static void set_desc(unsigned int i, uint64_t addr, uint32_t len,
		     uint16_t flags, uint16_t next)
{
	desc[i].addr = addr;
	desc[i].len = len;
	desc[i].flags = flags;
	desc[i].next = next;
}

/* Header (readable), @data_len bytes at @data_addr, status (writable). */
static void build_request(uint32_t type, uint64_t data_addr, uint32_t data_len)
{
	req.type = type;
	req.reserved = 0;
	req.sector = 0;
	req_status = 0xff;
	set_desc(0, addr_of(&req), sizeof(req), VRING_DESC_F_NEXT, 1);
	set_desc(1, data_addr, data_len,
		 VRING_DESC_F_NEXT |
			 (type == VIRTIO_BLK_T_IN ? VRING_DESC_F_WRITE : 0),
		 2);
	set_desc(2, addr_of(&req_status), 1, VRING_DESC_F_WRITE, 0);
}

/*
 * Offers @head at the next avail slot, the index moved by @step (1 for
 * a driver that keeps the rules), and notifies queue 0.
 */
static void post(uint16_t head, uint16_t step)
{
	avail.ring[avail_idx % QUEUE_SIZE] = head;
	mem_barrier();
	avail_idx = (uint16_t)(avail_idx + step);
	avail.idx = avail_idx;
	cache_clean_inval_range(addr_of(desc), sizeof(desc));
	cache_clean_inval_range(addr_of(&avail), sizeof(avail));
	cache_clean_inval_range(addr_of(&req), sizeof(req));
	cache_clean_inval_range(addr_of(data), sizeof(data));
	cache_clean_inval_range(addr_of(&req_status), 1);
	mem_barrier();
	vwrite(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
}

/* Waits (bounded) for the used ring to reach @idx. */
static bool used_reaches(uint16_t idx)
{
	uint64_t end = counter_read() + ticks_from_ms(POLL_MS);

	for (;;) {
		sync_from_device();
		if (used.idx == idx)
			return true;
		if ((int64_t)(counter_read() - end) > 0)
			return false;
		cpu_relax();
	}
}

/* Sector 0 into data[], checked against the disk's marker. */
static void valid_read(void)
{
	memset((void *)addr_of(data), 0, sizeof(data));
	build_request(VIRTIO_BLK_T_IN, addr_of(data), sizeof(data));
	post(0, 1);
	if (!used_reaches(avail_idx))
		vfail("valid read: used idx %u, expected %u (status 0x%x)",
		      used.idx, avail_idx, vread(VIRTIO_MMIO_STATUS));
	if (used.ring[(avail_idx - 1) % QUEUE_SIZE].id != 0 ||
	    req_status != VIRTIO_BLK_S_OK)
		vfail("valid read: used id %u, request status %u",
		      used.ring[(avail_idx - 1) % QUEUE_SIZE].id, req_status);
	if (memcmp((const void *)addr_of(data), DISK_MARKER, DISK_MARKER_LEN))
		vfail("valid read: sector 0 starts with %02x %02x %02x %02x",
		      data[0], data[1], data[2], data[3]);
}

/* a -> b -> a: a chain that never ends. Both readable, nothing else odd. */
static void attack_loop(void)
{
	device_init();
	build_request(VIRTIO_BLK_T_IN, addr_of(data), sizeof(data));
	set_desc(1, addr_of(data), sizeof(data), VRING_DESC_F_NEXT, 0);
	post(0, 1);
}

/* The device is asked to write the sector just past the zone's memory. */
static void attack_outside(void)
{
	device_init();
	build_request(VIRTIO_BLK_T_IN, mem_end, sizeof(data));
	post(0, 1);
}

/* ... and into the hypervisor's memory, just below the zone's. */
static void attack_hypervisor(void)
{
	device_init();
	build_request(VIRTIO_BLK_T_IN, mem_base - HYP_OFFSET, sizeof(data));
	post(0, 1);
}

static void attack_huge_length(void)
{
	device_init();
	build_request(VIRTIO_BLK_T_IN, addr_of(data), HUGE_LENGTH);
	post(0, 1);
}

/* 1000 new buffers claimed in a queue of QUEUE_SIZE. */
static void attack_avail_jump(void)
{
	device_init();
	build_request(VIRTIO_BLK_T_IN, addr_of(data), sizeof(data));
	post(0, AVAIL_JUMP);
}

static void attack_head_range(void)
{
	device_init();
	build_request(VIRTIO_BLK_T_IN, addr_of(data), sizeof(data));
	post(QUEUE_SIZE, 1);
}

/* A valid chain in an indirect table: a feature the device did not offer. */
static void attack_indirect(void)
{
	device_init();
	build_request(VIRTIO_BLK_T_IN, addr_of(data), sizeof(data));
	memcpy((void *)addr_of(indirect), (const void *)addr_of(desc),
	       sizeof(indirect));
	cache_clean_inval_range(addr_of(indirect), sizeof(indirect));
	set_desc(0, addr_of(indirect), sizeof(indirect), VRING_DESC_F_INDIRECT,
		 0);
	post(0, 1);
}

/* Header, status (writable), then the data to write (readable). */
static void attack_read_after_write(void)
{
	device_init();
	build_request(VIRTIO_BLK_T_OUT, addr_of(data), sizeof(data));
	set_desc(1, addr_of(&req_status), 1,
		 VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 2);
	set_desc(2, addr_of(data), sizeof(data), 0, 0);
	post(0, 1);
}

/* Refused at QueueReady: the rings must lie in the zone, aligned. */
static void attack_ring_outside(void)
{
	device_setup(mem_end);
}

static void attack_ring_misaligned(void)
{
	device_setup(addr_of(desc) + 2);
}

struct attack {
	const char *name; /* in the lines: an interface */
	void (*run)(void);
};

static const struct attack attacks[] = {
	{ "descriptor loop", attack_loop },
	{ "buffer outside the zone", attack_outside },
	{ "buffer in hypervisor memory", attack_hypervisor },
	{ "huge length", attack_huge_length },
	{ "avail index jump", attack_avail_jump },
	{ "head index out of range", attack_head_range },
	{ "indirect descriptor", attack_indirect },
	{ "readable after writable", attack_read_after_write },
	{ "descriptor ring outside the zone", attack_ring_outside },
	{ "misaligned descriptor ring", attack_ring_misaligned },
};

/* The device must have given up on the queue, and said so. */
static void check_needs_reset(void)
{
	uint64_t end = counter_read() + ticks_from_ms(POLL_MS);
	uint32_t status, isr;

	do {
		status = vread(VIRTIO_MMIO_STATUS);
		isr = vread(VIRTIO_MMIO_INTERRUPT_STATUS);
		if ((status & VIRTIO_STATUS_NEEDS_RESET) &&
		    (isr & VIRTIO_INT_CONFIG))
			return;
	} while ((int64_t)(counter_read() - end) < 0);
	vfail("status 0x%x, interrupt status 0x%x", status, isr);
}

static void run_attack(const struct attack *a)
{
	phase = a->name;
	a->run();
	check_needs_reset();
	printf("vhostile: %s: needs reset\n", a->name);
	vwrite(VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_INT_CONFIG);
	device_init();
	valid_read();
}

/*
 * The second device, if the zone has one, is a read-only disk: a write
 * to it is the request's error (IOERR), not the driver's. The device
 * goes on, and the disk keeps its data.
 */
static void write_read_only(void)
{
	uint32_t status;

	vwrite(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	if (!(vread(VIRTIO_MMIO_DEVICE_FEATURES) & 1u << VIRTIO_BLK_F_RO))
		vfail("the second device does not offer VIRTIO_BLK_F_RO");
	device_init();
	memcpy((void *)addr_of(data), WRITE_MARKER, DISK_MARKER_LEN);
	build_request(VIRTIO_BLK_T_OUT, addr_of(data), sizeof(data));
	post(0, 1);
	if (!used_reaches(avail_idx))
		vfail("used idx %u, expected %u (status 0x%x)", used.idx,
		      avail_idx, vread(VIRTIO_MMIO_STATUS));
	status = vread(VIRTIO_MMIO_STATUS);
	if (status & VIRTIO_STATUS_NEEDS_RESET)
		vfail("status 0x%x: the device gave up", status);
	if (req_status != VIRTIO_BLK_S_IOERR)
		vfail("request status %u, expected IOERR (%d)", req_status,
		      VIRTIO_BLK_S_IOERR);
	valid_read();
	printf("vhostile: %s: ioerr\n", phase);
}

/* The zone's memory: the first range's base, the end of the highest. */
static void find_memory(const struct fdt *fdt)
{
	struct fdt_range r;
	unsigned int i;
	int err = fdt_memory_reg(fdt, &r);

	if (err)
		vfail("/memory: %s", fdt_strerror(err));
	mem_base = r.base;
	for (i = 0; !fdt_memory_reg_at(fdt, i, &r); i++) {
		if (r.base + r.size > mem_end)
			mem_end = r.base + r.size;
	}
}

/* The @index-th virtio,mmio node's window becomes vbase; false: none. */
static bool find_device(const struct fdt *fdt, unsigned int index)
{
	struct fdt_node node;
	struct fdt_range reg;
	int err = fdt_find_compatible_at(fdt, "virtio,mmio", index, &node);

	if (err == FDT_ERR_NOTFOUND && index)
		return false;
	if (!err)
		err = fdt_node_reg(fdt, &node, &reg);
	if (err)
		vfail("virtio,mmio node %u: %s", index, fdt_strerror(err));
	if (reg.size < VIRTIO_MMIO_CONFIG)
		vfail("virtio,mmio window of 0x%llx bytes",
		      (unsigned long long)reg.size);
	vbase = reg.base;
	check_identity();
	return true;
}

void guest_main(const void *dtb)
{
	struct fdt fdt;
	unsigned int i;
	int err;

	err = fdt_open(&fdt, dtb);
	if (err)
		vfail("DTB at %p: %s", dtb, fdt_strerror(err));
	if (!counter_freq())
		vfail(COUNTER_FREQ_SOURCE " is 0");
	find_memory(&fdt);
	find_device(&fdt, 0);

	phase = "first read";
	device_init();
	valid_read();
	printf("vhostile: valid read ok\n");
	for (i = 0; i < sizeof(attacks) / sizeof(attacks[0]); i++)
		run_attack(&attacks[i]);
	phase = "write to a read-only disk";
	if (find_device(&fdt, 1))
		write_read_only();
	printf("vhostile: PASS\n");
}

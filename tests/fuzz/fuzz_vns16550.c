// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: tests/unit/zone_fixture.c src/mmio.c src/driver.c drivers/uart/vns16550.c tests/unit/fakes.c src/mm/page_alloc.c arch/aarch64/pgtable_format.c
// fuzz-cflags: -Iinclude -Itests/unit/include -Iarch/aarch64/include -include tests/unit/config-host.h -mllvm -asan-globals=0
// fuzz-libs: -Wl,-L,src -Wl,-T,tests/unit/drivers.ld
/*
 * A guest drives its emulated NS16550A with any access it likes while
 * input arrives. The model must refuse what it does not accept, never
 * lose or reorder a received character (its own, in loopback, included),
 * send what the guest transmits to the console, and keep LSR, IIR and
 * the interrupt line consistent with its state. A reference model tracks
 * what the guest should see.
 */
#include <stdlib.h>
#include <string.h>

#include <bulkhead/mmio.h>
#include <bulkhead/zone.h>

#include "../unit/fakes.h"
#include "../unit/zone_fixture.h"

#define BASE 0x10000000ull
#define WINDOW 0x100
#define FIFO 256

static const struct vdev_config cfg[] = { { "ns16550a", BASE, WINDOW, 10,
					    NULL } };
static const struct zone_config zcfg = { .name = "f",
					 .nr_vdevs = 1,
					 .vdevs = cfg };

struct ref {
	u8 q[FIFO];
	unsigned int head, count;
	u8 ier, lcr, mcr, scr, dl[2]; /* dl: the divisor latch, DLL and DLM */
	bool fifo_en, thre;
};

static bool ref_push(struct ref *r, u8 c)
{
	if (r->count == FIFO)
		return false;
	r->q[(r->head + r->count++) % FIFO] = c;
	return true;
}

static u8 ref_pop(struct ref *r)
{
	u8 c;

	if (!r->count)
		return 0;
	c = r->q[r->head];
	r->head = (r->head + 1) % FIFO;
	r->count--;
	return c;
}

/* The IIR source the reference expects: 4 data, 2 THR empty, 1 none. */
static u8 ref_source(const struct ref *r)
{
	if ((r->ier & 1) && r->count)
		return 0x04;
	if ((r->ier & 2) && r->thre)
		return 0x02;
	return 0x01;
}

static void ref_write(struct ref *r, u64 off, u8 v)
{
	bool dlab = r->lcr & 0x80;

	if (off == 0 && !dlab) {
		r->thre = true;
		if (r->mcr & 0x10)
			ref_push(r, v);
	} else if (off == 1 && !dlab) {
		r->thre |= v & ~r->ier & 2;
		r->ier = v & 0x0f;
	} else if (off == 2) {
		if ((v & 2) || (bool)(v & 1) != r->fifo_en)
			r->count = 0;
		r->fifo_en = v & 1;
	} else if (off <= 1) {
		r->dl[off] = v;
	} else if (off == 3) {
		r->lcr = v;
	} else if (off == 4) {
		r->mcr = v & 0x1f;
	} else if (off == 7) {
		r->scr = v;
	}
}

/* A terminal always there; in loopback the modem inputs are the outputs. */
static u8 ref_msr(const struct ref *r)
{
	static const u8 loop[4] = { 0x20, 0x10, 0x40,
				    0x80 }; /* DSR CTS RI DCD */
	u8 m = 0;

	if (!(r->mcr & 0x10))
		return 0xb0;
	for (int i = 0; i < 4; i++)
		if (r->mcr & (1u << i))
			m |= loop[i];
	return m;
}

static void ref_read(struct ref *r, u64 off, u64 val)
{
	bool dlab = r->lcr & 0x80;
	u8 src = ref_source(r);

	if (off == 0 && !dlab && val != ref_pop(r))
		abort(); /* lost or reordered input */
	if (off == 1 && !dlab && val != r->ier)
		abort();
	if (off <= 1 && dlab && val != r->dl[off])
		abort(); /* the divisor latch */
	if (off == 2 && val != (src | (r->fifo_en ? 0xc0u : 0)))
		abort(); /* wrong interrupt identification */
	if (off == 2 && src == 0x02)
		r->thre = false;
	if (off == 3 && val != r->lcr)
		abort();
	if (off == 4 && val != r->mcr)
		abort();
	if (off == 6 && val != ref_msr(r))
		abort();
	if (off == 7 && val != r->scr)
		abort();
	if (off >= 8 && val)
		abort(); /* past the registers: read as zero */
}

/* Only a THR write outside loopback transmits, and exactly its byte. */
static void check_console(const struct ref *r, u64 off, const u8 *in,
			  size_t before)
{
	bool tx =
		off == 0 && (in[2] & 4) && !(r->lcr & 0x80) && !(r->mcr & 0x10);

	if (!tx && fake_console_len != before)
		abort();
	if (tx && before < FAKE_LOG_SIZE &&
	    (fake_console_len != before + 1 ||
	     fake_console_out[before] != (char)in[3]))
		abort();
}

static void one_access(struct zone *z, struct ref *r, const u8 *in)
{
	u64 off = in[1] & 0x80 ? (in[0] | (in[1] & 1u) << 8) : in[0] & 7u;
	unsigned int width = 1u << (in[2] & 3);
	bool write = in[2] & 4;
	struct mmio_access acc = { .width = width,
				   .write = write,
				   .value = in[3] | (u64)in[1] << 8 };
	bool legal = off < WINDOW && width <= WINDOW - off &&
		     (width == 1 || (width == 4 && off % 4 == 0));
	size_t before = fake_console_len;
	int ret = mmio_dispatch(z, BASE + off, &acc);

	if (legal != (ret == 0))
		abort(); /* accepted an access the model refuses, or vice versa */
	check_console(r, ret ? 8 : off, in, before);
	if (ret)
		return;
	if (write)
		ref_write(r, off, in[3]);
	else
		ref_read(r, off, acc.value);
}

static void check_status(struct zone *z, const struct ref *r)
{
	struct mmio_access acc = { .width = 1 };
	int level = fake_virq_level < 0 ? 0 : fake_virq_level;

	if (mmio_dispatch(z, BASE + 5, &acc) ||
	    acc.value != (0x60u | (r->count ? 1 : 0)))
		abort(); /* LSR disagrees with the FIFO */
	if (level != (ref_source(r) != 0x01))
		abort(); /* the line is not "any enabled source pending" */
	if (fake_virq_calls && fake_virq_irq != 10)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct zone zone;
	struct ref ref = { .dl = { 1, 0 } };
	struct vdev *dev = &zone.vdevs[0];

	fake_reset();
	fake_hyp_pool_setup(4);
	if (fixture_zone_init(&zone, &zcfg))
		abort();
	for (; size >= 4; data += 4, size -= 4) {
		if (data[2] & 0x80) {
			bool ok = dev->type->input(dev, (char)data[3]);

			if (ok !=
			    (!(ref.mcr & 0x10) && ref_push(&ref, data[3])))
				abort();
		} else {
			one_access(&zone, &ref, data);
		}
		check_status(&zone, &ref);
	}
	fake_hyp_pool_release();
	return 0;
}

// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: drivers/virtio/virtqueue.c tests/unit/virtio_guest.c src/zone.c src/mmio.c src/driver.c src/mm/pgtable.c tests/unit/fakes.c src/mm/page_alloc.c arch/aarch64/pgtable_format.c
// fuzz-cflags: -Iinclude -Itests/unit/include -Iarch/aarch64/include -include tests/unit/config-host.h -DCONFIG_VIRTIO_QUEUE_MAX=256 -mllvm -asan-globals=0
// fuzz-libs: -Wl,-L,src -Wl,-T,tests/unit/drivers.ld
/*
 * The split-virtqueue walker on its own: the fuzzer places the rings
 * (sizes and addresses of its choice, in RAM, read-only memory, device
 * memory or nowhere), fills descriptors, the available ring and memory,
 * and calls vq_setup(), vq_pop(), vq_push(), vq_req_read(),
 * vq_req_write() and vq_wants_interrupt() in any order. Each result is
 * compared with a reference written from the specification's rules
 * (virtio_fuzz.h): which rings are accepted, which chains are taken and
 * with exactly which buffers, which refused; what the gathers return;
 * and the zone's memory must change exactly where a push or a scatter
 * writes, nowhere else (the guard pages around it are ASan-poisoned).
 */
#include "virtio_fuzz.h"

#define QMAX 256

static struct zone zone;
static struct fz_zone fzone;
static struct virtqueue vq;
static struct vq_req req;
static struct ref_req ref;
static bool have_req;

static bool is_pow2(u32 n)
{
	return n && !(n & (n - 1));
}

/* A ring address: mostly aligned and in RAM, sometimes anything. */
static ipa_t ring_addr(struct input *in, u32 align)
{
	u8 how = (u8)take(in, 1);
	ipa_t a = fz_addr(in);

	return how & 0x80 ? a : a & ~(ipa_t)(align - 1);
}

static void setup(struct input *in)
{
	u8 how = (u8)take(in, 1);
	u32 num = how & 0x80 ? (u32)take(in, 4) : 1u << (how % 10);
	u32 max = how & 0x40 ? (u32)take(in, 2) : QMAX;
	const char *why;
	bool ok;
	void *desc, *avail, *used;

	vq_reset(&vq);
	vq.num = num;
	vq.desc_addr = ring_addr(in, 16);
	vq.avail_addr = ring_addr(in, 2);
	vq.used_addr = ring_addr(in, 4);
	desc = ref_translate(zone.cfg, vq.desc_addr, 16ull * num, false);
	avail = ref_translate(zone.cfg, vq.avail_addr, 6 + 2ull * num, false);
	used = ref_translate(zone.cfg, vq.used_addr, 6 + 8ull * num, true);
	ok = is_pow2(num) && num <= max && !(vq.desc_addr % 16) &&
	     !(vq.avail_addr % 2) && !(vq.used_addr % 4) && desc && avail &&
	     used;
	why = vq_setup(&vq, &zone, max);
	if (ok != !why || ok != vq.ready)
		abort();
	if (ok && ((void *)vq.desc != desc || (void *)vq.avail != avail ||
		   (void *)vq.used != used || vq.last_avail || vq.used_idx))
		abort();
	have_req = false;
}

static void pop(void)
{
	u16 last = vq.last_avail;
	const char *why = NULL;
	int want, got;

	if (!vq.ready)
		return;
	want = ref_pop(zone.cfg, vq.desc, vq.avail, vq.num, &last, &ref);
	got = vq_pop(&vq, &zone, &req, &why);
	if (got != want || vq.last_avail != last || (got < 0) != !!why)
		abort();
	have_req = got > 0;
	if (!have_req)
		return;
	if (req.nr_bufs != ref.n || req.nr_readable != ref.nr_readable ||
	    req.readable_len != ref.rlen || req.writable_len != ref.wlen ||
	    req.head != vq.avail->ring[(u16)(last - 1) % vq.num])
		abort();
	for (u32 i = 0; i < ref.n; i++)
		if (req.buf[i].p != ref.b[i].p ||
		    req.buf[i].len != ref.b[i].len)
			abort();
}

static u8 *shadow_of(void *p)
{
	u8 *s = fz_ram_shadow(&fzone, p, 1);

	if (!s)
		abort(); /* the device writes only RAM */
	return s;
}

static void push(struct input *in)
{
	u16 head = have_req && (take(in, 1) & 1) ? req.head : (u16)take(in, 2);
	u32 written = (u32)take(in, 4);
	struct vring_used_elem e = { head, written };
	u16 idx;

	if (!vq.ready || !vq.num || !is_pow2(vq.num))
		return;
	idx = (u16)(vq.used_idx + 1);
	memcpy(shadow_of(&vq.used->ring[vq.used_idx % vq.num]), &e, sizeof(e));
	memcpy(shadow_of(&vq.used->idx), &idx, 2);
	vq_push(&vq, head, written);
	if (vq.used_idx != idx)
		abort();
}

/* The readable (or writable) part of the reference request at @off. */
static u32 ref_copy(bool writable, u32 off, u8 *data, u32 len, bool into)
{
	u32 done = 0;

	for (u32 i = writable ? ref.nr_readable : 0;
	     i < (writable ? ref.n : ref.nr_readable) && done < len; i++) {
		u32 n;

		if (off >= ref.b[i].len) {
			off -= ref.b[i].len;
			continue;
		}
		n = ref.b[i].len - off < len - done ? ref.b[i].len - off :
						      len - done;
		if (into)
			memcpy(shadow_of(ref.b[i].p) + off, data + done, n);
		else
			memcpy(data + done, ref.b[i].p + off, n);
		done += n;
		off = 0;
	}
	return done;
}

static void gather(struct input *in)
{
	static u8 got[0x9000], want[0x9000];
	u32 off = take(in, 1) & 1 ? (u32)take(in, 4) : (u32)take(in, 2);
	u32 len = (u32)take(in, 2) % sizeof(got);

	if (!have_req)
		return;
	if (vq_req_read(&req, off, got, len) !=
	    ref_copy(false, off, want, len, false))
		abort();
	if (memcmp(got, want, ref_copy(false, off, want, len, false)))
		abort();
}

static void scatter(struct input *in)
{
	static u8 src[0x9000];
	u32 off = take(in, 1) & 1 ? (u32)take(in, 4) : (u32)take(in, 2);
	u32 len = (u32)take(in, 2) % sizeof(src);
	u8 seed = (u8)take(in, 1);

	if (!have_req)
		return;
	for (u32 i = 0; i < len; i++)
		src[i] = (u8)(seed + i);
	if (vq_req_write(&req, off, src, len) !=
	    ref_copy(true, off, src, len, true))
		abort();
}

static void poke(struct input *in)
{
	u8 *ram = fz_host(&fzone, 0);
	u64 off = take(in, 2) % FZ_RAM_SIZE;
	u32 len = (u32)take(in, 1) % 64;

	for (u32 i = 0; i < len && off + i < FZ_RAM_SIZE; i++)
		ram[off + i] = (u8)take(in, 1);
	/* The ROM is the guest's too, as it was loaded. */
	if (len && (take(in, 1) & 1))
		fz_host(&fzone, 1)[take(in, 2) % FZ_ROM_SIZE] = (u8)take(in, 1);
}

/* A descriptor or an available ring entry, where the rings are. */
static void guest_ring(struct input *in)
{
	u8 how = (u8)take(in, 1);
	u32 num = vq.num;

	if (!vq.ready)
		return;
	if (how & 0x80) {
		struct vring_desc *d = &vq.desc[take(in, 2) % num];

		d->addr = fz_addr(in);
		d->len = fz_len(in);
		d->flags = (u16)(take(in, 1) & 7);
		d->next = (u16)(how & 0x40 ? take(in, 2) : take(in, 1) % 8);
	} else if (how & 0x40) {
		vq.avail->idx = (u16)(how & 0x20 ? take(in, 2) :
						   vq.avail->idx + (how & 7));
	} else {
		vq.avail->ring[take(in, 2) % num] =
			(u16)(how & 0x20 ? take(in, 2) : take(in, 1) % 8);
		vq.avail->flags = how & 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	static bool built;

	if (!built) {
		fz_zone_build(&fzone, &zone, 1, "fzvq");
		if (vg_zone_create(&fzone.z))
			abort();
		fz_zone_poison(&fzone);
		built = true;
	}
	fz_zone_clear(&fzone);
	vq_reset(&vq);
	have_req = false;
	while (in.size) {
		switch (take(&in, 1) % 8) {
		case 0:
			setup(&in);
			break;
		case 1:
		case 2:
			pop();
			break;
		case 3:
			push(&in);
			break;
		case 4:
			gather(&in);
			break;
		case 5:
			scatter(&in);
			break;
		case 6:
			poke(&in);
			fz_zone_sync(&fzone);
			break;
		default:
			guest_ring(&in);
			fz_zone_sync(&fzone);
			break;
		}
		if (vq.ready &&
		    vq_wants_interrupt(&vq) ==
			    !!(vq.avail->flags & VRING_AVAIL_F_NO_INTERRUPT))
			abort();
		/* Memory is what the guest and the pushes/scatters made it. */
		for (int r = 0; r < FZ_REGIONS; r++)
			if (memcmp(fzone.shadow[r], fz_host(&fzone, r),
				   fzone.z.mem[r].size))
				abort();
	}
	return 0;
}

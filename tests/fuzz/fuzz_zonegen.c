// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: tools/zonegen/zonegen.c tools/zonegen/parse.c tools/zonegen/parse_board.c tools/zonegen/parse_zone.c tools/zonegen/parse_devices.c tools/zonegen/parse_ivc.c tools/zonegen/check.c tools/zonegen/place.c tools/zonegen/emit_c.c tools/zonegen/emit_text.c tools/zonegen/emit_dtb.c tools/zonegen/lib/*.c tools/zonegen/models/*.c
// fuzz-cflags: -Itools/zonegen -Iinclude
// fuzz-libs: -lfdt
// fuzz-seed-cmd: for o in tests/zonegen/good/*.dtso dts/products/qemu-virt-aarch64/*.dtso; do n=$(basename "$o" .dtso); /usr/bin/python3 tools/zonegen/zone-layout.py --cpp "cc -E" --board boards/qemu-virt-aarch64/qemu-virt-aarch64.dts --overlay "$o" --outdir "$FUZZ_SEED_DIR/$n.d" --merged-only && cp "$FUZZ_SEED_DIR/$n.d/merged.dtb" "$FUZZ_SEED_DIR/$n.dtb" && rm -r "$FUZZ_SEED_DIR/$n.d" || exit 1; done
/*
 * zonegen reads a device tree that a product (or an attacker who controls
 * an overlay) wrote: every byte of it must be handled, never trusted.
 * Arbitrary bytes go to zonegen_parse(); whatever it accepts also goes
 * through the guest DTB builder and the writers, and every guest DTB it
 * builds must be a valid tree.
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "zonegen.h"

/* Every image exists except the ones named "n*"; sizes vary by name. */
static int fake_image(void *ctx, const char *name, struct zg_image *img)
{
	(void)ctx;
	if (name[0] == 'n')
		return -1;
	img->path = strdup("/images/fake");
	img->size = 0x1000 * (strlen(name) % 5);
	img->mem_size = 0x100000 * (strlen(name) % 3);
	return 0;
}

static void exercise_outputs(struct zg_layout *layout, FILE *null,
			     struct zg_diag *diag)
{
	size_t sizes[ZG_MAX_ZONES];
	void *dtb;
	u32 i;

	for (i = 0; i < layout->nr_zones; i++) {
		sizes[i] = zg_build_guest_dtb(layout, &layout->zones[i], &dtb,
					      diag);
		if (sizes[i] && fdt_check_full(dtb, sizes[i]))
			abort(); /* zonegen wrote a broken guest DTB */
		free(dtb);
	}
	zg_place_images(layout, sizes, diag);
	zg_write_zones_c(layout, null);
	zg_write_layout_ld(layout, null);
	zg_write_summary(layout, null);
	zg_write_qemu_args(layout, "/out", null);
	zg_write_disks(layout, null);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct zg_layout layout;
	static FILE *null;
	struct zg_options opt = {
		.max_cpus = 4,
		.max_zones = 4,
		.find_image = fake_image,
	};
	struct zg_diag diag;
	void *fdt;

	if (!null)
		null = fopen("/dev/null", "w");
	/* zonegen reads its input into a malloc'ed (aligned) buffer too. */
	fdt = malloc(size ? size : 1);
	if (!fdt || !null)
		abort();
	memcpy(fdt, data, size);
	zg_diag_init(&diag);
	if (!zonegen_parse(fdt, size, &opt, &layout, &diag))
		exercise_outputs(&layout, null, &diag);
	zg_layout_free(&layout);
	zg_diag_free(&diag);
	free(fdt);
	return 0;
}

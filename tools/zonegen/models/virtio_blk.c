// SPDX-License-Identifier: Apache-2.0
/*
 * Model: a virtio block device. Its disk is an image file the loader puts
 * in the image store; the hypervisor's back end finds it there from the
 * parameters zones.c gives it.
 */
#include <bulkhead/virtio_abi.h>

#include "../model.h"

#define HEX(v) ((unsigned long long)(v))

/* bulkhead,disk: found like a kernel image, and not empty. */
static bool read_disk_file(const void *fdt, const struct zg_options *opt,
			   struct zg_vdev *v, struct zg_diag *diag)
{
	struct zg_virtio_blk *blk = &v->blk;

	if (!fdt_getprop(fdt, v->node, "bulkhead,disk", NULL)) {
		zg_error(
			diag, fdt, v->node,
			"missing required property \"bulkhead,disk\" (the disk image of a virtio block device)");
		return false;
	}
	blk->file = zg_image_prop(fdt, v->node, "bulkhead,disk", diag);
	if (!blk->file)
		return false;
	return zg_find_image(fdt, opt, v->node, "disk", blk->file, &blk->image,
			     diag);
}

static void check_disk_size(const void *fdt, struct zg_vdev *v, u64 size,
			    struct zg_diag *diag)
{
	struct zg_virtio_blk *blk = &v->blk;

	if (size > ~(ZG_PAGE_SIZE - 1))
		zg_error(
			diag, fdt, v->node,
			"bulkhead,disk-size 0x%llx is too large (at most 0x%llx)",
			HEX(size), HEX(~(ZG_PAGE_SIZE - 1)));
	else if (!size || size % VIRTIO_BLK_SECTOR_SIZE)
		zg_error(
			diag, fdt, v->node,
			"bulkhead,disk-size 0x%llx is not a positive multiple of %u bytes (a sector)",
			HEX(size), VIRTIO_BLK_SECTOR_SIZE);
	else if (size < blk->image.size)
		zg_error(
			diag, fdt, v->node,
			"bulkhead,disk-size 0x%llx is smaller than disk image \"%s\" (0x%llx bytes)",
			HEX(size), blk->file, HEX(blk->image.size));
	else
		blk->size = size;
}

/*
 * bulkhead,disk-size: the disk may be larger than its file (the rest
 * reads as zeros); by default it is the file rounded up to a page.
 */
static void read_disk_size(const void *fdt, struct zg_vdev *v,
			   struct zg_diag *diag)
{
	int sc = dt_size_cells(fdt, 0), len;
	const void *val = fdt_getprop(fdt, v->node, "bulkhead,disk-size", &len);
	u64 size;

	if (!val) {
		v->blk.size = (v->blk.image.size + ZG_PAGE_SIZE - 1) &
			      ~(ZG_PAGE_SIZE - 1);
		return;
	}
	if (len != sc * 4 || !dt_read_cells(val, sc, &size))
		return; /* the schema reader said so */
	check_disk_size(fdt, v, size, diag);
}

static void blk_parse(const void *fdt, const struct zg_options *opt,
		      const struct zg_platform *plat, struct zg_vdev *v,
		      struct zg_diag *diag)
{
	if (!plat->image_store.size)
		zg_error(
			diag, fdt, v->node,
			"a virtio block device needs bulkhead,image-store in /bulkhead: its disk image is loaded there");
	v->blk.read_only = fdt_getprop(fdt, v->node, "read-only", NULL);
	if (read_disk_file(fdt, opt, v, diag))
		read_disk_size(fdt, v, diag);
}

static void blk_emit_params(FILE *out, const struct zg_vdev *v, u32 zone, u32 i)
{
	fputs(" bulkhead,disk = ", out);
	zg_put_comment_text(out, v->blk.file ? v->blk.file : "");
	fprintf(out,
		" */\nstatic const struct virtio_blk_params zone%u_vdev%u_params = "
		"{ .disk = 0x%llx, .size = 0x%llx, .read_only = %s };\n",
		zone, i, HEX(v->blk.store), HEX(v->blk.size),
		v->blk.read_only ? "true" : "false");
}

static const struct zg_prop blk_props[] = {
	{ .name = "bulkhead,virtio", .type = ZG_PROP_STRING },
	{ .name = "bulkhead,disk", .type = ZG_PROP_ANY }, /* zg_image_prop() */
	{ .name = "bulkhead,disk-size", .type = ZG_PROP_SIZE },
	{ .name = "read-only", .type = ZG_PROP_FLAG },
	{ .name = NULL },
};

static const struct zg_model zg_model_virtio_blk = {
	.key = "vdev:virtio,mmio:block",
	.needs_key = "vdev:virtio,mmio",
	.compatible = "virtio,mmio",
	.variant = "block",
	.config_compatible = "bulkhead,virtio-blk",
	.what = "virtio block device",
	.size = VIRTIO_MMIO_SIZE,
	.irq = ZG_IRQ_REQUIRED,
	.caps = ZG_CAP_DISK | ZG_CAP_DMA_COHERENT,
	.props = blk_props,
	.parse = blk_parse,
	.emit_params = blk_emit_params,
};
ZG_MODEL(zg_model_virtio_blk);

// SPDX-License-Identifier: Apache-2.0
/*
 * zonegen command line: reads the merged DTB, validates it, and only when
 * everything is right writes zones.c, layout.ld, qemu.args, summary.txt,
 * disks.txt and one guest DTB per zone into the output directory.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zonegen.h"

#define MAX_IMAGE_DIRS 16

struct model_line { /* one line of models.txt */
	const char *key, *symbol, *menu;
	bool on;
};

struct cli {
	const char *dtb, *outdir, *models_file;
	const char *image_dirs[MAX_IMAGE_DIRS];
	u32 nr_image_dirs, max_cpus, max_zones, nr_models;
	char *models_text; /* models.txt, split in place */
	struct model_line *models;
};

static const char usage[] =
	"usage: zonegen --dtb MERGED.dtb --image-dir DIR [--image-dir DIR ...]\n"
	"               --max-cpus N --max-zones N --outdir DIR\n"
	"               [--models models.txt]\n"
	"Validates the zones of a merged board + product device tree and writes\n"
	"zones.c, layout.ld, qemu.args, summary.txt, disks.txt and\n"
	"zone-<label>.dtb to DIR. With --models (the model table generated from\n"
	"Kconfig), every model the layout uses must be in the build.\n";

static int fail(const char *what, const char *why)
{
	fprintf(stderr, "zonegen: error: %s: %s\n", what, why);
	return -1;
}

/*
 * An arm64 Image (magic "ARM\x64" at offset 56) or a RISC-V Image (magic2
 * "RSC\x05" there) says in its header how much memory it needs from its
 * load address: image_size, a little-endian u64 at offset 16. Other files
 * need what they are long.
 */
static u64 arm64_image_size(const char *path)
{
	unsigned char h[64];
	FILE *f = fopen(path, "rb");
	u64 size = 0;
	int i;

	if (!f)
		return 0;
	if (fread(h, 1, sizeof(h), f) == sizeof(h) &&
	    (!memcmp(h + 56, "ARM\x64", 4) || !memcmp(h + 56, "RSC\x05", 4)))
		for (i = 7; i >= 0; i--)
			size = size << 8 | h[16 + i];
	fclose(f);
	return size;
}

static int find_image(void *ctx, const char *name, struct zg_image *img)
{
	const struct cli *cli = ctx;
	char path[PATH_MAX];
	struct stat st;
	u32 i;

	for (i = 0; i < cli->nr_image_dirs; i++) {
		if (snprintf(path, sizeof(path), "%s/%s", cli->image_dirs[i],
			     name) >= (int)sizeof(path) ||
		    stat(path, &st) || !S_ISREG(st.st_mode) ||
		    !(img->path = realpath(path, NULL)))
			continue;
		img->size = st.st_size;
		img->mem_size = arm64_image_size(img->path);
		return 0;
	}
	return -ENOENT;
}

/* A key is on when all the symbols that provide it are y. */
static enum zg_key_state model_key(void *ctx, const char *key,
				   const char **symbol, const char **menu)
{
	const struct cli *cli = ctx;
	enum zg_key_state state = ZG_KEY_UNKNOWN;
	u32 i;

	for (i = 0; i < cli->nr_models; i++) {
		const struct model_line *m = &cli->models[i];

		if (strcmp(m->key, key) || state == ZG_KEY_OFF)
			continue;
		state = m->on ? ZG_KEY_ON : ZG_KEY_OFF;
		*symbol = m->symbol;
		*menu = m->menu;
	}
	return state;
}

/* A file's contents, NUL-terminated, or NULL (errno set). */
static char *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16, len = 0;
	char *buf = NULL, *bigger;

	while (f && (bigger = realloc(buf, cap + 1))) {
		buf = bigger;
		len += fread(buf + len, 1, cap - len, f);
		if (len < cap && !ferror(f)) {
			fclose(f);
			buf[len] = '\0';
			*size = len;
			return buf;
		}
		if (len < cap)
			break;
		cap *= 2;
	}
	free(buf);
	if (f)
		fclose(f);
	return NULL;
}

/*
 * models.txt, generated from Kconfig: one line per (key, symbol),
 * "<key>\t<CONFIG_SYMBOL>\t<y|n>\t<menu path>"; '#' lines and empty
 * lines are ignored.
 */
static int load_models(struct cli *cli)
{
	char *line, *next, *next_tab, *f[4];
	u32 lineno = 0, n, cap = 0;
	size_t size;

	cli->models_text = read_file(cli->models_file, &size);
	if (!cli->models_text)
		return fail(cli->models_file, strerror(errno));
	for (line = cli->models_text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		line[strcspn(line, "\r")] = '\0';
		if (!*line || *line == '#')
			continue;
		for (n = 0, f[0] = line;
		     n < 3 && (next_tab = strchr(f[n], '\t')); n++) {
			*next_tab = '\0';
			f[n + 1] = next_tab + 1;
		}
		if (n != 3 || (strcmp(f[2], "y") && strcmp(f[2], "n"))) {
			fprintf(stderr,
				"zonegen: error: %s:%u: expected <key>\\t<CONFIG_SYMBOL>\\t<y|n>\\t<menu path>\n",
				cli->models_file, lineno);
			return -1;
		}
		if (cli->nr_models == cap) {
			cap = cap ? 2 * cap : 64;
			cli->models = realloc(cli->models,
					      cap * sizeof(*cli->models));
			if (!cli->models)
				return fail("models", "out of memory");
		}
		cli->models[cli->nr_models++] =
			(struct model_line){ f[0], f[1], f[3],
					     !strcmp(f[2], "y") };
	}
	return 0;
}

static bool parse_u32(const char *s, u32 *val)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || !*s || *end || v > UINT32_MAX)
		return false;
	*val = v;
	return true;
}

static int parse_args(int argc, char **argv, struct cli *cli)
{
	static const struct option opts[] = {
		{ "dtb", required_argument, NULL, 'd' },
		{ "image-dir", required_argument, NULL, 'i' },
		{ "max-cpus", required_argument, NULL, 'c' },
		{ "max-zones", required_argument, NULL, 'z' },
		{ "outdir", required_argument, NULL, 'o' },
		{ "models", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'd')
			cli->dtb = optarg;
		else if (c == 'o')
			cli->outdir = optarg;
		else if (c == 'm')
			cli->models_file = optarg;
		else if (c == 'i' && cli->nr_image_dirs < MAX_IMAGE_DIRS)
			cli->image_dirs[cli->nr_image_dirs++] = optarg;
		else if (!(c == 'c' && parse_u32(optarg, &cli->max_cpus)) &&
			 !(c == 'z' && parse_u32(optarg, &cli->max_zones)))
			break;
	}
	if (c == 'h' || c != -1 || optind != argc || !cli->dtb ||
	    !cli->outdir || !cli->nr_image_dirs || !cli->max_cpus ||
	    !cli->max_zones) {
		fputs(usage, c == 'h' ? stdout : stderr);
		return c == 'h' ? 0 : -1;
	}
	return 1;
}

/*
 * One output, written beside its target and renamed, so no half-written
 * file stays: @dtb (@size bytes) if given, else what @fn writes.
 */
static int write_out(const struct zg_layout *l, const char *dir,
		     const char *name,
		     int (*fn)(const struct zg_layout *, FILE *),
		     const void *dtb, size_t size)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8];
	FILE *f;
	int err;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "wb");
	if (!f)
		return fail(tmp, strerror(errno));
	if (fn)
		err = fn(l, f);
	else if (!dtb) /* qemu.args: the one writer that needs @dir */
		err = zg_write_qemu_args(l, dir, f);
	else
		err = fwrite(dtb, 1, size, f) == size ? 0 : -EIO;
	if (fclose(f) && !err)
		err = -errno;
	if (!err && rename(tmp, path))
		err = -errno;
	if (err == -EINVAL)
		fail("disks.txt", "a disk image path contains a line break");
	if (err) {
		fprintf(stderr, "zonegen: error: writing %s: %s\n", path,
			strerror(-err));
		remove(tmp);
	}
	return err;
}

static int write_outputs(const struct zg_layout *l, const char *dir,
			 void *const *dtbs, const size_t *sizes)
{
	static const struct {
		const char *name;
		int (*fn)(const struct zg_layout *l, FILE *out);
	} outs[] = {
		{ "qemu.args", NULL },
		{ "layout.ld", zg_write_layout_ld },
		{ "summary.txt", zg_write_summary },
		{ "disks.txt", zg_write_disks },
		{ "zones.c",
		  zg_write_zones_c }, /* last: the build waits on it */
	};
	char name[64];
	int err = 0;
	u32 i;

	for (i = 0; i < l->nr_zones && !err; i++) {
		snprintf(name, sizeof(name), "zone-%s.dtb", l->zones[i].label);
		err = write_out(l, dir, name, NULL, dtbs[i], sizes[i]);
	}
	for (i = 0; i < sizeof(outs) / sizeof(outs[0]) && !err; i++)
		err = write_out(l, dir, outs[i].name, outs[i].fn, NULL, 0);
	return err;
}

/* Guest DTBs are built, and images placed, before anything is written. */
static int build_dtbs(struct zg_layout *l, void **dtbs, size_t *sizes,
		      struct zg_diag *diag)
{
	u32 i;

	for (i = 0; i < l->nr_zones; i++)
		sizes[i] = zg_build_guest_dtb(l, &l->zones[i], &dtbs[i], diag);
	if (diag->nr_errors)
		return -1;
	return zg_place_images(l, sizes, diag);
}

static int make_outdir(const char *dir, char *abs)
{
	if ((mkdir(dir, 0777) && errno != EEXIST) || !realpath(dir, abs))
		return fail(dir, strerror(errno));
	return 0;
}

static int run(const struct cli *cli, struct zg_layout *l)
{
	struct zg_options opt = {
		.max_cpus = cli->max_cpus,
		.max_zones = cli->max_zones,
		.find_image = find_image,
		.find_image_ctx = (void *)cli,
		.model_key = cli->models_file ? model_key : NULL,
		.model_key_ctx = (void *)cli,
	};
	void *dtbs[ZG_MAX_ZONES] = { NULL };
	size_t sizes[ZG_MAX_ZONES], size;
	char outdir[PATH_MAX];
	struct zg_diag diag;
	void *fdt;
	int ret = 1;
	u32 i;

	fdt = read_file(cli->dtb, &size);
	if (!fdt) {
		fail(cli->dtb, strerror(errno));
		return 1;
	}
	zg_diag_init(&diag);
	if (!zonegen_parse(fdt, size, &opt, l, &diag) &&
	    !build_dtbs(l, dtbs, sizes, &diag) &&
	    !make_outdir(cli->outdir, outdir) &&
	    !write_outputs(l, outdir, dtbs, sizes))
		ret = 0;
	zg_diag_print(&diag, stderr, "zonegen");
	for (i = 0; i < ZG_MAX_ZONES; i++)
		free(dtbs[i]);
	zg_diag_free(&diag);
	free(fdt);
	return ret;
}

int main(int argc, char **argv)
{
	struct zg_layout layout = { 0 };
	struct cli cli = { 0 };
	int ret;

	ret = parse_args(argc, argv, &cli);
	if (ret <= 0)
		return ret ? 2 : 0;
	ret = cli.models_file && load_models(&cli) ? 1 : run(&cli, &layout);
	zg_layout_free(&layout);
	free(cli.models);
	free(cli.models_text);
	return ret;
}

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
#define MAX_MODEL_LINES 4096

/* One line of models.txt. */
struct model_line {
	const char *key;
	const char *symbol;
	const char *menu;
	bool on;
};

struct cli {
	const char *dtb;
	const char *outdir;
	const char *image_dirs[MAX_IMAGE_DIRS];
	u32 nr_image_dirs;
	u32 max_cpus;
	u32 max_zones;
	const char *models_file; /* NULL: every model assumed present */
	char *models_text; /* its contents, split in place */
	u32 nr_models;
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

/* Looks @name up in the image directories, first match wins. */
static int find_image(void *ctx, const char *name, struct zg_image *img)
{
	const struct cli *cli = ctx;
	char path[PATH_MAX];
	struct stat st;
	u32 i;

	for (i = 0; i < cli->nr_image_dirs; i++) {
		if (snprintf(path, sizeof(path), "%s/%s", cli->image_dirs[i],
			     name) >= (int)sizeof(path))
			continue;
		if (stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		img->path = realpath(path, NULL);
		if (!img->path)
			continue;
		img->size = st.st_size;
		img->mem_size = arm64_image_size(img->path);
		return 0;
	}
	return -ENOENT;
}

/*
 * models.txt, generated from Kconfig: one line per (key, symbol),
 * "<key>\t<CONFIG_SYMBOL>\t<y|n>\t<menu path>"; '#' lines and empty
 * lines are ignored. A key is on when all its symbols are y.
 */
static enum zg_key_state model_key(void *ctx, const char *key,
				   const char **symbol, const char **menu)
{
	const struct cli *cli = ctx;
	enum zg_key_state state = ZG_KEY_UNKNOWN;
	u32 i;

	for (i = 0; i < cli->nr_models; i++) {
		const struct model_line *m = &cli->models[i];

		if (strcmp(m->key, key))
			continue;
		if (state == ZG_KEY_UNKNOWN)
			state = ZG_KEY_ON;
		if (!m->on && state == ZG_KEY_ON) {
			state = ZG_KEY_OFF;
			*symbol = m->symbol;
			*menu = m->menu;
		}
	}
	return state;
}

/* Splits @line at tabs into up to @max fields; returns how many. */
static int split_tabs(char *line, char **field, int max)
{
	int n = 0;

	while (n < max) {
		field[n++] = line;
		line = strchr(line, '\t');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

static int parse_models(struct cli *cli)
{
	char *line = cli->models_text, *next, *f[4];
	u32 lineno = 0;

	for (; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		line[strcspn(line, "\r")] = '\0';
		if (!*line || *line == '#')
			continue;
		if (split_tabs(line, f, 4) != 4 ||
		    (strcmp(f[2], "y") && strcmp(f[2], "n"))) {
			fprintf(stderr,
				"zonegen: error: %s:%u: expected <key>\\t<CONFIG_SYMBOL>\\t<y|n>\\t<menu path>\n",
				cli->models_file, lineno);
			return -1;
		}
		if (cli->nr_models == MAX_MODEL_LINES) {
			fprintf(stderr,
				"zonegen: error: %s: more than %d lines\n",
				cli->models_file, MAX_MODEL_LINES);
			return -1;
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
		if (c == 'd') {
			cli->dtb = optarg;
		} else if (c == 'o') {
			cli->outdir = optarg;
		} else if (c == 'm') {
			cli->models_file = optarg;
		} else if (c == 'i' && cli->nr_image_dirs < MAX_IMAGE_DIRS) {
			cli->image_dirs[cli->nr_image_dirs++] = optarg;
		} else if (c == 'c' && parse_u32(optarg, &cli->max_cpus)) {
		} else if (c == 'z' && parse_u32(optarg, &cli->max_zones)) {
		} else {
			fputs(usage, c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : -1;
		}
	}
	if (optind != argc || !cli->dtb || !cli->outdir ||
	    !cli->nr_image_dirs || !cli->max_cpus || !cli->max_zones) {
		fputs(usage, stderr);
		return -1;
	}
	return 1;
}

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16, len = 0, n;
	char *buf = NULL, *bigger;

	if (!f)
		return NULL;
	for (;;) {
		bigger = realloc(buf, cap);
		if (!bigger)
			break;
		buf = bigger;
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (len < cap) {
			if (ferror(f))
				break;
			fclose(f);
			*size = len;
			return buf;
		}
		cap *= 2;
	}
	free(buf);
	fclose(f);
	return NULL;
}

/* A text file, NUL-terminated, or NULL. */
static char *read_text(const char *path)
{
	size_t size;
	char *buf = read_file(path, &size), *text;

	if (!buf)
		return NULL;
	text = realloc(buf, size + 1);
	if (!text) {
		free(buf);
		return NULL;
	}
	text[size] = '\0';
	return text;
}

/* Written beside the target and renamed, so no half-written output stays. */
struct outfile {
	char path[PATH_MAX];
	char tmp[PATH_MAX + 8];
	FILE *f;
};

static FILE *out_open(struct outfile *o, const char *dir, const char *name)
{
	snprintf(o->path, sizeof(o->path), "%s/%s", dir, name);
	snprintf(o->tmp, sizeof(o->tmp), "%s.tmp", o->path);
	o->f = fopen(o->tmp, "wb");
	if (!o->f)
		fprintf(stderr, "zonegen: error: %s: %s\n", o->tmp,
			strerror(errno));
	return o->f;
}

static int out_close(struct outfile *o, int err)
{
	if (fclose(o->f) && !err)
		err = -errno;
	if (!err && rename(o->tmp, o->path))
		err = -errno;
	if (err) {
		fprintf(stderr, "zonegen: error: writing %s: %s\n", o->path,
			strerror(-err));
		remove(o->tmp);
	}
	return err;
}

typedef int (*writer_fn)(const struct zg_layout *l, const char *dir, FILE *f);

static int wr_zones_c(const struct zg_layout *l, const char *dir, FILE *f)
{
	(void)dir;
	return zg_write_zones_c(l, f);
}

static int wr_layout_ld(const struct zg_layout *l, const char *dir, FILE *f)
{
	(void)dir;
	return zg_write_layout_ld(l, f);
}

static int wr_summary(const struct zg_layout *l, const char *dir, FILE *f)
{
	(void)dir;
	return zg_write_summary(l, f);
}

static int wr_disks(const struct zg_layout *l, const char *dir, FILE *f)
{
	int err = zg_write_disks(l, f);

	(void)dir;
	if (err == -EINVAL)
		fputs("zonegen: error: disks.txt: a disk image path contains a line break\n",
		      stderr);
	return err;
}

static int write_one(const struct zg_layout *l, const char *dir,
		     const char *name, writer_fn fn)
{
	struct outfile o;

	if (!out_open(&o, dir, name))
		return -1;
	return out_close(&o, fn(l, dir, o.f));
}

static int write_dtb(const char *dir, const struct zg_zone *z, const void *dtb,
		     size_t size)
{
	struct outfile o;
	char name[64];
	int err = 0;

	snprintf(name, sizeof(name), "zone-%s.dtb", z->label);
	if (!out_open(&o, dir, name))
		return -1;
	if (fwrite(dtb, 1, size, o.f) != size)
		err = -EIO;
	return out_close(&o, err);
}

static int write_outputs(const struct zg_layout *l, const char *dir,
			 void *const *dtbs, const size_t *sizes)
{
	int err = 0;
	u32 i;

	for (i = 0; i < l->nr_zones && !err; i++)
		err = write_dtb(dir, &l->zones[i], dtbs[i], sizes[i]);
	if (!err)
		err = write_one(l, dir, "qemu.args", zg_write_qemu_args);
	if (!err)
		err = write_one(l, dir, "layout.ld", wr_layout_ld);
	if (!err)
		err = write_one(l, dir, "summary.txt", wr_summary);
	if (!err)
		err = write_one(l, dir, "disks.txt", wr_disks);
	if (!err) /* last: the build depends on it */
		err = write_one(l, dir, "zones.c", wr_zones_c);
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
	if (mkdir(dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "zonegen: error: %s: %s\n", dir,
			strerror(errno));
		return -1;
	}
	if (!realpath(dir, abs)) {
		fprintf(stderr, "zonegen: error: %s: %s\n", dir,
			strerror(errno));
		return -1;
	}
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
		fprintf(stderr, "zonegen: error: %s: %s\n", cli->dtb,
			strerror(errno));
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

static int load_models(struct cli *cli)
{
	cli->models_text = read_text(cli->models_file);
	if (!cli->models_text) {
		fprintf(stderr, "zonegen: error: %s: %s\n", cli->models_file,
			strerror(errno));
		return -1;
	}
	cli->models = calloc(MAX_MODEL_LINES, sizeof(*cli->models));
	if (!cli->models) {
		fputs("zonegen: error: out of memory\n", stderr);
		return -1;
	}
	return parse_models(cli);
}

int main(int argc, char **argv)
{
	struct cli cli = { 0 };
	struct zg_layout *layout;
	int ret;

	ret = parse_args(argc, argv, &cli);
	if (ret <= 0)
		return ret ? 2 : 0;
	if (cli.models_file && load_models(&cli))
		return 1;
	layout = calloc(1, sizeof(*layout));
	if (layout) {
		ret = run(&cli, layout);
	} else {
		fputs("zonegen: error: out of memory\n", stderr);
		ret = 1;
	}
	if (layout)
		zg_layout_free(layout);
	free(layout);
	free(cli.models);
	free(cli.models_text);
	return ret;
}

// SPDX-License-Identifier: Apache-2.0
/*
 * Read-only FDT access (devicetree specification, version 17 blobs).
 *
 * Every multi-byte field is read a byte at a time: the guest runs with the
 * MMU off, so memory is Device memory and must not see unaligned accesses,
 * and 64-bit cells in the blob are only 4-byte aligned. Offsets are checked
 * against the size of the block they index before anything is read, so a
 * corrupt blob can make a lookup fail but never read past totalsize.
 */
#include <stddef.h>

#include <guest/fdt.h>
#include <guest/string.h>

#define FDT_MAGIC 0xd00dfeedu
#define FDT_HEADER_SIZE 40
#define FDT_VERSION 17 /* the first with size_dt_struct */
/* A zone's DTB slot is 2 MiB; anything larger is not ours. */
#define FDT_MAX_SIZE 0x200000u
#define FDT_MAX_DEPTH 16

/* Structure block tokens. */
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

/* Header fields (byte offsets). */
#define HDR_MAGIC 0
#define HDR_TOTALSIZE 4
#define HDR_OFF_STRUCT 8
#define HDR_OFF_STRINGS 12
#define HDR_VERSION 20
#define HDR_LAST_COMP_VERSION 24
#define HDR_SIZE_STRINGS 32
#define HDR_SIZE_STRUCT 36

/* One token of the structure block, decoded. */
struct fdt_token {
	uint32_t tag;
	uint32_t next; /* offset of the token after this one */
	const char *name; /* BEGIN_NODE: node name; PROP: property name */
	const uint8_t *value; /* PROP only */
	uint32_t len; /* PROP only */
};

/* Returns true to stop the walk at @node. */
typedef bool (*fdt_visit_fn)(const struct fdt *fdt, const struct fdt_node *node,
			     void *ctx);

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Does [off, off + len) lie inside a block of @size bytes? */
static bool in_block(uint32_t off, uint64_t len, uint32_t size)
{
	return off <= size && len <= size - off;
}

static uint32_t align4(uint32_t off)
{
	return (off + 3) & ~3u;
}

/* Length of the string at @off if it ends inside the block, else -1. */
static int terminated_len(const uint8_t *block, uint32_t off, uint32_t size)
{
	uint32_t end;

	for (end = off; end < size; end++) {
		if (!block[end])
			return (int)(end - off);
	}
	return -1;
}

static int check_block(const uint8_t *b, unsigned int off_field,
		       unsigned int size_field, uint32_t totalsize)
{
	uint32_t off = be32(b + off_field);

	if (off < FDT_HEADER_SIZE ||
	    !in_block(off, be32(b + size_field), totalsize))
		return FDT_ERR_BADLAYOUT;
	return 0;
}

int fdt_open(struct fdt *fdt, const void *blob)
{
	const uint8_t *b = blob;
	uint32_t size;

	/* The specification puts the blob on an 8-byte boundary. */
	if (!b || ((uintptr_t)b & 7))
		return FDT_ERR_BADPTR;
	if (be32(b + HDR_MAGIC) != FDT_MAGIC)
		return FDT_ERR_BADMAGIC;
	if (be32(b + HDR_VERSION) < FDT_VERSION ||
	    be32(b + HDR_LAST_COMP_VERSION) > FDT_VERSION)
		return FDT_ERR_BADVERSION;
	size = be32(b + HDR_TOTALSIZE);
	if (size < FDT_HEADER_SIZE || size > FDT_MAX_SIZE)
		return FDT_ERR_BADLAYOUT;
	if (check_block(b, HDR_OFF_STRUCT, HDR_SIZE_STRUCT, size) ||
	    check_block(b, HDR_OFF_STRINGS, HDR_SIZE_STRINGS, size))
		return FDT_ERR_BADLAYOUT;
	/* Tokens are 4-byte aligned relative to the blob. */
	if (be32(b + HDR_OFF_STRUCT) & 3)
		return FDT_ERR_BADLAYOUT;

	fdt->blob = b;
	fdt->size = size;
	fdt->dt_struct = b + be32(b + HDR_OFF_STRUCT);
	fdt->struct_size = be32(b + HDR_SIZE_STRUCT);
	fdt->strings = b + be32(b + HDR_OFF_STRINGS);
	fdt->strings_size = be32(b + HDR_SIZE_STRINGS);
	return 0;
}

/* @off: just past the FDT_BEGIN_NODE tag. */
static int read_node_name(const struct fdt *fdt, uint32_t off,
			  struct fdt_token *tok)
{
	int len = terminated_len(fdt->dt_struct, off, fdt->struct_size);

	if (len < 0)
		return FDT_ERR_BADSTRUCT;
	tok->name = (const char *)fdt->dt_struct + off;
	tok->next = align4(off + (uint32_t)len + 1);
	return 0;
}

/* @off: just past the FDT_PROP tag, at the (len, nameoff) pair. */
static int read_prop(const struct fdt *fdt, uint32_t off, struct fdt_token *tok)
{
	uint32_t len, nameoff;

	if (!in_block(off, 8, fdt->struct_size))
		return FDT_ERR_BADSTRUCT;
	len = be32(fdt->dt_struct + off);
	nameoff = be32(fdt->dt_struct + off + 4);
	off += 8;
	if (!in_block(off, len, fdt->struct_size) ||
	    terminated_len(fdt->strings, nameoff, fdt->strings_size) < 0)
		return FDT_ERR_BADSTRUCT;
	tok->name = (const char *)fdt->strings + nameoff;
	tok->value = fdt->dt_struct + off;
	tok->len = len;
	tok->next = align4(off + len);
	return 0;
}

/* Decodes the token at @off. On success tok->next > @off, always. */
static int read_token(const struct fdt *fdt, uint32_t off,
		      struct fdt_token *tok)
{
	if ((off & 3) || !in_block(off, 4, fdt->struct_size))
		return FDT_ERR_BADSTRUCT;
	tok->tag = be32(fdt->dt_struct + off);
	switch (tok->tag) {
	case FDT_BEGIN_NODE:
		return read_node_name(fdt, off + 4, tok);
	case FDT_PROP:
		return read_prop(fdt, off + 4, tok);
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		tok->next = off + 4;
		return 0;
	default:
		return FDT_ERR_BADSTRUCT;
	}
}

const void *fdt_get_prop(const struct fdt *fdt, const struct fdt_node *node,
			 const char *name, uint32_t *len)
{
	struct fdt_token tok;
	uint32_t off = node->props;

	/* A node's properties come before its first child or its end. */
	for (;;) {
		if (read_token(fdt, off, &tok) < 0)
			return NULL;
		if (tok.tag == FDT_PROP && !strcmp(tok.name, name)) {
			*len = tok.len;
			return tok.value;
		}
		if (tok.tag != FDT_PROP && tok.tag != FDT_NOP)
			return NULL;
		off = tok.next;
	}
}

static uint32_t prop_u32(const struct fdt *fdt, const struct fdt_node *node,
			 const char *name, uint32_t fallback)
{
	uint32_t len;
	const uint8_t *val = fdt_get_prop(fdt, node, name, &len);

	return val && len == 4 ? be32(val) : fallback;
}

/*
 * Fills @node from its FDT_BEGIN_NODE token at @depth and records the cell
 * sizes its children's reg will use. cells[d] holds #address-cells and
 * #size-cells for nodes at depth d.
 */
static void enter_node(const struct fdt *fdt, const struct fdt_token *tok,
		       int depth, uint32_t cells[][2], struct fdt_node *node)
{
	node->props = tok->next;
	node->name = tok->name;
	node->depth = (unsigned int)depth;
	node->addr_cells = cells[depth][0];
	node->size_cells = cells[depth][1];
	cells[depth + 1][0] = prop_u32(fdt, node, "#address-cells", 2);
	cells[depth + 1][1] = prop_u32(fdt, node, "#size-cells", 1);
}

/*
 * Calls @visit for each node in tree order. 0 if @visit stopped the walk,
 * FDT_ERR_NOTFOUND if it never did, another error if the structure block
 * is corrupt.
 */
static int fdt_walk(const struct fdt *fdt, fdt_visit_fn visit, void *ctx)
{
	uint32_t cells[FDT_MAX_DEPTH + 1][2];
	struct fdt_token tok;
	struct fdt_node node;
	uint32_t off = 0;
	int depth = -1, err;

	cells[0][0] = 2; /* the specification's defaults for the root */
	cells[0][1] = 1;
	for (;; off = tok.next) {
		err = read_token(fdt, off, &tok);
		if (err)
			return err;
		if (tok.tag == FDT_END)
			return depth == -1 ? FDT_ERR_NOTFOUND :
					     FDT_ERR_BADSTRUCT;
		if (tok.tag == FDT_END_NODE && depth-- < 0)
			return FDT_ERR_BADSTRUCT;
		if (tok.tag != FDT_BEGIN_NODE)
			continue;
		if (++depth >= FDT_MAX_DEPTH)
			return FDT_ERR_TOODEEP;
		enter_node(fdt, &tok, depth, cells, &node);
		if (visit(fdt, &node, ctx))
			return 0;
	}
}

/* Walk state of the lookups below: what to match and where it was found. */
struct node_search {
	const char *match;
	struct fdt_node *found;
};

static bool has_compatible(const struct fdt *fdt, const struct fdt_node *node,
			   const char *compat)
{
	uint32_t len, pos;
	const char *list = fdt_get_prop(fdt, node, "compatible", &len);

	/* A string list: NUL-terminated strings back to back. */
	if (!list || !len || list[len - 1])
		return false;
	for (pos = 0; pos < len; pos += (uint32_t)strlen(list + pos) + 1) {
		if (!strcmp(list + pos, compat))
			return true;
	}
	return false;
}

static bool visit_compatible(const struct fdt *fdt, const struct fdt_node *node,
			     void *ctx)
{
	struct node_search *search = ctx;

	if (!has_compatible(fdt, node, search->match))
		return false;
	*search->found = *node;
	return true;
}

int fdt_find_compatible(const struct fdt *fdt, const char *compat,
			struct fdt_node *node)
{
	struct node_search search = { compat, node };

	return fdt_walk(fdt, visit_compatible, &search);
}

/* Walk state of fdt_find_compatible_at(): matches still to skip. */
struct nth_search {
	const char *match;
	unsigned int skip;
	struct fdt_node *found;
};

static bool visit_nth_compatible(const struct fdt *fdt,
				 const struct fdt_node *node, void *ctx)
{
	struct nth_search *search = ctx;

	if (!has_compatible(fdt, node, search->match))
		return false;
	if (search->skip) {
		search->skip--;
		return false;
	}
	*search->found = *node;
	return true;
}

int fdt_find_compatible_at(const struct fdt *fdt, const char *compat,
			   unsigned int index, struct fdt_node *node)
{
	struct nth_search search = { compat, index, node };

	return fdt_walk(fdt, visit_nth_compatible, &search);
}

/* A top-level node called @match, with or without a unit address. */
static bool visit_top_level(const struct fdt *fdt, const struct fdt_node *node,
			    void *ctx)
{
	struct node_search *search = ctx;
	size_t len = strlen(search->match);

	(void)fdt;
	if (node->depth != 1 || strncmp(node->name, search->match, len) ||
	    (node->name[len] && node->name[len] != '@'))
		return false;
	*search->found = *node;
	return true;
}

static int find_top_level(const struct fdt *fdt, const char *name,
			  struct fdt_node *node)
{
	struct node_search search = { name, node };

	return fdt_walk(fdt, visit_top_level, &search);
}

static uint64_t read_cells(const uint8_t *p, uint32_t n)
{
	uint64_t val = 0;

	while (n--) {
		val = val << 32 | be32(p);
		p += 4;
	}
	return val;
}

int fdt_node_reg_at(const struct fdt *fdt, const struct fdt_node *node,
		    unsigned int index, struct fdt_range *reg)
{
	uint32_t ac = node->addr_cells, sc = node->size_cells, len, entry;
	const uint8_t *val;

	/* More than two cells would not fit in 64 bits. */
	if (ac < 1 || ac > 2 || sc > 2)
		return FDT_ERR_BADVALUE;
	val = fdt_get_prop(fdt, node, "reg", &len);
	if (!val)
		return FDT_ERR_NOTFOUND;
	entry = (ac + sc) * 4;
	if (len < entry || len % entry)
		return FDT_ERR_BADVALUE;
	if (index >= len / entry)
		return FDT_ERR_NOTFOUND;
	val += index * entry;
	reg->base = read_cells(val, ac);
	reg->size = read_cells(val + ac * 4, sc);
	return 0;
}

int fdt_node_reg(const struct fdt *fdt, const struct fdt_node *node,
		 struct fdt_range *reg)
{
	return fdt_node_reg_at(fdt, node, 0, reg);
}

const char *fdt_get_string(const struct fdt *fdt, const struct fdt_node *node,
			   const char *name)
{
	uint32_t len;
	const char *val = fdt_get_prop(fdt, node, name, &len);

	return val && len && !val[len - 1] ? val : NULL;
}

/* Position of @name in a string list property, or -1. */
static int string_index(const char *list, uint32_t len, const char *name)
{
	uint32_t pos;
	int i = 0;

	if (!list || !len || list[len - 1])
		return -1;
	for (pos = 0; pos < len; pos += (uint32_t)strlen(list + pos) + 1, i++) {
		if (!strcmp(list + pos, name))
			return i;
	}
	return -1;
}

int fdt_node_reg_named(const struct fdt *fdt, const struct fdt_node *node,
		       const char *name, struct fdt_range *reg)
{
	uint32_t len;
	const char *names = fdt_get_prop(fdt, node, "reg-names", &len);
	int index = string_index(names, len, name);

	if (index < 0)
		return FDT_ERR_NOTFOUND;
	return fdt_node_reg_at(fdt, node, (unsigned int)index, reg);
}

/*
 * Walk state of a path lookup. Nodes come in tree order, so the ancestors
 * of a node at depth d are the last nodes seen at depths 0..d-1: matched
 * is the depth down to which those ancestors spell the path.
 */
struct path_search {
	const char *rest[FDT_MAX_DEPTH + 1]; /* the path after d components */
	unsigned int matched;
	struct fdt_node *found;
};

/* Is @name (of a node) the next path component, @len bytes of @comp? */
static bool component_matches(const char *name, const char *comp, size_t len)
{
	size_t i;

	if (strncmp(name, comp, len))
		return false;
	if (!name[len])
		return true;
	/* The unit address may be left out of a path: "serial" = "serial@..". */
	for (i = 0; i < len; i++) {
		if (comp[i] == '@')
			return false;
	}
	return name[len] == '@';
}

static bool visit_path(const struct fdt *fdt, const struct fdt_node *node,
		       void *ctx)
{
	struct path_search *search = ctx;
	unsigned int d = node->depth;
	const char *comp;
	size_t len;

	(void)fdt;
	if (d == 0) {
		search->matched = 0;
		if (*search->rest[0])
			return false;
		*search->found = *node; /* the path was "/" */
		return true;
	}
	if (d > search->matched + 1)
		return false;
	comp = search->rest[d - 1];
	for (len = 0; comp[len] && comp[len] != '/'; len++)
		;
	if (!len || !component_matches(node->name, comp, len)) {
		search->matched = d - 1;
		return false;
	}
	search->matched = d;
	search->rest[d] = comp[len] ? comp + len + 1 : comp + len;
	if (*search->rest[d])
		return false;
	*search->found = *node;
	return true;
}

int fdt_find_path(const struct fdt *fdt, const char *path,
		  struct fdt_node *node)
{
	struct path_search search = { .found = node };

	if (*path != '/')
		return FDT_ERR_BADVALUE;
	search.rest[0] = path + 1;
	return fdt_walk(fdt, visit_path, &search);
}

uint32_t fdt_cell(const void *prop, unsigned int i)
{
	return be32((const uint8_t *)prop + i * 4);
}

int fdt_memory_reg_at(const struct fdt *fdt, unsigned int index,
		      struct fdt_range *reg)
{
	struct fdt_node node;
	int err = find_top_level(fdt, "memory", &node);

	return err ? err : fdt_node_reg_at(fdt, &node, index, reg);
}

int fdt_memory_reg(const struct fdt *fdt, struct fdt_range *reg)
{
	return fdt_memory_reg_at(fdt, 0, reg);
}

const char *fdt_bootargs(const struct fdt *fdt)
{
	struct fdt_node node;
	const char *args;
	uint32_t len;

	if (find_top_level(fdt, "chosen", &node))
		return NULL;
	args = fdt_get_prop(fdt, &node, "bootargs", &len);
	if (!args || !len || args[len - 1])
		return NULL;
	return args;
}

int fdt_stdout(const struct fdt *fdt, struct fdt_node *node)
{
	char path[64];
	struct fdt_node chosen;
	const char *val;
	uint32_t len, n;

	if (find_top_level(fdt, "chosen", &chosen))
		return FDT_ERR_NOTFOUND;
	val = fdt_get_prop(fdt, &chosen, "stdout-path", &len);
	if (!val || !len || val[len - 1])
		return FDT_ERR_NOTFOUND;
	/* "path:options": only the path names the node. */
	for (n = 0; val[n] && val[n] != ':'; n++)
		;
	if (n >= sizeof(path))
		return FDT_ERR_BADVALUE;
	memcpy(path, val, n);
	path[n] = '\0';
	return fdt_find_path(fdt, path, node);
}

/* Walk state of fdt_cpu_count(): whether the walk is inside /cpus. */
struct cpu_count {
	bool in_cpus;
	int count;
};

static bool visit_cpu(const struct fdt *fdt, const struct fdt_node *node,
		      void *ctx)
{
	struct cpu_count *cc = ctx;

	(void)fdt;
	if (node->depth == 1)
		cc->in_cpus = !strcmp(node->name, "cpus");
	else if (node->depth == 2 && cc->in_cpus &&
		 !strncmp(node->name, "cpu@", 4))
		cc->count++;
	return false;
}

int fdt_cpu_count(const struct fdt *fdt)
{
	struct cpu_count cc = { false, 0 };
	int err = fdt_walk(fdt, visit_cpu, &cc);

	return err == FDT_ERR_NOTFOUND ? cc.count : err;
}

const char *fdt_strerror(int err)
{
	switch (err) {
	case 0:
		return "ok";
	case FDT_ERR_NOTFOUND:
		return "not found";
	case FDT_ERR_BADPTR:
		return "no DTB or misaligned DTB";
	case FDT_ERR_BADMAGIC:
		return "bad DTB magic";
	case FDT_ERR_BADVERSION:
		return "unsupported DTB version";
	case FDT_ERR_BADLAYOUT:
		return "DTB blocks outside totalsize";
	case FDT_ERR_BADSTRUCT:
		return "corrupt DTB structure block";
	case FDT_ERR_TOODEEP:
		return "DTB nested too deeply";
	case FDT_ERR_BADVALUE:
		return "bad property value";
	default:
		return "unknown DTB error";
	}
}

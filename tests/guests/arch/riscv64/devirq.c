// SPDX-License-Identifier: Apache-2.0
/*
 * A device's PLIC source, for guests that take a device's interrupt
 * (ivc). The context is the one the PLIC node's interrupts-extended pairs
 * with this hart's local interrupt controller and the supervisor external
 * interrupt: natively QEMU's PLIC lists an M and an S context per hart, a
 * zone's virtual PLIC only the S contexts of its vCPUs.
 */
#include <stddef.h>

#include <arch/devirq.h>
#include <guest/string.h>

#define PLIC_COMPAT "riscv,plic0"
#define PLIC_PRIORITY 0x0000 /* 4 bytes per source */
#define PLIC_ENABLE 0x2000 /* one bit per source, per context */
#define PLIC_ENABLE_STRIDE 0x80
#define PLIC_CONTEXT 0x200000 /* threshold, claim/complete per context */
#define PLIC_CONTEXT_STRIDE 0x1000
#define PLIC_THRESHOLD 0x0
#define PLIC_CLAIM 0x4
#define PLIC_MAX_SOURCE 1023

#define DEVIRQ_PRIORITY 1
#define SIE_SEIE (1ul << IRQ_S_EXT)

uintptr_t devirq_claim_reg;

/* "/cpus/cpu@<hart in hex>/interrupt-controller" into @path. */
static void cpu_intc_path(char *path, unsigned int hart)
{
	static const char prefix[] = "/cpus/cpu@";
	static const char suffix[] = "/interrupt-controller";
	char digits[8];
	size_t n = 0, i;

	do {
		digits[n++] = "0123456789abcdef"[hart & 0xf];
		hart >>= 4;
	} while (hart && n < sizeof(digits));
	memcpy(path, prefix, sizeof(prefix) - 1);
	path += sizeof(prefix) - 1;
	for (i = 0; i < n; i++)
		*path++ = digits[n - 1 - i];
	memcpy(path, suffix, sizeof(suffix));
}

static int hart_intc_phandle(const struct fdt *fdt, unsigned int hart,
			     uint32_t *phandle)
{
	char path[sizeof("/cpus/cpu@ffffffff/interrupt-controller")];
	struct fdt_node intc;
	const void *val;
	uint32_t len;

	cpu_intc_path(path, hart);
	if (fdt_find_path(fdt, path, &intc))
		return -1;
	val = fdt_get_prop(fdt, &intc, "phandle", &len);
	if (!val || len != 4)
		return -1;
	*phandle = fdt_cell(val, 0);
	return 0;
}

/* Index of <hart's intc, S external> in interrupts-extended, or -1. */
static int s_context(const struct fdt *fdt, const struct fdt_node *plic,
		     unsigned int hart)
{
	const void *ext;
	uint32_t len, phandle, i;

	if (hart_intc_phandle(fdt, hart, &phandle))
		return -1;
	ext = fdt_get_prop(fdt, plic, "interrupts-extended", &len);
	if (!ext)
		return -1;
	/* A local interrupt controller has #interrupt-cells = <1>. */
	for (i = 0; i < len / 8; i++) {
		if (fdt_cell(ext, 2 * i) == phandle &&
		    fdt_cell(ext, 2 * i + 1) == IRQ_S_EXT)
			return (int)i;
	}
	return -1;
}

static void enable_source(uintptr_t plic, unsigned int ctx, unsigned int id)
{
	uintptr_t enable =
		plic + PLIC_ENABLE + ctx * PLIC_ENABLE_STRIDE + id / 32 * 4;
	uintptr_t context = plic + PLIC_CONTEXT + ctx * PLIC_CONTEXT_STRIDE;

	mmio_write32(plic + PLIC_PRIORITY + id * 4, DEVIRQ_PRIORITY);
	mmio_write32(enable, mmio_read32(enable) | 1u << (id % 32));
	mmio_write32(context + PLIC_THRESHOLD, 0);
	devirq_claim_reg = context + PLIC_CLAIM;
}

const char *devirq_init(const struct fdt *fdt, const struct fdt_node *dev,
			unsigned int vcpu, unsigned int *irq)
{
	struct fdt_node plic;
	struct fdt_range reg;
	const void *cells;
	uint32_t len;
	int ctx;

	cells = fdt_get_prop(fdt, dev, "interrupts", &len);
	if (!cells || len < 4)
		return "the device has no interrupts <source>";
	*irq = fdt_cell(cells, 0);
	if (!*irq || *irq > PLIC_MAX_SOURCE)
		return "the device's interrupt is not a PLIC source";
	if (fdt_find_compatible(fdt, PLIC_COMPAT, &plic) ||
	    fdt_node_reg(fdt, &plic, &reg))
		return "no " PLIC_COMPAT " node with a reg in the DTB";
	ctx = s_context(fdt, &plic, vcpu);
	if (ctx < 0)
		return "no supervisor context of this hart in interrupts-extended";
	enable_source(reg.base, (unsigned int)ctx, *irq);
	asm volatile("csrs sie, %0" : : "r"(SIE_SEIE) : "memory");
	return NULL;
}

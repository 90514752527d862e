// SPDX-License-Identifier: Apache-2.0
/*
 * Emulated PL011 for a zone's console. Unmodified guests (Linux earlycon
 * and amba-pl011, U-Boot's pl011) find it through the guest DTB's
 * stdout-path and print from their first line; what they write goes to
 * the console mux, tagged with the zone's name. The receive FIFO is fed
 * by vpl011_push_input(). The interrupt status registers are kept as the
 * hardware would, and the line (RIS & IMSC) drives the zone's interrupt
 * from the device node, if it has one.
 */
#include <bulkhead/console.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/vdev.h>
#include <bulkhead/virq.h>
#include <bulkhead/vpl011.h>
#include <bulkhead/zone.h>

#define UARTDR 0x000
#define UARTRSR 0x004
#define UARTFR 0x018
#define UARTILPR 0x020
#define UARTIBRD 0x024
#define UARTFBRD 0x028
#define UARTLCR_H 0x02c
#define UARTCR 0x030
#define UARTIFLS 0x034
#define UARTIMSC 0x038
#define UARTRIS 0x03c
#define UARTMIS 0x040
#define UARTICR 0x044
#define UARTDMACR 0x048
#define UARTPERIPHID0 0xfe0

#define FR_RXFE (1u << 4)
#define FR_TXFE (1u << 7)
#define INT_RX (1u << 4)
#define INT_TX (1u << 5)
#define INT_RT (1u << 6)
#define CR_RESET 0x300 /* TXE | RXE */
#define IFLS_RESET 0x12

/*
 * The receive FIFO is deeper than the PL011's 16 bytes: a pasted line
 * arrives faster than a guest drains it, and guests read until RXFE,
 * so they cannot tell.
 */
#define RX_FIFO 256
/*
 * FR reads with an empty receiver and nothing transmitted in between that
 * mean "waiting for input". A transmit loop reads FR a few times per
 * character (TXFF, then BUSY at the end of a message); a getc loop reads
 * it without end.
 */
#define IDLE_POLLS 16

struct vpl011 {
	u32 regs[(UARTDMACR / 4) + 1]; /* plain read/write registers */
	u32 ris;
	u8 rx[RX_FIFO];
	u32 rx_head, rx_count;
	u32 idle_polls; /* FR reads with nothing received since the last DR write */
	bool line; /* interrupt output as last reported */
	spinlock_t lock;
};

/* PrimeCell identification: PL011 r1p5, as QEMU's model reports. */
static const u8 pl011_ids[8] = {
	0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

static int vpl011_init(struct vdev *dev)
{
	struct vpl011 *u = page_alloc(&hyp_pool, 1);

	if (!u)
		return -1;
	u->regs[UARTCR / 4] = CR_RESET;
	u->regs[UARTIFLS / 4] = IFLS_RESET;
	u->ris = INT_TX; /* the transmit FIFO is always drained */
	u->lock = (spinlock_t)SPINLOCK_INIT;
	dev->priv = u;
	return 0;
}

static u32 rx_pop(struct vpl011 *u)
{
	u32 c;

	if (!u->rx_count)
		return 0;
	c = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1) % RX_FIFO;
	if (--u->rx_count == 0)
		u->ris &= ~(INT_RX | INT_RT);
	return c;
}

static u32 vpl011_read(struct vpl011 *u, u64 off)
{
	switch (off) {
	case UARTDR:
		return rx_pop(u);
	case UARTFR:
		return FR_TXFE | (u->rx_count ? 0 : FR_RXFE);
	case UARTRIS:
		return u->ris;
	case UARTMIS:
		return u->ris & u->regs[UARTIMSC / 4];
	case UARTRSR:
	case UARTICR:
		return 0;
	default:
		if (off >= UARTPERIPHID0)
			return pl011_ids[(off - UARTPERIPHID0) / 4];
		return off <= UARTDMACR ? u->regs[off / 4] : 0;
	}
}

static void vpl011_write(struct vdev *dev, struct vpl011 *u, u64 off, u32 v)
{
	switch (off) {
	case UARTDR:
		u->idle_polls = 0;
		console_zone_putc(dev->zone, (char)v);
		break;
	case UARTICR:
		u->ris &= ~(v & ~INT_TX);
		break;
	case UARTFR:
	case UARTRIS:
	case UARTMIS:
		break; /* read-only */
	default:
		if (off <= UARTDMACR)
			u->regs[off / 4] = v;
		break;
	}
}

/* Caller holds u->lock: has the interrupt output changed? */
static bool line_changed(struct vpl011 *u)
{
	bool line = u->ris & u->regs[UARTIMSC / 4];

	if (line == u->line)
		return false;
	u->line = line;
	return true;
}

/*
 * Reported under u->lock, so that two CPUs changing the line report the
 * levels in the order they happened (the interrupt controller model takes
 * only its own lock, never a device's).
 */
static void report_line(struct vdev *dev, bool changed, bool line)
{
	if (changed)
		virq_set_level(dev->zone, dev->cfg->irq, line);
}

/*
 * Registers are 32-bit words; Linux's amba-pl011 driver uses 16-bit
 * accesses and U-Boot 8-bit ones on DR, so narrower accesses to the start
 * of a word are allowed. 64-bit and misaligned accesses fault the zone.
 */
static int vpl011_access(struct vdev *dev, struct mmio_access *acc)
{
	struct vpl011 *u = dev->priv;
	bool waiting = false, changed;

	if (acc->offset % 4 || acc->width > 4)
		return -1;
	spin_lock(&u->lock);
	if (acc->write) {
		vpl011_write(dev, u, acc->offset, (u32)acc->value);
	} else {
		acc->value = vpl011_read(u, acc->offset);
		if (acc->offset == UARTFR && (acc->value & FR_RXFE))
			waiting = ++u->idle_polls == IDLE_POLLS;
	}
	changed = line_changed(u);
	report_line(dev, changed, u->line);
	spin_unlock(&u->lock);
	/*
	 * FR polled IDLE_POLLS times with nothing written between: the guest
	 * waits for input, i.e. for the user, so show its prompt.
	 */
	if (waiting)
		console_zone_idle(dev->zone);
	return 0;
}

bool vpl011_push_input(struct vdev *dev, char c)
{
	struct vpl011 *u = dev->priv;
	bool ok, changed;

	spin_lock(&u->lock);
	ok = u->rx_count < RX_FIFO;
	if (ok) {
		u->rx[(u->rx_head + u->rx_count++) % RX_FIFO] = (u8)c;
		u->ris |= INT_RX;
	}
	changed = line_changed(u);
	report_line(dev, changed, u->line);
	spin_unlock(&u->lock);
	return ok;
}

DECLARE_DRIVER(vpl011_type, DRIVER_VDEV, struct vdev_type, "arm,pl011") = {
	.init = vpl011_init,
	.access = vpl011_access,
	.input = vpl011_push_input,
};

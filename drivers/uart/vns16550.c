// SPDX-License-Identifier: Apache-2.0
/*
 * Emulated NS16550A for a zone's console, for guests that expect a 16550
 * where a board has one (riscv virt). Linux's 8250 driver (earlycon and
 * of_serial) and U-Boot's ns16550 find it through the guest DTB. What the
 * guest transmits goes to the console mux at once, so the transmitter is
 * always empty; console input fills the receive FIFO. The interrupt line
 * is the 16550's: any enabled source pending. It drives the zone's
 * interrupt from the device node, if it has one.
 *
 * Registers are bytes, one per address (reg-shift 0).
 */
#include <bulkhead/console.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/vdev.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>

#define RBR 0 /* THR when written, DLL with LCR.DLAB */
#define IER 1 /* DLM with LCR.DLAB */
#define IIR 2 /* FCR when written */
#define LCR 3
#define MCR 4
#define LSR 5
#define MSR 6
#define SCR 7
#define NR_REGS 8

#define IER_ERBFI 0x01
#define IER_ETBEI 0x02
#define IER_MASK 0x0f /* the 16550A has no bits 7:4 */
#define IIR_NONE 0x01
#define IIR_THRE 0x02
#define IIR_RDA 0x04
#define IIR_FIFOS 0xc0
#define FCR_FIFO_EN 0x01
#define FCR_CLR_RX 0x02
#define FCR_TRIGGER 0xc0
#define LCR_DLAB 0x80
#define MCR_DTR 0x01
#define MCR_RTS 0x02
#define MCR_OUT1 0x04
#define MCR_OUT2 0x08
#define MCR_LOOP 0x10
#define MCR_MASK 0x1f
#define LSR_DR 0x01
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define MSR_CTS 0x10
#define MSR_DSR 0x20
#define MSR_RI 0x40
#define MSR_DCD 0x80

/*
 * Deeper than the 16550A's 16 bytes: a pasted line arrives faster than a
 * guest drains it, and guests read until LSR.DR clears, so they cannot
 * tell. It stays this deep with FCR.0 clear too (a 16450 holds one byte).
 */
#define RX_FIFO 256
/*
 * LSR reads with an empty receiver and nothing transmitted in between
 * that mean "waiting for input". A transmit loop reads LSR once or twice
 * per character (THRE, then TEMT at the end); a getc loop without end.
 */
#define IDLE_POLLS 16

struct vns16550 {
	u8 rx[RX_FIFO];
	u32 rx_head, rx_count;
	u8 ier, fcr, lcr, mcr, scr, dll, dlm;
	/* THR-empty interrupt: set when the THR empties, cleared by IIR. */
	bool thre_pending;
	u32 idle_polls; /* empty LSR reads since the last THR write */
	bool line; /* interrupt output as last decided */
	spinlock_t lock;
	spinlock_t report_lock; /* orders the reports of `line` */
};

static int vns16550_init(struct vdev *dev)
{
	struct vns16550 *u = page_alloc(&hyp_pool, 1);

	if (!u)
		return -1;
	/*
	 * The divisor's reset value is undefined; a guest working out the
	 * baud rate from a zero divisor would divide by it.
	 */
	u->dll = 1;
	u->lock = (spinlock_t)SPINLOCK_INIT;
	u->report_lock = (spinlock_t)SPINLOCK_INIT;
	dev->priv = u;
	return 0;
}

/* False, dropping the byte, if the FIFO is full. */
static bool rx_push(struct vns16550 *u, u8 c)
{
	if (u->rx_count >= RX_FIFO)
		return false;
	u->rx[(u->rx_head + u->rx_count++) % RX_FIFO] = c;
	return true;
}

/* An empty FIFO reads 0. */
static u8 rx_pop(struct vns16550 *u)
{
	u8 c;

	if (!u->rx_count)
		return 0;
	c = u->rx[u->rx_head % RX_FIFO];
	u->rx_head = (u->rx_head + 1) % RX_FIFO;
	u->rx_count--;
	return c;
}

/* The most urgent enabled source; line status and modem status never are. */
static u8 pending_source(const struct vns16550 *u)
{
	if ((u->ier & IER_ERBFI) && u->rx_count)
		return IIR_RDA;
	if ((u->ier & IER_ETBEI) && u->thre_pending)
		return IIR_THRE;
	return IIR_NONE;
}

/* Reading IIR acknowledges a THR-empty interrupt that it reports. */
static u8 read_iir(struct vns16550 *u)
{
	u8 id = pending_source(u);

	if (id == IIR_THRE)
		u->thre_pending = false;
	return id | (u->fcr & FCR_FIFO_EN ? IIR_FIFOS : 0);
}

static u8 read_lsr(struct vns16550 *u, bool *waiting)
{
	if (u->rx_count)
		return LSR_DR | LSR_THRE | LSR_TEMT;
	if (u->idle_polls < IDLE_POLLS)
		*waiting = ++u->idle_polls == IDLE_POLLS;
	return LSR_THRE | LSR_TEMT;
}

/*
 * A terminal that is always there. In loopback the modem inputs follow
 * the outputs (the probe of Linux's 8250 autoconfig checks this); no
 * change is ever latched in the delta bits.
 */
static u8 read_msr(const struct vns16550 *u)
{
	u8 m = u->mcr;

	if (!(m & MCR_LOOP))
		return MSR_DCD | MSR_DSR | MSR_CTS;
	return (m & MCR_RTS ? MSR_CTS : 0) | (m & MCR_DTR ? MSR_DSR : 0) |
	       (m & MCR_OUT1 ? MSR_RI : 0) | (m & MCR_OUT2 ? MSR_DCD : 0);
}

static u8 vns16550_read(struct vns16550 *u, u64 off, bool *waiting)
{
	bool dlab = u->lcr & LCR_DLAB;

	switch (off) {
	case RBR:
		return dlab ? u->dll : rx_pop(u);
	case IER:
		return dlab ? u->dlm : u->ier;
	case IIR:
		return read_iir(u);
	case LCR:
		return u->lcr;
	case MCR:
		return u->mcr;
	case LSR:
		return read_lsr(u, waiting);
	case MSR:
		return read_msr(u);
	case SCR:
		return u->scr;
	default:
		return 0;
	}
}

/*
 * The byte leaves at once, so the THR is empty again straight away: that
 * is the event the THR-empty interrupt reports, so a THR write re-arms it
 * rather than leaving it clear. A guest with more to send than one FIFO
 * load (Linux) waits for exactly this interrupt.
 */
static void write_thr(struct vdev *dev, struct vns16550 *u, u8 c)
{
	u->idle_polls = 0;
	u->thre_pending = true;
	if (u->mcr & MCR_LOOP)
		rx_push(u, c);
	else
		console_zone_putc(dev->zone, (char)c);
}

/*
 * Enabling ETBEI while the THR is empty raises its interrupt. Disabling
 * it is how an interrupt-driven driver (Linux's 8250) says it has nothing
 * more to send: true then, so that its unfinished line (a shell prompt)
 * is shown. Such a guest never polls for input, and on riscv64 its WFI is
 * not trapped either.
 */
static bool write_ier(struct vns16550 *u, u8 v)
{
	bool tx_done = u->ier & ~v & IER_ETBEI;

	if (v & ~u->ier & IER_ETBEI)
		u->thre_pending = true;
	u->ier = v & IER_MASK;
	return tx_done;
}

/* Switching the FIFOs on or off empties them, as clearing them does. */
static void write_fcr(struct vns16550 *u, u8 v)
{
	if ((v & FCR_CLR_RX) || ((v ^ u->fcr) & FCR_FIFO_EN))
		u->rx_count = 0;
	u->fcr = v & (FCR_FIFO_EN | FCR_TRIGGER);
}

/* True when the guest has stopped transmitting (write_ier). */
static bool vns16550_write(struct vdev *dev, struct vns16550 *u, u64 off, u8 v)
{
	bool dlab = u->lcr & LCR_DLAB;

	switch (off) {
	case RBR:
		if (dlab)
			u->dll = v;
		else
			write_thr(dev, u, v);
		break;
	case IER:
		if (dlab)
			u->dlm = v;
		else
			return write_ier(u, v);
		break;
	case IIR:
		write_fcr(u, v);
		break;
	case LCR:
		u->lcr = v;
		break;
	case MCR:
		u->mcr = v & MCR_MASK;
		break;
	case SCR:
		u->scr = v;
		break;
	default:
		break; /* LSR, MSR: writing them is for factory tests only */
	}
	return false;
}

/*
 * Releases u->lock and reports a change of the interrupt output: outside
 * the lock (the interrupt controller may kick another CPU), yet in the
 * order the changes happened, or a stale level could be reported last.
 * The report lock is taken before u->lock is let go, and is FIFO.
 */
static void unlock_and_report(struct vdev *dev, struct vns16550 *u)
{
	bool line = pending_source(u) != IIR_NONE;
	bool changed = line != u->line;

	u->line = line;
	if (changed)
		spin_lock(&u->report_lock);
	spin_unlock(&u->lock);
	if (!changed)
		return;
	if (dev->cfg->irq)
		virq_set_level(dev->zone, dev->cfg->irq, line);
	spin_unlock(&u->report_lock);
}

/*
 * Byte accesses, as Linux (reg-io-width 1) and U-Boot make. A 32-bit one
 * at a word-aligned offset acts on the byte register there, for drivers
 * that use word accessors; anything else faults the zone. Offsets past
 * the eight registers read as zero and ignore writes.
 */
static int vns16550_access(struct vdev *dev, struct mmio_access *acc)
{
	struct vns16550 *u = dev->priv;
	bool waiting = false;

	if (acc->width != 1 && (acc->width != 4 || acc->offset % 4))
		return -1;
	if (acc->offset >= NR_REGS) {
		if (!acc->write)
			acc->value = 0;
		return 0;
	}
	spin_lock(&u->lock);
	if (acc->write)
		waiting = vns16550_write(dev, u, acc->offset, (u8)acc->value);
	else
		acc->value = vns16550_read(u, acc->offset, &waiting);
	unlock_and_report(dev, u);
	/*
	 * The guest polls for input, i.e. for the user, or has nothing more
	 * to send: show its prompt.
	 */
	if (waiting)
		console_zone_idle(dev->zone);
	return 0;
}

/* A receiver in loopback hears its own transmitter only. */
static bool vns16550_input(struct vdev *dev, char c)
{
	struct vns16550 *u = dev->priv;
	bool ok;

	spin_lock(&u->lock);
	ok = !(u->mcr & MCR_LOOP) && rx_push(u, (u8)c);
	unlock_and_report(dev, u);
	return ok;
}

DECLARE_DRIVER(vns16550_type, DRIVER_VDEV, struct vdev_type, "ns16550a") = {
	.init = vns16550_init,
	.access = vns16550_access,
	.input = vns16550_input,
};

// SPDX-License-Identifier: Apache-2.0
/*
 * The hypervisor owns the physical console UART. Its own messages and the
 * zones' output share it; one lock keeps each message or zone line whole,
 * and each zone line is tagged with the zone's name. Each zone's pending
 * output line is the console's, not the zone's. Input goes to one zone at
 * a time, the focused one: Ctrl-] followed by a zone id moves the focus
 * (console_switch.h), Ctrl-] twice sends one Ctrl-] to the focused zone.
 */
#include <bulkhead/console.h>
#include <bulkhead/console_filter.h>
#include <bulkhead/console_switch.h>
#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/printk.h>
#include <bulkhead/spinlock.h>
#include <bulkhead/string.h>
#include <bulkhead/zone.h>

#define ZONE_LINE_LEN 256

/* A zone's output not yet on the terminal, collected a line at a time. */
struct zone_console {
	spinlock_t lock;
	char line[ZONE_LINE_LEN];
	u32 line_len;
	struct console_filter filter;
};

static struct zone_console zone_cons[CONFIG_MAX_ZONES];

static struct zone_console *console_of(const struct zone *zone)
{
	return &zone_cons[zone - zones];
}

static const struct uart_driver *uart;
static spinlock_t console_lock = SPINLOCK_INIT;
/* The zone whose unfinished line is on the terminal (a prompt), if any. */
static struct zone *partial_owner;

int console_init(void)
{
	const struct driver *drv =
		driver_find(DRIVER_UART, platform.console.compatible);

	if (!drv)
		return -1; /* no driver built in for the board's console */
	uart = drv->ops;
	uart->init(platform.console.reg.base);
	return 0;
}

static void emit(const char *s, size_t len)
{
	if (!uart)
		return;
	for (; len; len--, s++) {
		if (*s == '\n')
			uart->putc('\r');
		uart->putc(*s);
	}
}

/* Whatever comes next starts on a fresh line. Console lock held. */
static void end_partial_line(void)
{
	if (partial_owner)
		emit("\n", 1);
	partial_owner = NULL;
}

void console_write(const char *s, size_t len)
{
	spin_lock(&console_lock);
	end_partial_line();
	emit(s, len);
	spin_unlock(&console_lock);
}

/*
 * Emits the zone's buffered text: tagged unless it continues the partial
 * line already on screen, and either ending the line or leaving it open.
 */
static void flush_zone_line(struct zone *zone, bool newline)
{
	struct zone_console *con = console_of(zone);
	const char *name = zone->cfg->name;

	spin_lock(&console_lock);
	if (partial_owner != zone) {
		end_partial_line();
		emit("[", 1);
		emit(name, strlen(name));
		emit("] ", 2);
	}
	emit(con->line, con->line_len);
	if (newline)
		emit("\n", 1);
	partial_owner = newline ? NULL : zone;
	spin_unlock(&console_lock);
	con->line_len = 0;
}

/*
 * A zone that waits (for input, or idles) shows its unfinished line: that
 * is how a prompt reaches the terminal without a newline.
 */
void console_zone_idle(struct zone *zone)
{
	struct zone_console *con = console_of(zone);

	if (!READ_ONCE(con->line_len))
		return;
	spin_lock(&con->lock);
	if (con->line_len)
		flush_zone_line(zone, false);
	spin_unlock(&con->lock);
}

/*
 * Only what console_filter.h lets through reaches the line: a zone cannot
 * drive the terminal. A character is never split across two lines.
 */
void console_zone_putc(struct zone *zone, char c)
{
	struct zone_console *con = console_of(zone);
	u8 out[CONSOLE_FILTER_MAX];
	u32 n;

	spin_lock(&con->lock);
	n = console_filter_feed(&con->filter, (u8)c, out);
	if (n == 1 && out[0] == '\n') {
		flush_zone_line(zone, true);
	} else if (n) {
		if (con->line_len + n > ZONE_LINE_LEN)
			flush_zone_line(zone, true);
		memcpy(&con->line[con->line_len], out, n);
		con->line_len += n;
	}
	spin_unlock(&con->lock);
}

static struct zone *focus;
static struct console_switch focus_switch;
static u32 focusable_ids[CONFIG_MAX_ZONES]; /* zones with a console model */

/*
 * The zone's console model: of the emulated devices taking input, the
 * first of the highest rank (a virtio console ranks above a UART, which
 * Linux keeps for early messages once hvc0 has the shell).
 */
static struct vdev *zone_console(struct zone *zone)
{
	struct vdev *best = NULL;

	for (u32 i = 0; i < zone->nr_vdevs; i++) {
		struct vdev *v = &zone->vdevs[i];

		if (v->type->input &&
		    (!best || v->type->input_rank > best->type->input_rank))
			best = v;
	}
	return best;
}

static void console_focus(u64 id)
{
	for (u32 i = 0; i < nr_zones; i++) {
		if (zones[i].cfg->id == id && zone_console(&zones[i])) {
			focus = &zones[i];
			printk("console input: zone %u (%s)\n", focus->cfg->id,
			       focus->cfg->name);
			return;
		}
	}
	printk("console input: no zone %llu with a console\n",
	       (unsigned long long)id);
}

/* A full or stopped zone loses the character, nobody else does. */
static void input_to_focus(char c)
{
	struct vdev *dev;

	if (focus && READ_ONCE(focus->state) == ZONE_RUNNING) {
		dev = zone_console(focus);
		dev->type->input(dev, c);
	}
}

static void console_input_char(char c)
{
	switch (console_switch_feed(&focus_switch, c)) {
	case CSW_PASS:
		input_to_focus(c);
		break;
	case CSW_FOCUS:
		console_focus(focus_switch.id);
		break;
	case CSW_FOCUS_AND_REFEED:
		console_focus(focus_switch.id);
		console_input_char(c); /* idle again: recurses once at most */
		break;
	default:
		break;
	}
}

static void console_rx_irq(u32 irq)
{
	int c;

	(void)irq;
	while ((c = uart->getc()) >= 0)
		console_input_char((char)c);
}

/* The first zone with a console takes the focus; returns how many have one. */
static u32 find_focusable_zones(void)
{
	u32 n = 0;

	for (u32 i = 0; i < nr_zones; i++) {
		if (!zone_console(&zones[i]))
			continue;
		if (!focus)
			focus = &zones[i];
		focusable_ids[n++] = zones[i].cfg->id;
	}
	console_switch_init(&focus_switch, focusable_ids, n);
	return n;
}

void console_input_init(void)
{
	if (!uart || !uart->getc || !platform.console.nr_irq_cells)
		return;
	if (!find_focusable_zones())
		return; /* no zone takes input */
	if (irq_request(platform.console.irq_cells,
			platform.console.nr_irq_cells, console_rx_irq)) {
		pr_warn("console interrupt unusable: no console input\n");
		return;
	}
	uart->enable_rx_irq();
	printk("console input: zone %u (%s); Ctrl-] <zone id> switches\n",
	       focus->cfg->id, focus->cfg->name);
}

// SPDX-License-Identifier: Apache-2.0
/*
 * The hypervisor owns the physical console UART. Its own messages and the
 * zones' output share it; one lock keeps each message or zone line whole,
 * and each zone line is tagged with the zone's name.
 */
#include <bulkhead/console.h>
#include <bulkhead/driver.h>
#include <bulkhead/spinlock.h>
#include <bulkhead/string.h>
#include <bulkhead/zone.h>

static const struct uart_driver *uart;
static spinlock_t console_lock = SPINLOCK_INIT;

int console_init(void)
{
	const struct uart_driver *drv;

	for (drv = __uart_drivers_start; drv < __uart_drivers_end; drv++) {
		if (!strcmp(drv->compatible, platform.console.compatible)) {
			drv->init(platform.console.reg.base);
			uart = drv;
			return 0;
		}
	}
	return -1; /* no driver built in for the board's console */
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

void console_write(const char *s, size_t len)
{
	spin_lock(&console_lock);
	emit(s, len);
	spin_unlock(&console_lock);
}

static void flush_zone_line(struct zone *zone)
{
	const char *name = zone->cfg->name;

	spin_lock(&console_lock);
	emit("[", 1);
	emit(name, strlen(name));
	emit("] ", 2);
	emit(zone->line, zone->line_len);
	emit("\n", 1);
	spin_unlock(&console_lock);
	zone->line_len = 0;
}

/* Control characters other than tab are dropped: a zone cannot drive the terminal. */
void console_zone_putc(struct zone *zone, char c)
{
	spin_lock(&zone->lock);
	if (c == '\n' || zone->line_len == ZONE_LINE_LEN) {
		flush_zone_line(zone);
	}
	if (c != '\n' && c != '\r' && ((u8)c >= 0x20 || c == '\t') && c != 0x7f)
		zone->line[zone->line_len++] = c;
	spin_unlock(&zone->lock);
}

/* SPDX-License-Identifier: Apache-2.0 */
/* The hypervisor console: its own messages and the zones' output and input. */
#ifndef BULKHEAD_CONSOLE_H
#define BULKHEAD_CONSOLE_H

#include <bulkhead/types.h>

struct zone;

int console_init(void);
/* Starts console input (after the zones exist): Ctrl-] <id> switches focus. */
void console_input_init(void);
/* Raw output of a whole message, atomic with respect to other CPUs. */
void console_write(const char *s, size_t len);
/* Zone output: buffered per zone, emitted as "[name] line". */
void console_zone_putc(struct zone *zone, char c);
/* The zone waits for input or idles: show its unfinished line (a prompt). */
void console_zone_idle(struct zone *zone);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Console output through the hypercall console. Characters collect in a
 * line buffer that is handed to the hypervisor with one HC_CONSOLE_WRITE
 * per line (or per full buffer), because the hypervisor tags every line
 * with the zone name and a trap per character would be slow. Natively,
 * with no hypervisor (lib/native.c), the lines go to the board's UART.
 */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Prints on the UART (arch/uart.h) at @base (0: nowhere) instead: no
 * hypervisor.
 */
void console_use_uart(uintptr_t base);

void console_putc(char c);
void console_puts(const char *s);
/* Hands a partial line to the hypervisor now. */
void console_flush(void);
/* Ends the current line if it holds anything. */
void console_end_line(void);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Hypervisor messages on the console. Every message starts with
 * PRINTK_PREFIX, added here once; a file tags its own messages by
 * defining pr_fmt before its includes:
 *   #define pr_fmt(fmt) "vgic: " fmt
 * which the pr_*() macros apply ("bulkhead: vgic: ...").
 */
#ifndef BULKHEAD_PRINTK_H
#define BULKHEAD_PRINTK_H

#include <stdarg.h>
#include <bulkhead/compiler.h>
#include <bulkhead/types.h>

#define PRINTK_PREFIX "bulkhead: "

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define LOG_ERR 0
#define LOG_WARN 1
#define LOG_INFO 2
#define LOG_DEBUG 3

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* Prints one PRINTK_PREFIX "..." message atomically on the console. */
void printk(const char *fmt, ...) __printf(1, 2);
/* The same without the prefix: the indented lines of a multi-line report. */
void printk_cont(const char *fmt, ...) __printf(1, 2);

/*
 * Levels above CONFIG_LOG_LEVEL vanish at compile time. Messages that are
 * never filtered out call printk(pr_fmt(...)) themselves.
 */
#define pr_level(level, fmt, ...)                           \
	do {                                                \
		if ((level) <= CONFIG_LOG_LEVEL)            \
			printk(pr_fmt(fmt), ##__VA_ARGS__); \
	} while (0)
#define pr_err(fmt, ...) pr_level(LOG_ERR, fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) pr_level(LOG_WARN, fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) pr_level(LOG_INFO, fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) pr_level(LOG_DEBUG, fmt, ##__VA_ARGS__)

/* Prints PRINTK_PREFIX "PANIC: " and the message, and parks the CPU. */
void __noreturn panic(const char *fmt, ...) __printf(1, 2);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
#ifndef BULKHEAD_PRINTK_H
#define BULKHEAD_PRINTK_H

#include <stdarg.h>
#include <bulkhead/compiler.h>
#include <bulkhead/types.h>

#define LOG_ERR 0
#define LOG_WARN 1
#define LOG_INFO 2
#define LOG_DEBUG 3

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* Prints one "bulkhead: ..." message atomically on the console. */
void printk(const char *fmt, ...) __printf(1, 2);

/* Levels above CONFIG_LOG_LEVEL vanish at compile time. */
#define pr_level(level, ...)                     \
	do {                                     \
		if ((level) <= CONFIG_LOG_LEVEL) \
			printk(__VA_ARGS__);     \
	} while (0)
#define pr_err(...) pr_level(LOG_ERR, __VA_ARGS__)
#define pr_warn(...) pr_level(LOG_WARN, __VA_ARGS__)
#define pr_info(...) pr_level(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) pr_level(LOG_DEBUG, __VA_ARGS__)

void __noreturn panic(const char *fmt, ...) __printf(1, 2);

#endif

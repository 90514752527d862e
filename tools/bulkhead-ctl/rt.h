/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The bulkhead tool's own runtime: a handful of Linux system calls and
 * buffered output, so that the tool links statically with the project's
 * bare-metal cross toolchains (no libc for the target is needed).
 */
#ifndef BULKHEAD_CTL_RT_H
#define BULKHEAD_CTL_RT_H

#include <stdarg.h>
#include <bulkhead/compiler.h>
#include <bulkhead/types.h>

#define RT_O_RDONLY 0
#define RT_O_RDWR 2
#define RT_O_CLOEXEC 02000000

long rt_read(int fd, void *buf, size_t len);
long rt_write(int fd, const void *buf, size_t len);
int rt_open(const char *path, int flags);
void rt_close(int fd);
void __noreturn rt_exit(int status);

/* Buffered stdout / stderr; rt_exit() flushes both. */
void out(const char *fmt, ...) __printf(1, 2);
void err(const char *fmt, ...) __printf(1, 2);
void rt_flush(void);

/* Writes all of @buf; false on error. */
bool rt_write_all(int fd, const void *buf, size_t len);
/* Reads exactly @len bytes; false on error or end of file first. */
bool rt_read_all(int fd, void *buf, size_t len);

#endif

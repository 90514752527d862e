// SPDX-License-Identifier: Apache-2.0
/* The bulkhead tool's runtime: Linux system calls, entry, buffered output. */
#include <bulkhead/printk.h>
#include <bulkhead/string.h>

#include "rt.h"
#include "rt_arch.h"

/* The generic system call numbers, the same on arm64 and riscv64. */
#define NR_OPENAT 56
#define NR_CLOSE 57
#define NR_READ 63
#define NR_WRITE 64
#define NR_EXIT_GROUP 94
#define AT_FDCWD (-100)

struct obuf {
	int fd;
	u32 len;
	char buf[1024];
};

static struct obuf obufs[2] = { { .fd = 1 }, { .fd = 2 } };

long rt_read(int fd, void *buf, size_t len)
{
	return rt_syscall3(NR_READ, fd, (long)buf, (long)len);
}

long rt_write(int fd, const void *buf, size_t len)
{
	return rt_syscall3(NR_WRITE, fd, (long)buf, (long)len);
}

int rt_open(const char *path, int flags)
{
	return (int)rt_syscall4(NR_OPENAT, AT_FDCWD, (long)path,
				flags | RT_O_CLOEXEC, 0);
}

void rt_close(int fd)
{
	rt_syscall3(NR_CLOSE, fd, 0, 0);
}

bool rt_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		long n = rt_write(fd, p, len);

		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

bool rt_read_all(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		long n = rt_read(fd, p, len);

		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

static void obuf_flush(struct obuf *o)
{
	rt_write_all(o->fd, o->buf, o->len);
	o->len = 0;
}

static void obuf_vprint(struct obuf *o, const char *fmt, va_list ap)
{
	char line[512];
	int n = vsnprintf(line, sizeof(line), fmt, ap);

	if (n < 0)
		return;
	if ((u32)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (o->len + (u32)n > sizeof(o->buf))
		obuf_flush(o);
	memcpy(o->buf + o->len, line, (size_t)n);
	o->len += (u32)n;
}

void out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	obuf_vprint(&obufs[0], fmt, ap);
	va_end(ap);
}

void err(const char *fmt, ...)
{
	va_list ap;

	obuf_flush(&obufs[0]); /* keep the order the two were written in */
	va_start(ap, fmt);
	obuf_vprint(&obufs[1], fmt, ap);
	va_end(ap);
	obuf_flush(&obufs[1]);
}

void rt_flush(void)
{
	obuf_flush(&obufs[0]);
	obuf_flush(&obufs[1]);
}

void rt_exit(int status)
{
	rt_flush();
	for (;;)
		rt_syscall3(NR_EXIT_GROUP, status, 0, 0);
}

int main(int argc, char **argv);

/* From _start (rt_arch.h) with the initial stack: argc, argv[]. */
void __noreturn rt_start_c(long *sp);
void rt_start_c(long *sp)
{
	rt_exit(main((int)sp[0], (char **)(sp + 1)));
}

/* SPDX-License-Identifier: Apache-2.0 */
/* The entry point and system call instruction of each architecture. */
#ifndef BULKHEAD_CTL_RT_ARCH_H
#define BULKHEAD_CTL_RT_ARCH_H

#if defined(__aarch64__)

/* The kernel enters with sp at argc; the ABI wants sp 16-byte aligned. */
__asm__(".text\n.global _start\n.type _start, %function\n_start:\n"
	"	mov x29, #0\n	mov x30, #0\n	mov x0, sp\n"
	"	bl rt_start_c\n");

static inline long rt_syscall4(long nr, long a, long b, long c, long d)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;

	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3)
			 : "memory");
	return x0;
}

#elif defined(__riscv)

/* gp is set for the linker's gp-relative relaxation of small data. */
__asm__(".text\n.global _start\n.type _start, %function\n_start:\n"
	".option push\n.option norelax\n	la gp, __global_pointer$\n"
	".option pop\n	mv ra, zero\n	mv a0, sp\n	call rt_start_c\n");

static inline long rt_syscall4(long nr, long a, long b, long c, long d)
{
	register long a7 __asm__("a7") = nr;
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;

	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3)
			 : "memory");
	return a0;
}

#else
#error "the bulkhead tool knows the system calls of aarch64 and riscv64"
#endif

static inline long rt_syscall3(long nr, long a, long b, long c)
{
	return rt_syscall4(nr, a, b, c, 0);
}

#endif

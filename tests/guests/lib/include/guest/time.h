/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Time from the architectural counter (arch/cpu.h: counter_read(),
 * counter_freq()). No interrupts: delays poll the counter.
 */
#ifndef GUEST_TIME_H
#define GUEST_TIME_H

#include <stdint.h>

#include <arch/cpu.h>

/* Counter ticks in @ms milliseconds; 0 if the frequency is not set. */
uint64_t ticks_from_ms(uint32_t ms);
/* Waits at least @ms milliseconds of counter time. */
void delay_ms(unsigned int ms);

#endif

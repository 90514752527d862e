/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Register map of an inter-zone channel's doorbell window ("bulkhead,ivc"),
 * one 4 KiB page per zone and channel; 32-bit registers. Shared by the
 * hypervisor's model and guests.
 *
 * Writing IVC_DOORBELL raises the channel's interrupt in the peer zone and
 * sets IVC_PENDING there; the peer clears it with IVC_ACK (its interrupt
 * line follows IVC_PENDING, like a level-triggered device). Rings are not
 * counted: a doorbell says "look at the shared memory", as an interrupt
 * from a device does.
 */
#ifndef BULKHEAD_IVC_REGS_H
#define BULKHEAD_IVC_REGS_H

#define IVC_MAGIC 0x00 /* reads IVC_MAGIC_VALUE */
#define IVC_CHANNEL 0x04 /* index of the channel in the layout */
#define IVC_PEER 0x08 /* zone id of the other end */
#define IVC_PEER_STATE 0x0c /* 1: the peer zone is running */
#define IVC_SHM_LOW 0x10 /* shared memory, guest physical */
#define IVC_SHM_HIGH 0x14
#define IVC_SHM_SIZE 0x18
#define IVC_DOORBELL 0x20 /* write: ring the peer */
#define IVC_PENDING 0x24 /* read: 1 if the peer rang since the last ACK */
#define IVC_ACK 0x28 /* write: clear IVC_PENDING (and the interrupt) */
#define IVC_SIZE 0x1000

#define IVC_MAGIC_VALUE 0x30435649u /* "IVC0" */

#endif

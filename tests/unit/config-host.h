/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Stand-in for the Kconfig-generated config.h in host builds (unit tests
 * and fuzz targets): the defaults of the qemu-virt-aarch64 product, with a
 * board name no real board uses. Force-included with -include, like the
 * generated header is in the image.
 */
#define CONFIG_ARCH_AARCH64 1
#define CONFIG_ARCH "aarch64"
#define CONFIG_BOARD "host-test"
#define CONFIG_MAX_CPUS 8
#define CONFIG_MAX_ZONES 8
#define CONFIG_STACK_SIZE 0x4000
#define CONFIG_LOG_LEVEL 2
#define CONFIG_VDEV_HVINFO 1
#define CONFIG_VGIC_NR_SPIS 256

/* SPDX-License-Identifier: Apache-2.0 */
/*
 * IS_ENABLED(CONFIG_X): 1 if the bool option is set, else 0, usable in
 * ordinary C expressions so both branches are always compiled and
 * type-checked. Kconfiglib's header defines set options to 1.
 */
#ifndef BULKHEAD_KCONFIG_H
#define BULKHEAD_KCONFIG_H

#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(ignored, val, ...) val
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
#define __is_defined(x) ___is_defined(x)
#define IS_ENABLED(option) __is_defined(option)

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel config checks, with LTP's names and meanings.
 *
 *	static struct tst_test test = {
 *		.needs_kconfigs = (const char *const[]) {
 *			"CONFIG_USER_NS=y",
 *			"CONFIG_X86_UMIP=y | CONFIG_X86_INTEL_UMIP=y",
 *			NULL
 *		},
 *	};
 *
 * The harness evaluates .needs_kconfigs before setup and ends the test
 * with TCONF naming the first constraint that does not hold. Each string
 * is an expression of variables joined by '&' and '|' (evaluated left to
 * right, with equal precedence, as LTP does), negated with '!' and
 * grouped with parentheses. A variable is
 *
 *	CONFIG_FOO		set to y or m
 *	CONFIG_FOO=y, =m, =n	set to y, to m, or "# CONFIG_FOO is not set"
 *	CONFIG_FOO=value	set to exactly value ("..." for a string)
 *
 * The config is read from $KCONFIG_PATH, else /proc/config.gz, else
 * /boot/config-$(uname -r) (gzip-compressed or plain text). With
 * KCONFIG_SKIP_CHECK set the check is skipped.
 */
#ifndef TST_KCONFIG_H
#define TST_KCONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Initializer of a struct tst_kconfig_var for the option @confname */
#define TST_KCONFIG_INIT(confname) { \
	.id = confname, \
	.id_len = strlen(confname) \
}

/**
 * struct tst_kconfig_var - One option looked up by tst_kconfig_read().
 * @id: The option, e.g. "CONFIG_FOO".
 * @id_len: strlen(@id).
 * @choice: 'y', 'm', 'v' (another value), 'n' (not set), 0 (not found).
 * @val: The value when @choice is 'v', malloc()ed; NULL otherwise.
 */
struct tst_kconfig_var {
	char id[64];
	unsigned int id_len;
	char choice;
	char *val;
};

/**
 * tst_kconfig_read() - Look options up in the kernel config.
 * @vars: Options, initialized with TST_KCONFIG_INIT().
 * @vars_len: Number of @vars.
 *
 * Sets @choice (and @val) of each option; all stay 0 when no config is
 * found. Ends the test with TBROK when the config cannot be read.
 */
void tst_kconfig_read(struct tst_kconfig_var vars[], size_t vars_len);

/**
 * tst_kconfig_check() - Evaluate kernel config constraints.
 * @kconfigs: NULL-terminated expressions, as in .needs_kconfigs.
 *
 * Prints each constraint that does not hold with the values of its
 * options (TINFO). An invalid expression ends the test with TBROK.
 *
 * Return: 0 if all constraints hold (or KCONFIG_SKIP_CHECK is set), 1
 * otherwise.
 */
int tst_kconfig_check(const char *const kconfigs[]);

/**
 * tst_has_slow_kconfig() - Whether the kernel has a slow debug option.
 *
 * Looks for debugging options that slow the kernel down (lock proving,
 * KASAN, ...; LTP's list) built in (=y), and names the first it finds
 * (TINFO). On such a kernel the harness makes the timeout four times
 * longer, as LTP does.
 *
 * Return: 1 if one is set, 0 otherwise (also without a config).
 */
int tst_has_slow_kconfig(void);

/* Initializer of a struct tst_kcmdline_var for the parameter @paraname */
#define TST_KCMDLINE_INIT(paraname) { \
	.key = paraname, \
	.value = "", \
	.found = false \
}

/**
 * struct tst_kcmdline_var - One kernel command line parameter.
 * @key: The parameter's name.
 * @value: Its value ("" for a parameter without '='), when @found.
 * @found: Whether the command line has it; the last one counts.
 */
struct tst_kcmdline_var {
	const char *key;
	char value[256];
	bool found;
};

/**
 * tst_kcmdline_parse() - Look parameters up in /proc/cmdline.
 * @params: Parameters, initialized with TST_KCMDLINE_INIT().
 * @params_len: Number of @params.
 */
void tst_kcmdline_parse(struct tst_kcmdline_var params[], size_t params_len);

#endif /* TST_KCONFIG_H */

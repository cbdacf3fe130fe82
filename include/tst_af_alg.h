/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel crypto API through AF_ALG sockets, with LTP's names.
 *
 *	int reqfd = tst_alg_setup_reqfd("hash", "sha256", NULL, 0);
 *	uint8_t digest[32];
 *
 *	SAFE_WRITE(SAFE_WRITE_ALL, reqfd, "abc", 3);
 *	SAFE_READ(1, reqfd, digest, sizeof(digest));
 *
 * A kernel without AF_ALG or without the algorithm is TCONF; any other
 * failure TBROK.
 */
#ifndef TST_AF_ALG_H
#define TST_AF_ALG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lapi/if_alg.h>

/**
 * tst_alg_create() - A new AF_ALG socket, not bound to an algorithm.
 *
 * Return: the socket; TCONF when the kernel has no AF_ALG.
 */
int tst_alg_create(void);

/**
 * tst_alg_bind_addr() - Bind an AF_ALG socket to an algorithm.
 * @algfd: The socket.
 * @addr: The algorithm.
 *
 * TCONF when the kernel lacks the algorithm.
 */
void tst_alg_bind_addr(int algfd, const struct sockaddr_alg *addr);

/**
 * tst_alg_bind() - Bind an AF_ALG socket to an algorithm by name.
 * @algfd: The socket.
 * @algtype: e.g. "hash", "skcipher", "aead".
 * @algname: e.g. "sha256", "xts(aes)".
 *
 * TCONF when the kernel lacks the algorithm.
 */
void tst_alg_bind(int algfd, const char *algtype, const char *algname);

/**
 * tst_try_alg() - Whether an algorithm is available.
 * @algtype: e.g. "hash".
 * @algname: e.g. "sha256".
 *
 * Return: 0 when it is, else the errno of socket() or bind().
 */
int tst_try_alg(const char *algtype, const char *algname);

/**
 * tst_have_alg() - Whether an algorithm is available, said as TCONF.
 * @algtype: e.g. "hash".
 * @algname: e.g. "sha256".
 *
 * Return: true when it is; false after a TCONF result when it is not
 * (also when FIPS mode forbids it). Other errors end the test (TBROK).
 */
bool tst_have_alg(const char *algtype, const char *algname);

/**
 * tst_require_alg() - End the test with TCONF unless an algorithm is
 *                     available.
 * @algtype: e.g. "hash".
 * @algname: e.g. "sha256".
 */
void tst_require_alg(const char *algtype, const char *algname);

/**
 * tst_alg_setkey() - Set the key of an AF_ALG socket.
 * @algfd: The bound socket.
 * @key: The key, or NULL for random bytes.
 * @keylen: Its length in bytes.
 */
void tst_alg_setkey(int algfd, const uint8_t *key, unsigned int keylen);

/**
 * tst_alg_accept() - A request socket of a bound AF_ALG socket.
 * @algfd: The bound socket.
 *
 * Return: the request socket, on which data is written and read.
 */
int tst_alg_accept(int algfd);

/**
 * tst_alg_setup() - An AF_ALG socket bound to an algorithm, with a key.
 * @algtype: e.g. "skcipher".
 * @algname: e.g. "cbc(aes)".
 * @key: The key, NULL for random bytes.
 * @keylen: Its length; 0 sets no key.
 *
 * Return: the bound socket.
 */
int tst_alg_setup(const char *algtype, const char *algname,
		  const uint8_t *key, unsigned int keylen);

/**
 * tst_alg_setup_reqfd() - tst_alg_setup() and tst_alg_accept() in one.
 * @algtype: e.g. "hash".
 * @algname: e.g. "sha1".
 * @key: The key, NULL for random bytes.
 * @keylen: Its length; 0 sets no key.
 *
 * Return: the request socket; the bound socket is closed.
 */
int tst_alg_setup_reqfd(const char *algtype, const char *algname,
			const uint8_t *key, unsigned int keylen);

/**
 * struct tst_alg_sendmsg_params - Control data of tst_alg_sendmsg().
 * @encrypt: Send ALG_SET_OP with ALG_OP_ENCRYPT.
 * @decrypt: Send ALG_SET_OP with ALG_OP_DECRYPT.
 * @iv: The IV to send (ALG_SET_IV) when @ivlen is not 0.
 * @ivlen: Its length.
 * @assoclen: Send ALG_SET_AEAD_ASSOCLEN when not 0.
 * @msg_flags: Flags of sendmsg(), e.g. MSG_MORE.
 */
struct tst_alg_sendmsg_params {
	bool encrypt;
	bool decrypt;
	const uint8_t *iv;
	unsigned int ivlen;
	unsigned int assoclen;
	uint32_t msg_flags;
};

/**
 * tst_alg_sendmsg() - Send data and control data to a request socket.
 * @reqfd: The request socket.
 * @data: The data.
 * @datalen: Its length; all of it must be sent.
 * @params: The control data.
 */
void tst_alg_sendmsg(int reqfd, const void *data, size_t datalen,
		     const struct tst_alg_sendmsg_params *params);

#endif /* TST_AF_ALG_H */

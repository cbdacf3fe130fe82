// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * AF_ALG helpers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "harness.h"
#include "tst_af_alg.h"

int tst_alg_create(void)
{
	int fd = socket(AF_ALG, SOCK_SEQPACKET, 0);

	if (fd >= 0)
		return fd;
	if (errno == EAFNOSUPPORT)
		tst_brk(TCONF, "kernel doesn't support AF_ALG");
	tst_brk(TBROK | TERRNO, "socket(AF_ALG, SOCK_SEQPACKET, 0) failed");
	return -1;
}

static void fill_addr(struct sockaddr_alg *addr, const char *algtype,
		      const char *algname)
{
	memset(addr, 0, sizeof(*addr));
	addr->salg_family = AF_ALG;
	if (strlen(algtype) >= sizeof(addr->salg_type) ||
	    strlen(algname) >= sizeof(addr->salg_name))
		tst_brk(TBROK, "Algorithm name '%s' '%s' is too long", algtype,
			algname);
	strcpy((char *)addr->salg_type, algtype);
	strcpy((char *)addr->salg_name, algname);
}

void tst_alg_bind_addr(int algfd, const struct sockaddr_alg *addr)
{
	if (!bind(algfd, (const struct sockaddr *)addr, sizeof(*addr)))
		return;
	if (errno == ENOENT)
		tst_brk(TCONF, "kernel doesn't support %s algorithm '%s'",
			addr->salg_type, addr->salg_name);
	tst_brk(TBROK | TERRNO, "bind() to %s algorithm '%s' failed",
		addr->salg_type, addr->salg_name);
}

void tst_alg_bind(int algfd, const char *algtype, const char *algname)
{
	struct sockaddr_alg addr;

	fill_addr(&addr, algtype, algname);
	tst_alg_bind_addr(algfd, &addr);
}

int tst_try_alg(const char *algtype, const char *algname)
{
	struct sockaddr_alg addr;
	int fd, err = 0;

	fill_addr(&addr, algtype, algname);
	fd = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (fd < 0)
		return errno;
	if (bind(fd, (const struct sockaddr *)&addr, sizeof(addr)))
		err = errno;
	close(fd);
	return err;
}

bool tst_have_alg(const char *algtype, const char *algname)
{
	int err = tst_try_alg(algtype, algname);

	switch (err) {
	case 0:
		return true;
	case EAFNOSUPPORT:
		tst_res(TCONF, "kernel doesn't support AF_ALG");
		return false;
	case ENOENT:
		tst_res(TCONF, "kernel doesn't support %s algorithm '%s'",
			algtype, algname);
		return false;
	case ELIBBAD:
		/* FIPS mode forbids it */
		tst_res(TCONF, "%s algorithm '%s' is disabled in FIPS mode",
			algtype, algname);
		return false;
	}
	errno = err;
	tst_brk(TBROK | TERRNO, "Cannot check %s algorithm '%s'", algtype,
		algname);
	return false;
}

void tst_require_alg(const char *algtype, const char *algname)
{
	if (!tst_have_alg(algtype, algname))
		tst_brk(TCONF, "%s algorithm '%s' is needed", algtype, algname);
}

void tst_alg_setkey(int algfd, const uint8_t *key, unsigned int keylen)
{
	uint8_t *random_key = NULL;

	if (!key) {
		random_key = SAFE_MALLOC(keylen ? keylen : 1);
		if (getrandom(random_key, keylen, 0) != (ssize_t)keylen)
			tst_brk(TBROK | TERRNO, "getrandom() failed");
		key = random_key;
	}
	if (setsockopt(algfd, SOL_ALG, ALG_SET_KEY, key, keylen))
		tst_brk(TBROK | TERRNO, "setting a %u-byte key failed", keylen);
	free(random_key);
}

int tst_alg_accept(int algfd)
{
	int fd = accept(algfd, NULL, NULL);

	if (fd < 0)
		tst_brk(TBROK | TERRNO, "accept() on AF_ALG socket failed");
	return fd;
}

int tst_alg_setup(const char *algtype, const char *algname,
		  const uint8_t *key, unsigned int keylen)
{
	int algfd = tst_alg_create();

	tst_alg_bind(algfd, algtype, algname);
	if (keylen)
		tst_alg_setkey(algfd, key, keylen);
	return algfd;
}

int tst_alg_setup_reqfd(const char *algtype, const char *algname,
			const uint8_t *key, unsigned int keylen)
{
	int algfd = tst_alg_setup(algtype, algname, key, keylen);
	int reqfd = tst_alg_accept(algfd);

	close(algfd);
	return reqfd;
}

/* Append one control message; returns the next free byte of @buf */
static struct cmsghdr *add_cmsg(struct msghdr *msg, struct cmsghdr *cmsg,
				int type, const void *data, size_t len)
{
	cmsg = cmsg ? CMSG_NXTHDR(msg, cmsg) : CMSG_FIRSTHDR(msg);
	cmsg->cmsg_level = SOL_ALG;
	cmsg->cmsg_type = type;
	cmsg->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(cmsg), data, len);
	return cmsg;
}

void tst_alg_sendmsg(int reqfd, const void *data, size_t datalen,
		     const struct tst_alg_sendmsg_params *params)
{
	struct iovec iov = { .iov_base = (void *)data, .iov_len = datalen };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	size_t ivsize = sizeof(struct af_alg_iv) + params->ivlen;
	struct cmsghdr *cmsg = NULL;
	struct af_alg_iv *iv;
	uint32_t op, assoclen;
	size_t space = 0;
	char *buf;
	ssize_t ret;

	if (params->encrypt || params->decrypt)
		space += CMSG_SPACE(sizeof(op));
	if (params->ivlen)
		space += CMSG_SPACE(ivsize);
	if (params->assoclen)
		space += CMSG_SPACE(sizeof(assoclen));

	buf = space ? SAFE_CALLOC(1, space) : NULL;
	msg.msg_control = buf;
	msg.msg_controllen = space;

	if (params->encrypt || params->decrypt) {
		op = params->encrypt ? ALG_OP_ENCRYPT : ALG_OP_DECRYPT;
		cmsg = add_cmsg(&msg, cmsg, ALG_SET_OP, &op, sizeof(op));
	}
	if (params->ivlen) {
		iv = SAFE_CALLOC(1, ivsize);
		iv->ivlen = params->ivlen;
		memcpy(iv->iv, params->iv, params->ivlen);
		cmsg = add_cmsg(&msg, cmsg, ALG_SET_IV, iv, ivsize);
		free(iv);
	}
	if (params->assoclen) {
		assoclen = params->assoclen;
		cmsg = add_cmsg(&msg, cmsg, ALG_SET_AEAD_ASSOCLEN, &assoclen,
				sizeof(assoclen));
	}

	ret = sendmsg(reqfd, &msg, params->msg_flags);
	if (ret < 0)
		tst_brk(TBROK | TERRNO, "sendmsg() to AF_ALG request socket failed");
	if ((size_t)ret != datalen)
		tst_brk(TBROK, "sendmsg() to AF_ALG request socket sent %zd of %zu bytes",
			ret, datalen);
	free(buf);
}

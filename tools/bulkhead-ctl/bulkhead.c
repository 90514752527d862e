// SPDX-License-Identifier: Apache-2.0
/*
 * bulkhead: the root zone's command-line tool. Lists the zones, starts,
 * stops and restarts them and shows their lifecycle events through the
 * hypervisor's management port (include/bulkhead/mgmt_abi.h,
 * docs/management.md). Exit status: 0 done,
 * 1 the hypervisor refused or no such zone, 2 usage, 3 the port cannot be
 * reached or answered nonsense.
 */
#include <bulkhead/mgmt_abi.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>

#include "rt.h"

#define EXIT_REFUSED 1
#define EXIT_USAGE 2
#define EXIT_IO 3
#define MAX_VPORTS 16

static const char *const role_names[] = { "root", "user", "rt" };
static const char *const state_names[] = { "stopped", "running", "stopping",
					   "crashed" };
static const char *const stop_names[] = { "none", "fault", "power-off", "reset",
					  "command" };
/* An event's kind: 0 a start, else the kind of stop. */
static const char *const event_names[] = { "started", "crashed", "powered off",
					   "reset itself", "stopped" };

/* What each MGMT_ST_* means, as the tool says it after "zone <name> ". */
static const char *const status_text[MGMT_NR_STATUS] = {
	[MGMT_ST_OK] = "ok",
	[MGMT_ST_BADFRAME] = "request not understood (protocol version?)",
	[MGMT_ST_BADOP] = "operation not supported by this hypervisor",
	[MGMT_ST_BADLEN] = "malformed request",
	[MGMT_ST_NOZONE] = "does not exist",
	[MGMT_ST_RUNNING] = "is running: stop it first",
	[MGMT_ST_STOPPED] = "is not running",
	[MGMT_ST_SELF] = "is the management zone itself",
	[MGMT_ST_NOIMAGE] =
		"cannot be started again: its images are not kept (no bulkhead,image-store)",
	[MGMT_ST_PARKED] =
		"stopped itself (crashed or powered off): its CPUs are parked",
	[MGMT_ST_FAIL] = "did not start: its first CPU failed",
};

struct opts {
	bool help;
	bool json;
	bool force;
	const char *port;
};

static const char *name_of(const char *const *names, u32 n, u32 i)
{
	return i < n ? names[i] : "?";
}

static int usage(void)
{
	err("usage: bulkhead [--json] [--port PATH] list\n"
	    "       bulkhead [--json] [--port PATH] info ZONE\n"
	    "       bulkhead [--port PATH] start|restart ZONE\n"
	    "       bulkhead [--port PATH] stop [--force] ZONE\n"
	    "       bulkhead [--json] [--port PATH] events\n"
	    "ZONE is a zone id or label.\n");
	return EXIT_USAGE;
}

/* --- the port --- */

static bool read_small(const char *path, char *buf, u32 len)
{
	int fd = rt_open(path, RT_O_RDONLY);
	long n;

	if (fd < 0)
		return false;
	n = rt_read(fd, buf, len - 1);
	rt_close(fd);
	if (n <= 0)
		return false;
	buf[n] = 0;
	if (buf[n - 1] == '\n')
		buf[n - 1] = 0;
	return true;
}

/* Without udev there is no /dev/virtio-ports link: sysfs names the port. */
static int open_port(const char *path)
{
	char name[64], sys[64];
	int fd;

	if (path)
		return rt_open(path, RT_O_RDWR);
	fd = rt_open("/dev/virtio-ports/" MGMT_PORT_NAME, RT_O_RDWR);
	for (u32 i = 0; fd < 0 && i < MAX_VPORTS; i++) {
		snprintf(sys, sizeof(sys),
			 "/sys/class/virtio-ports/vport%up0/name", i);
		if (!read_small(sys, name, sizeof(name)) ||
		    strcmp(name, MGMT_PORT_NAME))
			continue;
		snprintf(sys, sizeof(sys), "/dev/vport%up0", i);
		fd = rt_open(sys, RT_O_RDWR);
	}
	return fd;
}

/*
 * One request and its answer; returns the answer's payload length, or -1
 * after saying why. @resp holds MGMT_MAX_PAYLOAD bytes.
 */
static int transact(int fd, u8 op, const u8 *arg, u32 len, u8 *resp)
{
	static u16 seq;
	u8 frame[MGMT_HDR_LEN + 8], hdr[MGMT_HDR_LEN];
	u32 rlen;

	seq++;
	mgmt_put16(frame + MGMT_OFF_MAGIC, MGMT_MAGIC);
	frame[MGMT_OFF_VERSION] = MGMT_VERSION;
	frame[MGMT_OFF_OP] = op;
	mgmt_put16(frame + MGMT_OFF_SEQ, seq);
	mgmt_put16(frame + MGMT_OFF_LEN, (u16)len);
	memcpy(frame + MGMT_HDR_LEN, arg, len);
	if (!rt_write_all(fd, frame, MGMT_HDR_LEN + len) ||
	    !rt_read_all(fd, hdr, sizeof(hdr))) {
		err("bulkhead: the management port does not answer\n");
		return -1;
	}
	rlen = mgmt_get16(hdr + MGMT_OFF_LEN);
	if (mgmt_get16(hdr + MGMT_OFF_MAGIC) != MGMT_MAGIC ||
	    hdr[MGMT_OFF_VERSION] != MGMT_VERSION || rlen < 1 ||
	    rlen > MGMT_MAX_PAYLOAD || !rt_read_all(fd, resp, rlen) ||
	    hdr[MGMT_OFF_OP] != (op | MGMT_OP_RESP) ||
	    mgmt_get16(hdr + MGMT_OFF_SEQ) != seq) {
		err("bulkhead: the management port answered nonsense\n");
		return -1;
	}
	return (int)rlen;
}

/* --- zone records --- */

static void print_record_json(const u8 *r)
{
	out("{\"id\":%u,\"name\":\"%s\",\"role\":\"%s\",\"state\":\"%s\","
	    "\"starts\":%u,\"stops\":%u,\"crashes\":%u,\"last_stop\":\"%s\","
	    "\"cpus\":\"%#llx\",\"uptime_ticks\":%llu}",
	    r[MGMT_ZR_ID], (const char *)r + MGMT_ZR_NAME,
	    name_of(role_names, 3, r[MGMT_ZR_ROLE]),
	    name_of(state_names, 4, r[MGMT_ZR_STATE]),
	    mgmt_get32(r + MGMT_ZR_STARTS), mgmt_get32(r + MGMT_ZR_STOPS),
	    mgmt_get32(r + MGMT_ZR_CRASHES),
	    name_of(stop_names, 5, r[MGMT_ZR_LAST_STOP]),
	    (unsigned long long)mgmt_get64(r + MGMT_ZR_CPUS),
	    (unsigned long long)mgmt_get64(r + MGMT_ZR_UPTIME));
}

static void print_record_text(const u8 *r)
{
	out("%2u %-16s %-4s %-8s %6u %5u %7u\n", r[MGMT_ZR_ID],
	    (const char *)r + MGMT_ZR_NAME,
	    name_of(role_names, 3, r[MGMT_ZR_ROLE]),
	    name_of(state_names, 4, r[MGMT_ZR_STATE]),
	    mgmt_get32(r + MGMT_ZR_STARTS), mgmt_get32(r + MGMT_ZR_STOPS),
	    mgmt_get32(r + MGMT_ZR_CRASHES));
}

/* LIST; returns the number of records at @resp + 1 + MGMT_LIST_HDR. */
static int list_zones(int fd, u8 *resp)
{
	int len = transact(fd, MGMT_OP_LIST, NULL, 0, resp);
	u32 nr;

	if (len < 0)
		return -1;
	nr = len > MGMT_LIST_HDR ? resp[1] : 0;
	if (resp[0] != MGMT_ST_OK ||
	    (u32)len != 1 + MGMT_LIST_HDR + nr * MGMT_ZONE_REC_LEN) {
		err("bulkhead: the management port answered nonsense\n");
		return -1;
	}
	for (u32 i = 0; i < nr; i++) /* the names end, whatever was sent */
		resp[1 + MGMT_LIST_HDR + i * MGMT_ZONE_REC_LEN + MGMT_ZR_NAME +
		     MGMT_NAME_LEN - 1] = 0;
	return (int)nr;
}

static bool parse_id(const char *s, u32 *id)
{
	u32 v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 255)
			return false;
		v = v * 10 + (u32)(*s - '0');
	}
	*id = v;
	return v <= 255;
}

/* A zone by id or label: its id, or -EXIT_* after saying why. */
static int resolve(int fd, const char *zone, char *name, u32 name_len)
{
	u8 resp[MGMT_MAX_PAYLOAD];
	int nr = list_zones(fd, resp);
	u32 id;
	bool by_id = parse_id(zone, &id);

	for (int i = 0; i < nr; i++) {
		const u8 *r = resp + 1 + MGMT_LIST_HDR + i * MGMT_ZONE_REC_LEN;
		const char *n = (const char *)r + MGMT_ZR_NAME;

		if ((by_id && r[MGMT_ZR_ID] == id) ||
		    (!by_id && !strcmp(n, zone))) {
			snprintf(name, name_len, "%s", n);
			return r[MGMT_ZR_ID];
		}
	}
	if (nr < 0)
		return -EXIT_IO;
	err("bulkhead: no zone \"%s\" (bulkhead list shows them)\n", zone);
	return -EXIT_REFUSED;
}

/* --- commands --- */

static int cmd_list(int fd, const struct opts *o)
{
	u8 resp[MGMT_MAX_PAYLOAD];
	int nr = list_zones(fd, resp);

	if (nr < 0)
		return EXIT_IO;
	if (o->json)
		out("{\"free_pages\":%u,\"zones\":[", mgmt_get32(resp + 5));
	else
		out("ID NAME             ROLE STATE    STARTS STOPS CRASHES\n");
	for (int i = 0; i < nr; i++) {
		const u8 *r = resp + 1 + MGMT_LIST_HDR + i * MGMT_ZONE_REC_LEN;

		if (o->json) {
			out(i ? "," : "");
			print_record_json(r);
		} else {
			print_record_text(r);
		}
	}
	if (o->json)
		out("]}\n");
	else
		out("hypervisor: %u free pages\n", mgmt_get32(resp + 5));
	return 0;
}

/* The name of zone @id in a LIST answer, or "?". */
static const char *zone_name(const u8 *list, int nr, u8 id)
{
	for (int i = 0; i < nr; i++) {
		const u8 *r = list + 1 + MGMT_LIST_HDR + i * MGMT_ZONE_REC_LEN;

		if (r[MGMT_ZR_ID] == id)
			return (const char *)r + MGMT_ZR_NAME;
	}
	return "?";
}

static void print_event(const struct opts *o, const u8 *e, const char *name,
			bool first)
{
	const char *kind = name_of(event_names, 5, e[MGMT_EV_KIND]);
	const char *why = (const char *)e + MGMT_EV_REASON;

	if (o->json)
		out("%s{\"seq\":%u,\"zone\":%u,\"name\":\"%s\",\"event\":\"%s\","
		    "\"reason\":\"%s\"}",
		    first ? "" : ",", mgmt_get32(e + MGMT_EV_SEQ),
		    e[MGMT_EV_ZONE], name, kind, why);
	else
		out("%u: zone %u (%s) %s%s%s\n", mgmt_get32(e + MGMT_EV_SEQ),
		    e[MGMT_EV_ZONE], name, kind, *why ? ": " : "", why);
}

/* Every event the hypervisor still keeps, oldest first, page by page. */
static int cmd_events(int fd, const struct opts *o)
{
	u8 list[MGMT_MAX_PAYLOAD], resp[MGMT_MAX_PAYLOAD], after[4];
	int nr = list_zones(fd, list), len;
	u32 seq = 0, n, total = 0;

	if (nr < 0)
		return EXIT_IO;
	out(o->json ? "[" : "");
	do {
		mgmt_put32(after, seq);
		len = transact(fd, MGMT_OP_EVENTS, after, 4, resp);
		n = len > MGMT_LIST_HDR ? resp[1] : 0;
		if (len < 0 || resp[0] != MGMT_ST_OK || n > MGMT_MAX_EVENTS ||
		    (u32)len != 1 + MGMT_LIST_HDR + n * MGMT_EVENT_REC_LEN) {
			err("bulkhead: the management port answered nonsense\n");
			return EXIT_IO;
		}
		for (u32 i = 0; i < n; i++, total++) {
			const u8 *e = resp + 1 + MGMT_LIST_HDR +
				      i * MGMT_EVENT_REC_LEN;

			print_event(o, e, zone_name(list, nr, e[MGMT_EV_ZONE]),
				    !total);
			seq = mgmt_get32(e + MGMT_EV_SEQ);
		}
	} while (n == MGMT_MAX_EVENTS);
	out(o->json ? "]\n" : "");
	return 0;
}

static int refused(const char *name, u8 status)
{
	err("bulkhead: zone %s %s\n", name,
	    status < MGMT_NR_STATUS ? status_text[status] : "refused");
	return status == MGMT_ST_BADFRAME ? EXIT_IO : EXIT_REFUSED;
}

static int cmd_info(int fd, const struct opts *o, u8 id, const char *name)
{
	u8 resp[MGMT_MAX_PAYLOAD];
	int len = transact(fd, MGMT_OP_INFO, &id, 1, resp);
	const u8 *r = resp + 1;
	const char *reason = (const char *)r + MGMT_ZONE_REC_LEN;

	if (len < 0)
		return EXIT_IO;
	if (resp[0] != MGMT_ST_OK)
		return refused(name, resp[0]);
	if (len != 1 + MGMT_ZONE_REC_LEN + MGMT_REASON_LEN) {
		err("bulkhead: the management port answered nonsense\n");
		return EXIT_IO;
	}
	resp[MGMT_ZONE_REC_LEN + MGMT_REASON_LEN] = 0;
	resp[1 + MGMT_ZR_NAME + MGMT_NAME_LEN - 1] = 0;
	if (o->json) {
		print_record_json(r);
		out("\n");
		return 0;
	}
	out("zone %u (%s): role %s, %s, cpus %#llx\n", r[MGMT_ZR_ID],
	    (const char *)r + MGMT_ZR_NAME,
	    name_of(role_names, 3, r[MGMT_ZR_ROLE]),
	    name_of(state_names, 4, r[MGMT_ZR_STATE]),
	    (unsigned long long)mgmt_get64(r + MGMT_ZR_CPUS));
	out("  starts %u, stops %u, crashes %u, uptime %llu ticks\n",
	    mgmt_get32(r + MGMT_ZR_STARTS), mgmt_get32(r + MGMT_ZR_STOPS),
	    mgmt_get32(r + MGMT_ZR_CRASHES),
	    (unsigned long long)mgmt_get64(r + MGMT_ZR_UPTIME));
	out("  last stop: %s%s%s\n",
	    name_of(stop_names, 5, r[MGMT_ZR_LAST_STOP]), *reason ? ": " : "",
	    reason);
	return 0;
}

static int cmd_action(int fd, const struct opts *o, const char *verb, u8 id,
		      const char *name)
{
	u8 resp[MGMT_MAX_PAYLOAD],
		arg[2] = { id, o->force ? MGMT_STOP_FORCE : 0 };
	u8 op = !strcmp(verb, "start") ? MGMT_OP_START :
		!strcmp(verb, "stop")  ? MGMT_OP_STOP :
					 MGMT_OP_RESTART;
	int len = transact(fd, op, arg, op == MGMT_OP_STOP ? 2 : 1, resp);

	if (len < 0)
		return EXIT_IO;
	if (resp[0] != MGMT_ST_OK)
		return refused(name, resp[0]);
	out("%s: %s\n", name,
	    op == MGMT_OP_START ? "started" :
	    op == MGMT_OP_STOP	? "stopped" :
				  "restarted");
	return 0;
}

static bool is_action(const char *cmd)
{
	return !strcmp(cmd, "start") || !strcmp(cmd, "stop") ||
	       !strcmp(cmd, "restart");
}

/* Options anywhere; returns the operands left in @args (at most 2). */
static int parse_args(int argc, char **argv, struct opts *o, char **args)
{
	int n = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			o->json = true;
		else if (!strcmp(argv[i], "--force") || !strcmp(argv[i], "-f"))
			o->force = true;
		else if (!strcmp(argv[i], "--port") && i + 1 < argc)
			o->port = argv[++i];
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			o->help = true;
		else if (argv[i][0] == '-' || n == 2)
			return -1;
		else
			args[n++] = argv[i];
	}
	return n;
}

static int run(const struct opts *o, int n, char **args)
{
	char name[MGMT_NAME_LEN];
	int fd = open_port(o->port);
	int id;

	if (fd < 0) {
		err("bulkhead: no management port (%s): is this the root zone, and is virtio_console loaded?\n",
		    o->port ? o->port : "/dev/virtio-ports/" MGMT_PORT_NAME);
		return EXIT_IO;
	}
	if (!strcmp(args[0], "list"))
		return n == 1 ? cmd_list(fd, o) : usage();
	if (!strcmp(args[0], "events"))
		return n == 1 ? cmd_events(fd, o) : usage();
	if (n != 2 || (strcmp(args[0], "info") && !is_action(args[0])))
		return usage();
	id = resolve(fd, args[1], name, sizeof(name));
	if (id < 0)
		return -id;
	if (!strcmp(args[0], "info"))
		return cmd_info(fd, o, (u8)id, name);
	return cmd_action(fd, o, args[0], (u8)id, name);
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	char *args[2];
	int n = parse_args(argc, argv, &o, args);

	if (n >= 0 && (o.help || (n == 1 && !strcmp(args[0], "help")))) {
		usage();
		return 0;
	}
	if (n < 1)
		return usage();
	return run(&o, n, args);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * exitstat's unit tests, without KVM: recorded CPUID answers (tests/NAME.regs,
 * replayed in the order exitstat asks, which is checked too) in; the
 * detection, the arithmetic and the exact text out (tests/NAME.*.expected).
 *
 *   unit DIR          run every test, TAP output; DIR holds the fixtures
 *   unit --reasons    print the reasons table as exit-leaves.rst has it
 *   unit --svm-reasons  the reasons' SVM names, for the same check
 *   unit --update DIR rewrite the .expected files from the current output
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
/* exitstat.h must not clash with it: it had a struct stat of its own. */
#include <sys/stat.h>

#include "../exitstat.h"

#define MAX_REGS	1024

static struct {
	uint32_t leaf, subleaf;
	struct regs r;
} rec[MAX_REGS];
static unsigned int nr_rec, next_rec;
static bool replay_failed;
static int failures, tests;
static const char *dir;
static bool update;

static void load(const char *name)
{
	char path[512], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(1);
	}
	nr_rec = next_rec = 0;
	replay_failed = false;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (nr_rec == MAX_REGS ||
		    sscanf(line, "%" SCNx32 " %" SCNx32 " %" SCNx32 " %" SCNx32
			   " %" SCNx32 " %" SCNx32, &rec[nr_rec].leaf,
			   &rec[nr_rec].subleaf, &rec[nr_rec].r.eax,
			   &rec[nr_rec].r.ebx, &rec[nr_rec].r.ecx,
			   &rec[nr_rec].r.edx) != 6) {
			fprintf(stderr, "%s: bad line: %s", path, line);
			exit(1);
		}
		nr_rec++;
	}
	fclose(f);
}

/* The recorded answers, in order: a query out of order fails the test. */
static struct regs replay(uint32_t leaf, uint32_t subleaf)
{
	if (next_rec == nr_rec || rec[next_rec].leaf != leaf ||
	    rec[next_rec].subleaf != subleaf) {
		if (!replay_failed)
			printf("# query %u: asked 0x%" PRIx32 "/%" PRIu32
			       ", recorded %s\n", next_rec, leaf, subleaf,
			       next_rec == nr_rec ? "nothing more" : "another");
		replay_failed = true;
		return (struct regs){ 0, 0, 0, 0 };
	}
	return rec[next_rec++].r;
}

static void result(bool ok, const char *what)
{
	tests++;
	if (!ok)
		failures++;
	printf("%sok %d %s\n", ok ? "" : "not ", tests, what);
}

static char *read_file(const char *name)
{
	char path[512], *buf = NULL;
	size_t len = 0;
	FILE *f, *m;
	int c;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return strdup("");
	m = open_memstream(&buf, &len);
	while ((c = fgetc(f)) != EOF)
		fputc(c, m);
	fclose(m);
	fclose(f);
	return buf;
}

/* Compare OUT with DIR/NAME, or write it there with --update. */
static void expect_text(const char *name, const char *out)
{
	char *want;

	if (update) {
		char path[512];
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, name);
		f = fopen(path, "w");
		fputs(out, f);
		fclose(f);
	}
	want = read_file(name);
	if (strcmp(want, out))
		printf("# %s differs; got:\n%s%s", name, out,
		       *out && out[strlen(out) - 1] == '\n' ? "" : "\n");
	result(!strcmp(want, out), name);
	free(want);
}

/*
 * The table, JSON, --all and --sort=cycles views of one recorded snapshot
 * of a HOST, whose names they show, and the table with OTHER's names.
 */
static void test_views(const char *regs, const char *base, enum vendor host,
		       enum vendor other)
{
	enum { TABLE, JSON, CSV };
	const struct {
		const char *suffix;
		int format;
		bool all;
		enum sort sort;
		enum vendor names;
		const char *filter;
		bool self;
	} views[] = {
		{ "table", TABLE, false, SORT_COUNT, VENDOR_OTHER, NULL, false },
		{ "all", TABLE, true, SORT_COUNT, VENDOR_OTHER, NULL, false },
		{ "cycles", TABLE, false, SORT_CYCLES, VENDOR_OTHER, NULL, false },
		{ "json", JSON, false, SORT_COUNT, VENDOR_OTHER, NULL, false },
		{ "names", TABLE, false, SORT_COUNT, other, NULL, false },
		{ "filter", TABLE, false, SORT_COUNT, VENDOR_OTHER, "msr|hlt", false },
		{ "self", TABLE, false, SORT_COUNT, VENDOR_OTHER, NULL, true },
		{ "self-json", JSON, false, SORT_COUNT, VENDOR_OTHER, NULL, true },
		{ "csv", CSV, false, SORT_COUNT, VENDOR_OTHER, NULL, false },
		{ "filter-csv", CSV, false, SORT_COUNT, VENDOR_OTHER, "msr|hlt", false },
	};
	unsigned int i;

	for (i = 0; i < sizeof(views) / sizeof(views[0]); i++) {
		struct view v = { .all = views[i].all, .sort = views[i].sort,
				  .names = views[i].names,
				  .filtered = views[i].filter };
		char name[256], sig[13], *out = NULL;
		struct snapshot s;
		size_t len = 0;
		uint32_t edx;
		FILE *m;

		if (v.filtered)
			filter_reasons(views[i].filter, v.pick, name, sizeof(name));
		load(regs);
		m = open_memstream(&out, &len);
		if (detect(replay, sig, &edx) != DETECT_OK)
			fprintf(m, "detect failed\n");
		v.vendor = cpu_vendor(replay);
		take_snapshot(replay, &s);
		/* As main.c: the queries before it are exitstat's too. */
		s.own_cpuid += nr_rec - s.queries;
		s.own_total += nr_rec - s.queries;
		if (views[i].self)
			exclude_self(&s);
		s.time = 100;
		s.stamp = 1796688000;
		if (views[i].format == CSV) {
			print_csv_header(m, &v);
			print_csv(m, &s, &v);
		} else if (views[i].format == JSON) {
			print_json(m, &s, &v);
		} else {
			print_table(m, &s, &v, NULL);
		}
		fclose(m);
		snprintf(name, sizeof(name), "%s asks exactly what %s recorded",
			 base, regs);
		result(!replay_failed && next_rec == nr_rec, name);
		if (!i) {
			snprintf(name, sizeof(name), "%s: the host is %s",
				 base, vendor_name(host));
			result(host_vendor(&s) == host, name);
		}
		snprintf(name, sizeof(name), "%s.%s.expected", base,
			 views[i].suffix);
		expect_text(name, out);
		free(out);
	}
}

static void test_detect(const char *regs, enum detect want, const char *what)
{
	char sig[13];
	uint32_t edx;

	load(regs);
	result(detect(replay, sig, &edx) == want && !replay_failed, what);
}

static void set(struct snapshot *s, unsigned int r, uint64_t count,
		uint64_t cycles)
{
	s->defined[r] = true;
	s->handled[r] = true;
	s->reason[r] = (struct tally){ count, cycles };
}

/*
 * A reason's count is 63 bits wide (EDX[30:0]:EAX) and does not wrap; the
 * totals' is the low 32 bits of a 64-bit counter: its differences wrap.
 */
static void test_wrap(void)
{
	struct snapshot a = { .time = 10 }, b = { .time = 12 }, d;
	char *out = NULL;
	size_t len = 0;
	FILE *m;

	set(&a, 30, 0xFFFFFF00u, 1000);
	set(&b, 30, 0x100000100u, 5000);
	set(&a, 10, 0xFFFFFFFFu, 7000);
	set(&b, 10, 0x100000080u, 9000);
	a.total = (struct tally){ (uint32_t)(0xFFFFFF00u + 0xFFFFFFFFu + 1), 8000 };
	b.total = (struct tally){ (uint32_t)(0x100000100u + 0x100000080u + 1 + 3),
				 14500 };
	/* Read last, reason 10 holds all queries but the totals' own. */
	a.own_cpuid = 128;
	a.own_total = 129;
	b.own_cpuid = 128 + 129;
	b.own_total = 129 + 129;
	snapshot_delta(&b, &a, &d);
	result(d.reason[30].count == 0x200 && d.reason[10].count == 0x81,
	       "per-reason deltas cross 2^32 without wrapping");
	result(d.total.count == 0x200 + 0x81 + 3,
	       "total delta wraps modulo 2^32");
	result(totals_only(&d).count == 3 && totals_only(&a).count == 0,
	       "only-in-totals: the totals query counts in a snapshot, not in a delta");
	result(d.time == 2 && d.delta, "delta time and flag");

	/* A sample's "time" is when it was taken; "interval", its length. */
	static const char want_json[] =
		"{\"time\":1796688002.500,\"interval\":2.000,\"delta\":true,";

	a.stamp = 1796688000;
	b.stamp = 1796688002.5;
	snapshot_delta(&b, &a, &d);
	m = open_memstream(&out, &len);
	print_json(m, &d, &(struct view){ .sort = SORT_COUNT });
	fclose(m);
	result(!strncmp(out, want_json, strlen(want_json)),
	       "interval JSON: the sample's wall-clock time, then the interval's length");
	free(out);
	out = NULL;

	/* CSV: the same two, then the totals; the reasons in order. */
	static const char want_csv[] = "1796688002.500,2.000,644,6500,3,500,,,";

	m = open_memstream(&out, &len);
	print_csv(m, &d, &(struct view){ .sort = SORT_COUNT });
	fclose(m);
	result(!strncmp(out, want_csv, strlen(want_csv)) &&
	       strstr(out, ",129,2000,") && strstr(out, ",512,4000,"),
	       "interval CSV: time, interval, totals, then each reason");
	free(out);
	out = NULL;

	m = open_memstream(&out, &len);
	print_interval_line(m, &d, 2);
	fclose(m);
	expect_text("wrap.interval.expected", out);
	free(out);
}

/* A frame of the live view into NAME.expected. */
static void expect_top(const char *name, const struct snapshot *s,
		       const struct snapshot *d, const struct view *v,
		       const struct screen *scr)
{
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);

	print_top(m, s, d, v, scr);
	fclose(m);
	expect_text(name, out);
	free(out);
}

/*
 * The live view of intel-idle.regs, with an interval made up of it: each
 * reason had fewer exits two seconds before. Sorted by rate, by total;
 * before the first interval; on a terminal of 8 lines; on AMD.
 */
static void test_top(void)
{
	struct view v = { .sort = SORT_RATE };
	struct snapshot then, now, d;
	char sig[13];
	uint32_t edx;
	unsigned int r;

	load("intel-idle.regs");
	detect(replay, sig, &edx);
	cpu_vendor(replay);
	take_snapshot(replay, &now);
	now.time = 102;
	now.stamp = 1796688002;
	then = now;
	then.time = 100;
	for (r = 0; r <= MAX_REASON; r++) {
		then.reason[r].count -= then.reason[r].count * (r % 7) / 100;
		then.reason[r].cycles -= then.reason[r].cycles * (r % 7) / 90;
	}
	then.total.count -= 2000;
	then.total.cycles -= 20000000;
	snapshot_delta(&now, &then, &d);

	expect_top("intel-idle.top.expected", &now, &d, &v, &(struct screen){ 0 });
	v.sort = next_sort(v.sort);
	result(v.sort == SORT_COUNT && next_sort(SORT_CYCLES) == SORT_RATE,
	       "the live view's 'o' goes from rate to total to cycles to rate");
	expect_top("intel-idle.top-first.expected", &now, NULL, &v,
		   &(struct screen){ 0 });
	expect_top("intel-idle.top-tty.expected", &now, &d, &v,
		   &(struct screen){ .tty = true, .keys = true, .lines = 8 });
	v.names = VENDOR_AMD;
	v.filtered = true;
	filter_reasons("npf", v.pick, sig, sizeof(sig));
	expect_top("intel-idle.top-npf.expected", &now, &d, &v,
		   &(struct screen){ 0 });
}

/*
 * --exclude-self on a difference: exactly the queries of the second
 * snapshot (129) come off reason 10 and the totals, with 129 times the
 * mean cycles of its CPUID exits; what only the totals count stays.
 */
static void test_exclude(void)
{
	struct snapshot a = { .time = 10 }, b = { .time = 11 }, d;
	struct tally only;

	set(&a, 10, 1000, 100000);
	set(&b, 10, 1000 + 129 + 3, 100000 + 132 * 200);
	set(&a, 30, 50, 9000);
	set(&b, 30, 60, 11000);
	a.total = (struct tally){ 1000 + 50 + 1 + 4, 200000 };
	b.total = (struct tally){ 1132 + 60 + 1 + 6, 230000 };
	a.own_cpuid = 130;
	a.own_total = 131;
	b.own_cpuid = 130 + 129;
	b.own_total = 131 + 129;
	snapshot_delta(&b, &a, &d);
	only = totals_only(&d);
	exclude_self(&d);
	result(d.reason[10].count == 3 && d.reason[10].cycles == 3 * 200 &&
	       d.total.count == 132 + 10 + 2 - 129 &&
	       d.total.cycles == 30000 - 129 * 200,
	       "--exclude-self takes an interval's 129 CPUIDs, mean cycles");
	result(totals_only(&d).count == only.count && only.count == 2 &&
	       d.excluded.cpuid == 129 && d.excluded.total == 129,
	       "--exclude-self leaves what only the totals count");
	exclude_self(&a);
	result(a.reason[10].count == 870 && a.total.count == 1055 - 131 &&
	       totals_only(&a).count == 4,
	       "--exclude-self on a snapshot: its queries and those before");
}

/*
 * A snapshot reads its leaves one after the other: exits that come in
 * between (an interrupt, another vCPU) can put a few more exits in the
 * reasons of a difference than in its totals. Nothing may wrap below 0.
 */
static void test_skew(void)
{
	struct snapshot a = { .time = 10 }, b = { .time = 12 }, d;
	char *out = NULL;
	size_t len = 0;
	FILE *m;

	set(&a, 30, 100, 1000);
	set(&b, 30, 200, 3000);
	set(&a, 10, 129, 7000);
	set(&b, 10, 258, 9000);
	set(&b, 7, 4, 400);
	a.total = (struct tally){ 100 + 129 + 1, 8000 };
	b.total = (struct tally){ 200 + 258 - 1, 12000 };
	snapshot_delta(&b, &a, &d);
	result(totals_only(&d).count == 0,
	       "only-in-totals of a difference is 0 when its reasons hold more");
	m = open_memstream(&out, &len);
	print_interval_line(m, &d, 2);
	fclose(m);
	expect_text("skew.interval.expected", out);
	free(out);
}

/* --reason N: a count of 2^32 or more (EDX[30:0]:EAX), then an unhandled one. */
static void test_reason(void)
{
	char *out = NULL;
	size_t len = 0;
	FILE *m;

	load("reason.regs");
	m = open_memstream(&out, &len);
	print_reason(m, replay, 1);
	print_reason(m, replay, 3);
	print_reason(m, replay, 200);
	fclose(m);
	result(!replay_failed && next_rec == nr_rec,
	       "--reason asks exactly what reason.regs recorded");
	expect_text("reason.expected", out);
	free(out);
}

/* The SDM's names, or with SVM the SVM exits' names, as doc-table.sh wants. */
/* The reasons PATTERN selects, as "12 48 49", or "error"; and its count. */
static void expect_filter(const char *pattern, const char *want)
{
	bool pick[MAX_REASON + 1] = { false };
	char got[512] = "", err[128], name[256];
	int n = filter_reasons(pattern, pick, err, sizeof(err)), picked = 0;
	unsigned int r;

	for (r = 0; r <= MAX_REASON; r++) {
		if (!pick[r])
			continue;
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%u",
			 picked++ ? " " : "", r);
	}
	if (n < 0)
		snprintf(got, sizeof(got), "error");
	if (strcmp(got, want))
		printf("# got: %s\n", got);
	snprintf(name, sizeof(name), "--filter '%s' selects %s", pattern,
		 *want ? want : "nothing");
	result(!strcmp(got, want) && (n < 0 || n == picked), name);
}

/*
 * --filter: a number is that reason; anything else a regular expression,
 * ignoring case, on either name (SDM or SVM); a bad one is an error.
 */
static void test_filter(void)
{
	expect_filter("hlt", "12");
	expect_filter("HLT|cpuid", "10 12");
	expect_filter("npf", "48 49");
	expect_filter("ept", "0 48 49 50");	/* excEPTion */
	expect_filter("48", "48");
	expect_filter("vmmcall", "18");
	expect_filter("^rdmsr", "31 78 84");
	expect_filter("200", "");
	expect_filter("(", "error");
}

static void print_reasons(bool svm)
{
	unsigned int i;

	for (i = 0; i <= MAX_REASON; i++) {
		const char *name = svm ? reasons[i].svm : reasons[i].name;

		if (name)
			printf("%u\t%s\n", i, name);
	}
}

int main(int argc, char **argv)
{
	if (argc == 2 && (!strcmp(argv[1], "--reasons") ||
			  !strcmp(argv[1], "--svm-reasons"))) {
		print_reasons(argv[1][2] == 's');
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "--update")) {
		update = true;
		dir = argv[2];
	} else if (argc == 2) {
		dir = argv[1];
	} else {
		fprintf(stderr, "usage: unit [--update] DIR | unit --[svm-]reasons\n");
		return 1;
	}

	/* The live view's clock, the same wherever the tests run. */
	setenv("TZ", "UTC", 1);
	printf("TAP version 13\n");
	test_detect("no-hypervisor.regs", DETECT_NO_HYPERVISOR,
		    "no hypervisor bit: not under a hypervisor");
	test_detect("hyperv.regs", DETECT_NOT_KVM,
		    "another hypervisor's signature: not KVM");
	test_detect("hyperv-kvm.regs", DETECT_LEAVES_OFF,
		    "KVM at 0x40000100 behind Hyper-V, leaves off: off");
	test_detect("hidden.regs", DETECT_OK,
		    "KVM's signature hidden, leaves on: the signature is enough");
	test_detect("off-intel.regs", DETECT_LEAVES_OFF,
		    "KVM, leaves off, Intel guest (topology in the leaf): off");
	test_detect("off-amd.regs", DETECT_LEAVES_OFF,
		    "KVM, leaves off, AMD guest (zeros): off");
	test_views("intel-idle.regs", "intel-idle", VENDOR_INTEL, VENDOR_AMD);
	test_views("amd-idle.regs", "amd-idle", VENDOR_AMD, VENDOR_INTEL);
	test_reason();
	test_filter();
	test_exclude();
	test_top();
	test_wrap();
	test_skew();
	printf("1..%d\n", tests);
	return failures ? 1 : 0;
}

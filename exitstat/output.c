// SPDX-License-Identifier: GPL-2.0
/*
 * What exitstat prints: the table, the interval lines, JSON, CSV and the
 * raw registers of one reason. Everything goes to a FILE so that the unit
 * tests compare it with expected text.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "exitstat.h"

#define BAR_WIDTH	20

const char *vendor_name(enum vendor v)
{
	switch (v) {
	case VENDOR_INTEL:
		return "Intel";
	case VENDOR_AMD:
		return "AMD";
	default:
		return "unknown";
	}
}

/* Whose names a view of S shows: those the user asked for, or the host's. */
enum vendor names_of(const struct view *v, const struct snapshot *s)
{
	return v->names == VENDOR_OTHER ? host_vendor(s) : v->names;
}

static uint64_t avg(uint64_t cycles, uint64_t count)
{
	return count ? cycles / count : 0;
}

static uint64_t key_of(const struct tally *t, enum sort sort)
{
	return sort == SORT_CYCLES ? t->cycles : t->count;
}

/* A row of a view: sorted by key, then by then, largest first. */
struct row {
	unsigned int reason;
	uint64_t key, then;
};

static int cmp_rows(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;
	if (x->then != y->then)
		return x->then < y->then ? 1 : -1;
	/* Ties in reason order, so that the output is stable. */
	return x->reason < y->reason ? -1 : 1;
}

/*
 * The reasons that V shows of S, in its order: those with exits (in S or
 * in D, the last interval, if any), or all with --all; of those, the ones
 * --filter selects. By rate, they are sorted by their exits in D, then by
 * their count.
 */
unsigned int rows(const struct snapshot *s, const struct snapshot *d,
		  const struct view *v, unsigned int *row)
{
	struct row r[MAX_REASON + 1];
	unsigned int i, n = 0;

	for (i = 0; i <= MAX_REASON; i++) {
		const struct tally *t = &s->reason[i];
		uint64_t recent = d ? d->reason[i].count : 0;

		if (!s->defined[i] || (v->filtered && !v->pick[i]))
			continue;
		if (!t->count && !t->cycles && !recent && !v->all)
			continue;
		r[n].reason = i;
		r[n].key = v->sort == SORT_RATE ? recent : key_of(t, v->sort);
		r[n].then = v->sort == SORT_RATE ? t->count : 0;
		n++;
	}
	qsort(r, n, sizeof(*r), cmp_rows);
	for (i = 0; i < n; i++)
		row[i] = r[i].reason;
	return n;
}

/*
 * Two spaces and a bar of '#', padded to its full width only if PAD (a
 * mark follows): no line ends in blanks.
 */
static void bar(FILE *f, double share, bool pad)
{
	int i, n = (int)(share * BAR_WIDTH + 0.5);

	if (n || pad)
		fputs("  ", f);
	for (i = 0; i < (pad ? BAR_WIDTH : n); i++)
		fputc(i < n ? '#' : ' ', f);
}

/* One reason's line: its share of KEY_TOTAL, and a bar. */
static void table_row(FILE *f, const struct snapshot *s, const struct view *v,
		      unsigned int r, uint64_t key_total)
{
	const struct tally *t = &s->reason[r];
	double share = key_total ? (double)key_of(t, v->sort) / key_total : 0;
	bool mark = v->all && !s->handled[r];

	fprintf(f, "%6u  %-34s %12" PRIu64 " %16" PRIu64 " %10" PRIu64
		" %5.1f%%", r, reason_name(r, names_of(v, s)), t->count,
		t->cycles, avg(t->cycles, t->count), 100 * share);
	bar(f, share, mark);
	if (mark)
		fprintf(f, " not handled by this host's KVM");
	fputc('\n', f);
}

/* A line of sums under the reasons; the cycles per exit if AVG. */
static void sum_line(FILE *f, const char *what, struct tally t, bool with_avg)
{
	fprintf(f, "%6s  %-34s %12" PRIu64 " %16" PRIu64, "", what, t.count,
		t.cycles);
	if (with_avg)
		fprintf(f, " %10" PRIu64, avg(t.cycles, t.count));
	fputc('\n', f);
}

void print_table(FILE *f, const struct snapshot *s, const struct view *v,
		 const char *title)
{
	struct tally sum = sum_reasons(s), shown = { 0, 0 };
	unsigned int row[MAX_REASON + 1], n, i;

	if (title)
		fprintf(f, "%s\n", title);
	fprintf(f, "%6s  %-34s %12s %16s %10s %6s  %s\n", "reason", "name",
		"exits", "cycles", "cyc/exit", "share",
		v->sort == SORT_CYCLES ? "cycles" : "exits");
	n = rows(s, NULL, v, row);
	for (i = 0; i < n; i++) {
		table_row(f, s, v, row[i], key_of(&sum, v->sort));
		shown.count += s->reason[row[i]].count;
		shown.cycles += s->reason[row[i]].cycles;
	}
	if (v->filtered)
		sum_line(f, "the reasons above", shown, true);
	sum_line(f, "all reasons", sum, true);
	sum_line(f, "totals (0x4FFFFFFF)", s->total, true);
	sum_line(f, "only in the totals", totals_only(s), false);
	fprintf(f, "%s: %u CPUID queries, counted under reason 10\n",
		s->delta ? "each sample makes" : "this snapshot made",
		s->queries);
	if (s->excluded.done)
		fprintf(f, "left out: exitstat's own %lu CPUIDs from reason 10, "
			"%lu from the totals, ~%" PRIu64 " cycles\n",
			s->excluded.cpuid, s->excluded.total,
			s->excluded.cycles);
}

void print_interval_header(FILE *f)
{
	fprintf(f, "%8s %10s %9s %8s %8s %8s %8s %8s %8s %8s %8s\n",
		"seconds", "exits/s", "cyc/exit", "extint", "hlt", "cpuid",
		"io", "msr", "ept-v", "ept-m", "other");
}

/*
 * One line of differences, like vmstat: rates over the interval. "other"
 * is the exits of the other reasons plus those only in the totals.
 */
void print_interval_line(FILE *f, const struct snapshot *d, double elapsed)
{
	static const unsigned int cols[][2] = {
		{ 1, 1 }, { 12, 12 }, { 10, 10 }, { 30, 30 }, { 31, 32 },
		{ 48, 48 }, { 49, 49 },
	};
	uint64_t shown = 0;
	unsigned int i, r;

	fprintf(f, "%8.1f %10.0f %9" PRIu64, elapsed,
		d->time > 0 ? d->total.count / d->time : 0.0,
		avg(d->total.cycles, d->total.count));
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		uint64_t c = 0;

		for (r = cols[i][0]; r <= cols[i][1]; r++)
			c += d->reason[r].count;
		shown += c;
		fprintf(f, " %8" PRIu64, c);
	}
	fprintf(f, " %8" PRIu64 "\n", sum_reasons(d).count - shown +
		totals_only(d).count);
}

static void json_tally(FILE *f, const struct tally *st)
{
	fprintf(f, "\"count\":%" PRIu64 ",\"cycles\":%" PRIu64, st->count,
		st->cycles);
}

void print_json(FILE *f, const struct snapshot *s, const struct view *v)
{
	struct tally only = totals_only(s);
	enum vendor names = names_of(v, s);
	unsigned int row[MAX_REASON + 1], n, i;

	/* When it was taken (a delta: its end), and how long a delta is. */
	fprintf(f, "{\"time\":%.3f,", s->stamp);
	if (s->delta)
		fprintf(f, "\"interval\":%.3f,", s->time);
	fprintf(f, "\"delta\":%s,\"vendor\":\"%s\",\"names\":\"%s\","
		"\"queries\":%u,", s->delta ? "true" : "false",
		vendor_name(v->vendor), vendor_name(names), s->queries);
	fprintf(f, "\"total\":{");
	json_tally(f, &s->total);
	fprintf(f, "},\"only_in_totals\":{");
	json_tally(f, &only);
	if (s->excluded.done)
		fprintf(f, "},\"excluded\":{\"cpuid\":%lu,\"total\":%lu,"
			"\"cycles\":%" PRIu64, s->excluded.cpuid,
			s->excluded.total, s->excluded.cycles);
	fprintf(f, "},\"reasons\":[");
	n = rows(s, NULL, v, row);
	for (i = 0; i < n; i++) {
		fprintf(f, "%s{\"reason\":%u,\"name\":\"%s\",", i ? "," : "",
			row[i], reason_name(row[i], names));
		json_tally(f, &s->reason[row[i]]);
		fprintf(f, ",\"handled\":%s}",
			s->handled[row[i]] ? "true" : "false");
	}
	fprintf(f, "]}\n");
}

/*
 * CSV: one line per sample, one column per figure, the same columns
 * whatever the host: every reason of this tool's table that --filter
 * selects, in their order, as rN_count and rN_cycles.
 */
static bool csv_column(const struct view *v, unsigned int r)
{
	return reasons[r].name && (!v->filtered || v->pick[r]);
}

void print_csv_header(FILE *f, const struct view *v)
{
	unsigned int r;

	fprintf(f, "time,interval,total_count,total_cycles,"
		"only_in_totals_count,only_in_totals_cycles");
	for (r = 0; r <= MAX_REASON; r++) {
		if (csv_column(v, r))
			fprintf(f, ",r%u_count,r%u_cycles", r, r);
	}
	fputc('\n', f);
}

/* A reason that this host's KVM does not report is two empty cells. */
void print_csv(FILE *f, const struct snapshot *s, const struct view *v)
{
	struct tally only = totals_only(s);
	unsigned int r;

	fprintf(f, "%.3f,", s->stamp);
	if (s->delta)
		fprintf(f, "%.3f", s->time);
	fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64,
		s->total.count, s->total.cycles, only.count, only.cycles);
	for (r = 0; r <= MAX_REASON; r++) {
		if (!csv_column(v, r))
			continue;
		if (s->handled[r])
			fprintf(f, ",%" PRIu64 ",%" PRIu64, s->reason[r].count,
				s->reason[r].cycles);
		else
			fputs(",,", f);
	}
	fputc('\n', f);
}

static void print_regs(FILE *f, uint32_t leaf, uint32_t subleaf, struct regs r)
{
	fprintf(f, "CPUID 0x%08" PRIX32 " ECX=%-5" PRIu32 ": EAX=0x%08" PRIX32
		" EBX=0x%08" PRIX32 " ECX=0x%08" PRIX32 " EDX=0x%08" PRIX32 "\n",
		leaf, subleaf, r.eax, r.ebx, r.ecx, r.edx);
}

/* "reason N (SDM name; SVM: its SVM exits)", the latter where they differ. */
static void reason_label(FILE *f, unsigned int reason)
{
	const char *sdm = reason_name(reason, VENDOR_INTEL);
	const char *svm = reason_name(reason, VENDOR_AMD);

	fprintf(f, "reason %u (%s", reason, sdm);
	if (strcmp(sdm, svm))
		fprintf(f, "; SVM: %s", svm);
	fputc(')', f);
}

void print_reason(FILE *f, cpuid_fn cpuid, unsigned int reason)
{
	struct regs r = cpuid(LEAF_REASON, reason);
	struct regs alias = cpuid(LEAF_REASON_ALIAS, reason);
	struct tally t = tally_of(r, true);

	print_regs(f, LEAF_REASON, reason, r);
	print_regs(f, LEAF_REASON_ALIAS, reason, alias);
	if (r.edx == UNDEFINED_EDX) {
		fprintf(f, "reason %u: not a basic exit reason this host's KVM "
			"knows (EDX=0xFFFFFFFF)\n", reason);
		return;
	}
	reason_label(f, reason);
	if (!(r.edx & HANDLED_EDX)) {
		fprintf(f, ": not handled by this host's KVM (EDX bit 31 clear)\n");
		return;
	}
	fprintf(f, ": %" PRIu64 " exits (EDX[30:0]:EAX), %" PRIu64 " cycles "
		"(EBX:ECX), %" PRIu64 " cycles/exit\n", t.count, t.cycles,
		avg(t.cycles, t.count));
	if (reason == R_CPUID)
		fprintf(f, "the count includes the first query above, "
			"the second query is not in it\n");
}

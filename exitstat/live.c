// SPDX-License-Identifier: GPL-2.0
/*
 * The live view, like kvm_stat's: per reason, the exits since the VM was
 * created and the exits per second of the last interval, side by side.
 * One frame at a time to a FILE; main.c refreshes it in place on a
 * terminal, where a key changes the order.
 */
#include <inttypes.h>
#include <time.h>

#include "exitstat.h"

static const char *const sort_names[NR_SORTS] = {
	[SORT_COUNT] = "total", [SORT_CYCLES] = "cycles", [SORT_RATE] = "rate",
};

/* What the 'o' key changes the order to: rate, total, cycles, rate... */
enum sort next_sort(enum sort sort)
{
	return (sort + 1) % NR_SORTS;
}

/* On a terminal, a line also clears what an earlier frame left on it. */
static void eol(FILE *f, const struct screen *scr)
{
	if (scr->tty)
		fputs("\033[K", f);
	fputc('\n', f);
}

static void top_title(FILE *f, const struct snapshot *s,
		      const struct snapshot *d, const struct view *v,
		      const struct screen *scr)
{
	time_t t = (time_t)s->stamp;
	char hms[16];
	struct tm tm;

	strftime(hms, sizeof(hms), "%H:%M:%S", localtime_r(&t, &tm));
	fprintf(f, "exitstat %s  %" PRIu64 " exits", hms, s->total.count);
	if (d && d->time > 0)
		fprintf(f, ", %.1f/s", d->total.count / d->time);
	fprintf(f, "  by %s  %s names", sort_names[v->sort],
		vendor_name(names_of(v, s)));
	if (v->exclude_self)
		fputs("  own CPUIDs left out", f);
	if (scr->keys)
		fputs("  (o: order, q: quit)", f);
	eol(f, scr);
	fprintf(f, "%6s %-30s %12s %6s %10s %9s", "reason", "name", "total",
		"%total", "exits/s", "cyc/exit");
	eol(f, scr);
}

/* One reason: its total and share, then the last interval's rate. */
static void top_row(FILE *f, const struct snapshot *s,
		    const struct snapshot *d, const struct view *v,
		    unsigned int r, uint64_t all)
{
	const struct tally *t = &s->reason[r];

	fprintf(f, "%6u %-30.30s %12" PRIu64 " %5.1f%%", r,
		reason_name(r, names_of(v, s)), t->count,
		all ? 100.0 * t->count / all : 0.0);
	if (!d || d->time <= 0)
		fprintf(f, " %10s %9s", "-", "-");
	else if (!d->reason[r].count)
		fprintf(f, " %10.1f %9s", 0.0, "-");
	else
		fprintf(f, " %10.1f %9" PRIu64, d->reason[r].count / d->time,
			d->reason[r].cycles / d->reason[r].count);
}

/*
 * A frame of the live view of S; D is the last interval, NULL before the
 * first. On a terminal it starts at the top left and clears what is
 * below it, and it stops at the screen's last line.
 */
void print_top(FILE *f, const struct snapshot *s, const struct snapshot *d,
	       const struct view *v, const struct screen *scr)
{
	unsigned int row[MAX_REASON + 1], n, i, lines = 2;
	uint64_t all = sum_reasons(s).count;

	if (scr->tty)
		fputs("\033[H", f);
	top_title(f, s, d, v, scr);
	n = rows(s, d, v, row);
	for (i = 0; i < n && (!scr->lines || ++lines < scr->lines); i++) {
		top_row(f, s, d, v, row[i], all);
		eol(f, scr);
	}
	if (scr->tty)
		fputs("\033[J", f);
}

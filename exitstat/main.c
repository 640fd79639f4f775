// SPDX-License-Identifier: GPL-2.0
/*
 * exitstat: show the VM-exits that KVM counted for this VM, per SDM basic
 * exit reason, from the CPUID leaves 0x4FFFFFFC-0x4FFFFFFF.
 */
#include <cpuid.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "exitstat.h"

static const char usage[] =
"Usage: exitstat [-a|--all] [-s|--sort=count|cycles] [-n|--names=NAMES]\n"
"                [-f|--filter=PATTERN]... [-x|--exclude-self] [-j|--json]\n"
"       exitstat -C|--csv [-f PATTERN]... [-x]\n"
"       exitstat -i|--interval SECONDS [-c|--count N] [-x]\n"
"                [-j|--json [-a] [-s KEY] [-n NAMES] [-f PATTERN]...]\n"
"                [-C|--csv [-f PATTERN]...]\n"
"       exitstat -t|--top [-i SECONDS] [-c N] [-a] [-s KEY] [-n NAMES]\n"
"                [-f PATTERN]... [-x]\n"
"       exitstat -1|--once [-i SECONDS] [-a] [-s KEY] [-n NAMES]\n"
"                [-f PATTERN]... [-x]\n"
"       exitstat -r|--reason N\n"
"       exitstat --raw\n"
"\n"
"Show how often KVM intercepted this virtual machine (VM-exits), per basic\n"
"exit reason of the Intel SDM, and how long KVM took to handle them, as KVM\n"
"reports it in the CPUID leaves 0x4FFFFFFC-0x4FFFFFFF\n"
"(Documentation/virt/kvm/x86/exit-leaves.rst). The host must enable them\n"
"for this VM (KVM_CAP_X86_EXIT_STATS, or kvm.exit_stats_cpuid=1).\n"
"\n"
"The values are VM-wide: the exits of all vCPUs since the VM was created,\n"
"whatever process or kernel caused them. Cycles are host TSC cycles from\n"
"the exit until KVM was done with it (time in the VMM's userspace is not\n"
"included). A reason's count is 63 bits wide; the totals' count is the\n"
"low 32 bits of the VM's, and wraps around.\n"
"\n"
"perf kvm stat, on the host, times an exit from the kvm_exit tracepoint to\n"
"the vCPU's next kvm_entry, in nanoseconds: that includes the VMM's\n"
"userspace for the exits KVM forwards there (I/O, MMIO) and KVM's way back\n"
"into the guest. exitstat's cycles stop when KVM's handler returns\n"
"(exit-leaves.rst, \"Cycles\"): they leave out the VMM's share of an exit.\n"
"\n"
"Output:\n"
"  default      a table of every reason with a non-zero count: reason,\n"
"               SDM name, exits, cycles, cycles per exit, share of all\n"
"               exits, a bar; largest first. Below it: the sum of the\n"
"               reasons, the totals leaf (0x4FFFFFFF), and what only the\n"
"               totals count (on AMD, SVM exits with no SDM reason such\n"
"               as VMRUN or INVLPGA; nested guests' exits under reasons KVM\n"
"               does not handle; and other vCPUs' exits during the read).\n"
"  -a, --all    include the reasons with zero exits, and mark those that\n"
"               this host's KVM does not handle (EDX bit 31 clear).\n"
"  -s, --sort=KEY  order the table by 'count' (default) or 'cycles';\n"
"               the live view also by 'rate'.\n"
"  -n, --names=NAMES  'intel': the reasons' names in the SDM; 'amd': the\n"
"               SVM exits KVM counts under each reason instead, where it\n"
"               has any (NPF for 48, VMMCALL for 18, IOIO for 30...; see\n"
"               exit-leaves.rst, \"AMD (SVM) hosts\"); 'auto' (default):\n"
"               'amd' if the host's KVM handles none of the exits of the\n"
"               VMX instructions (VMCLEAR to VMXON, 19-27), which SVM has\n"
"               no exit codes for, else 'intel'. That is the host's\n"
"               vendor even where the VMM shows the guest another one\n"
"               (CPUID leaf 0); it is wrong only for a KVM (or another\n"
"               hypervisor with these leaves) that handles them on AMD,\n"
"               or none of them on Intel, which Linux's KVM never does.\n"
"  -f, --filter=PATTERN  only the reasons PATTERN selects, like kvm_stat -f:\n"
"               a number is that reason; anything else is an extended\n"
"               regular expression (regex(7)), matched against the SDM\n"
"               and the SVM name of each reason, ignoring case, so a word\n"
"               is a substring ('msr', 'npf|ept', '^rd'). Repeat it for\n"
"               more. The table then also sums the reasons it shows; the\n"
"               shares and the other sums stay those of all exits. A\n"
"               pattern that selects nothing is refused.\n"
"  -i, --interval SECONDS\n"
"               print the exits of each interval, one line per interval\n"
"               like vmstat: exits per second, cycles per exit, and the\n"
"               exits of the main reasons (extint 1, hlt 12, cpuid 10,\n"
"               io 30, msr 31+32, ept-v 48, ept-m 49; other: the other\n"
"               reasons and the exits only the totals count).\n"
"               (kvm_stat -l, its log mode, is the same idea.)\n"
"  -t, --top    the live view, like kvm_stat's: per reason, the exits\n"
"               since the VM was created (total, and %total of all\n"
"               reasons') and those of the last interval (exits/s and\n"
"               their cyc/exit: kvm_stat's CurAvg/s), every --interval\n"
"               seconds (default 3). The title has the totals leaf's\n"
"               count (32 bits: it wraps) and rate. Rows: the reasons\n"
"               with exits, or --all; sorted by --sort: 'rate' (the\n"
"               default here), 'count' (total) or 'cycles' (total). On a\n"
"               terminal it refreshes in place, cut to the screen's\n"
"               height; the key o goes to the next order (rate, total,\n"
"               cycles), q quits (as does Ctrl-C). Otherwise each frame\n"
"               follows the last, after a blank line, and the first comes\n"
"               after one interval.\n"
"  -1, --once   one frame of the live view, after one interval of\n"
"               --interval seconds (default 1), without escapes or keys:\n"
"               for scripts, like kvm_stat -1.\n"
"  -c, --count N  stop after N intervals or frames (default: until\n"
"               interrupted).\n"
"  -j, --json   the same data as JSON, one object per line and sample:\n"
"               time (when it was taken: seconds since the epoch, UTC),\n"
"               interval (an interval's length in seconds; only then),\n"
"               delta (true for an interval), vendor (the guest's CPUID\n"
"               vendor), names (whose names: Intel or AMD), queries,\n"
"               total, only_in_totals and reasons [{reason, name, count,\n"
"               cycles, handled}].\n"
"  -C, --csv    the same data as CSV, for spreadsheets and scripts: a\n"
"               header line, then one line per sample (an interval, or\n"
"               the snapshot) with the same columns whatever the host:\n"
"               time, interval (empty for a snapshot), total_count,\n"
"               total_cycles, only_in_totals_count, only_in_totals_cycles,\n"
"               then rN_count and rN_cycles for every reason N of this\n"
"               tool's table (0-85 but the 6 unused numbers) that --filter\n"
"               selects, in order. A reason that this host's KVM does not\n"
"               handle has two empty cells; one it handles, numbers.\n"
"  -r, --reason N  the raw registers of both per-reason leaves for reason N,\n"
"               decoded, to check the ABI by hand; both names of N.\n"
"  --raw        every CPUID this program makes for one table, as\n"
"               'leaf subleaf eax ebx ecx edx' in hex (test fixtures).\n"
"  -h, --help   this text.\n"
"Each option but --raw has a short form (as above). Options\n"
"that would be ignored are refused: --all, --sort, --names and --filter\n"
"change the table, JSON and the live view, not the interval lines\n"
"(--exclude-self changes all, --filter also CSV); --reason and --raw print\n"
"only themselves.\n"
"\n"
"Reading the leaves is itself a CPUID exit: a table makes 129 queries,\n"
"all counted under CPUID (10) and included in what it shows, unless:\n"
"  -x, --exclude-self  take exitstat's own CPUID exits off CPUID (10) and\n"
"               the totals: the count of the CPUIDs that exitstat executed\n"
"               up to the query that read each (the totals: one more, the\n"
"               totals query); from the cycles, that count times the mean\n"
"               cycles of the CPUID exits read, an estimate (the leaves do\n"
"               not tell a single exit's cycles). In an interval that is\n"
"               exactly what happened between the two reads: the 129\n"
"               queries of one sample. A snapshot also holds the one or two\n"
"               CPUIDs of the checks before it (signature, vendor), which\n"
"               are taken off too, and those that the C library executes\n"
"               when the program starts (a few dozen, depending on the\n"
"               CPU), which exitstat cannot count and leaves in. The table\n"
"               says what it took off, JSON in \"excluded\" {cpuid, total,\n"
"               cycles}.\n"
"\n"
"Exit status: 0 success; 1 bad usage; 2 the leaves are not available: no\n"
"hypervisor, a hypervisor other than KVM, or KVM with the statistics off\n"
"for this VM (CPUID 0x4FFFFFFF EDX is not 0x54495845, \"EXIT\").\n";

/* Every CPUID that exitstat executes: for --exclude-self. */
static unsigned long cpuids;

static struct regs hw_cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct regs r;

	cpuids++;
	__cpuid_count(leaf, subleaf, r.eax, r.ebx, r.ecx, r.edx);
	return r;
}

static struct regs raw_cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct regs r = hw_cpuid(leaf, subleaf);

	printf("%08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32
	       " %08" PRIx32 " %08" PRIx32 "\n", leaf, subleaf, r.eax, r.ebx,
	       r.ecx, r.edx);
	return r;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The wall clock, for the JSON samples' timestamps. */
static double wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int unavailable(enum detect d, const char *sig, uint32_t edx)
{
	switch (d) {
	case DETECT_NO_HYPERVISOR:
		fprintf(stderr, "exitstat: not running under a hypervisor "
			"(CPUID.1:ECX bit 31 is clear)\n");
		break;
	case DETECT_NOT_KVM:
		fprintf(stderr, "exitstat: no exit statistics, and the "
			"hypervisor is not KVM (CPUID 0x40000000 says \"%s\", "
			"0x40000100 is not KVM either)\n", sig);
		break;
	default:
		fprintf(stderr, "exitstat: KVM, but the exit statistics are "
			"off for this VM (CPUID 0x4FFFFFFF EDX is 0x%08" PRIX32
			", not 0x54495845 \"EXIT\")\n", edx);
	}
	return 2;
}

/*
 * Every option. The options given are bits: 1 << its index here, which
 * OPT() names. Each but --raw has a short form, its val.
 */
enum {
	O_ALL, O_SORT, O_INTERVAL, O_COUNT, O_JSON, O_REASON, O_RAW, O_NAMES,
	O_FILTER, O_SELF, O_CSV, O_TOP, O_ONCE,
};
#define OPT(o)		(1u << O_##o)
#define VAL_RAW		256

static const struct option opts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "sort", required_argument, NULL, 's' },
	{ "interval", required_argument, NULL, 'i' },
	{ "count", required_argument, NULL, 'c' },
	{ "json", no_argument, NULL, 'j' },
	{ "reason", required_argument, NULL, 'r' },
	{ "raw", no_argument, NULL, VAL_RAW },
	{ "names", required_argument, NULL, 'n' },
	{ "filter", required_argument, NULL, 'f' },
	{ "exclude-self", no_argument, NULL, 'x' },
	{ "csv", no_argument, NULL, 'C' },
	{ "top", no_argument, NULL, 't' },
	{ "once", no_argument, NULL, '1' },
	{ "help", no_argument, NULL, 'h' },
	{ }
};

/* getopt's string of the short forms: "as:i:..." */
static void short_options(char *s)
{
	const struct option *o;

	for (o = opts; o->name; o++) {
		if (o->val == VAL_RAW)
			continue;
		*s++ = o->val;
		if (o->has_arg)
			*s++ = ':';
	}
	*s = '\0';
}

/* The bit of the option that getopt_long() returned as C. */
static unsigned int opt_bit(int c)
{
	unsigned int i;

	for (i = 0; opts[i].name; i++) {
		if (opts[i].val == c)
			return 1u << i;
	}
	return 0;
}

/* The options that change which reasons a view shows, and how. */
#define VIEW_OPTS	(OPT(ALL) | OPT(SORT) | OPT(NAMES) | OPT(FILTER) | \
			 OPT(SELF))

/*
 * What exitstat does for the options given: the first mode whose options
 * are all given. Any other option would be ignored, and is refused.
 */
static const struct mode {
	unsigned int selects;	/* the options that choose it */
	unsigned int takes;	/* the other options that change it */
	const char *what;	/* for "OPTION does not go with WHAT" */
} modes[] = {
	{ OPT(RAW), 0, "any other option" },
	{ OPT(REASON), 0, "any other option" },
	{ OPT(TOP), OPT(INTERVAL) | OPT(COUNT) | VIEW_OPTS, "--top" },
	{ OPT(ONCE), OPT(INTERVAL) | VIEW_OPTS, "--once" },
	{ OPT(INTERVAL) | OPT(JSON), OPT(COUNT) | VIEW_OPTS, "--interval --json" },
	{ OPT(INTERVAL) | OPT(CSV), OPT(COUNT) | OPT(FILTER) | OPT(SELF),
	  "--interval --csv" },
	{ OPT(INTERVAL), OPT(COUNT) | OPT(SELF),
	  "--interval without --json or --csv" },
	{ OPT(JSON), VIEW_OPTS, "--json" },
	{ OPT(CSV), OPT(FILTER) | OPT(SELF), "--csv" },
	{ 0, VIEW_OPTS, "the table" },
};

static const struct mode *mode_of(unsigned int given)
{
	const struct mode *m = modes;

	while ((given & m->selects) != m->selects)
		m++;
	return m;
}

/* Say why GIVEN is refused, if it is. */
static bool refused(unsigned int given)
{
	const struct mode *m = mode_of(given);
	unsigned int extra = given & ~m->selects & ~m->takes, i = 0;
	unsigned int repeats = OPT(INTERVAL) | OPT(TOP) | OPT(ONCE);

	if ((given & OPT(COUNT)) && !(given & repeats)) {
		fprintf(stderr, "exitstat: --count needs --interval or --top\n");
		return true;
	}
	if (!extra)
		return false;
	while (!(extra & 1u << i))
		i++;
	if (!m->takes)
		i = __builtin_ctz(m->selects);
	fprintf(stderr, "exitstat: --%s does not go with %s: it would be "
		"ignored\n", opts[i].name, m->what);
	return true;
}

static double parse_number(const char *opt, const char *s, double min)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || v < min) {
		fprintf(stderr, "exitstat: %s wants a number of at least %g, "
			"not '%s'\n", opt, min, s);
		exit(1);
	}
	return v;
}

/* The words of --sort and --names, in the order of enum sort and vendor. */
static const char *const sort_words[] = { "count", "cycles", "rate", NULL };
static const char *const names_words[] = { "auto", "intel", "amd", NULL };

/* The index of ARG among WORDS (up to a NULL), or exit 1 naming them. */
static int parse_word(const char *opt, const char *arg,
		      const char *const *words)
{
	int i;

	for (i = 0; words[i]; i++) {
		if (!strcmp(arg, words[i]))
			return i;
	}
	fprintf(stderr, "exitstat: %s is ", opt);
	for (i = 0; words[i]; i++)
		fprintf(stderr, "%s'%s'", !i ? "" : words[i + 1] ? ", " : " or ",
			words[i]);
	fputc('\n', stderr);
	exit(1);
}

/* --filter PATTERN: V shows the reasons it selects, and those before. */
static void add_filter(struct view *v, const char *pattern)
{
	char err[128];
	int n = filter_reasons(pattern, v->pick, err, sizeof(err));

	if (n > 0) {
		v->filtered = true;
		return;
	}
	if (n < 0)
		fprintf(stderr, "exitstat: --filter '%s': %s\n", pattern, err);
	else
		fprintf(stderr, "exitstat: --filter '%s' matches no reason's "
			"number or name\n", pattern);
	exit(1);
}

static void sleep_until(double t)
{
	struct timespec ts = { (time_t)t, (long)((t - (time_t)t) * 1e9) };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	       EINTR)
		;
}

/*
 * A snapshot, when it was taken, and which of exitstat's CPUIDs its
 * CPUID and totals counts hold: also all that it made before.
 */
static void sample(cpuid_fn cpuid, struct snapshot *s)
{
	unsigned long before = cpuids;

	take_snapshot(cpuid, s);
	s->time = now();
	s->stamp = wall();
	s->own_cpuid += before;
	s->own_total += before;
}

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV };

/* A sample as JSON or CSV, or as a table. */
static void print_sample(enum format format, const struct snapshot *s,
			 const struct view *v)
{
	if (format == FORMAT_JSON)
		print_json(stdout, s, v);
	else if (format == FORMAT_CSV)
		print_csv(stdout, s, v);
	else
		print_table(stdout, s, v, NULL);
}

static int watch(const struct view *v, double interval, long count,
		 enum format format)
{
	struct snapshot then, cur, d;
	double start, next;
	long i;

	sample(hw_cpuid, &then);
	start = next = then.time;
	for (i = 0; count < 0 || i < count; i++) {
		next += interval;
		sleep_until(next);
		sample(hw_cpuid, &cur);
		snapshot_delta(&cur, &then, &d);
		if (v->exclude_self)
			exclude_self(&d);
		if (format != FORMAT_TEXT) {
			print_sample(format, &d, v);
		} else {
			if (i % 20 == 0)
				print_interval_header(stdout);
			print_interval_line(stdout, &d, cur.time - start);
		}
		fflush(stdout);
		then = cur;
	}
	return 0;
}

/* The live view on a terminal: a signal ends it, or resizes it. */
static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

#define KEY_RESIZED	(-1)

/*
 * Wait until T (now()'s clock) and return 0, or return a key read from
 * standard input if KEYS, KEY_RESIZED if the terminal changed its size,
 * or 'q' for a signal that ends exitstat or the end of standard input.
 */
static int wait_key(double t, bool keys)
{
	struct pollfd p = { .fd = 0, .events = POLLIN };
	unsigned char c;
	int n;

	for (;;) {
		if (got_signal == SIGWINCH) {
			got_signal = 0;
			return KEY_RESIZED;
		}
		if (got_signal)
			return 'q';
		if (now() >= t)
			return 0;
		n = poll(&p, keys, (int)((t - now()) * 1000) + 1);
		if (n > 0)
			return read(0, &c, 1) == 1 ? c : 'q';
	}
}

/*
 * The terminal for the live view: no cursor, and if KEYS, each key read
 * as it is typed and not echoed; back as it was when done.
 */
static void term_setup(bool keys, struct termios *saved)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH };
	struct sigaction sa = { .sa_handler = on_signal };
	struct termios raw;
	unsigned int i;

	/* No SA_RESTART: a signal interrupts poll(). */
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	if (keys && !tcgetattr(0, saved)) {
		raw = *saved;
		raw.c_lflag &= ~(ICANON | ECHO);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		tcsetattr(0, TCSANOW, &raw);
	}
	fputs("\033[?25l\033[2J", stdout);
}

static void term_restore(bool keys, const struct termios *saved)
{
	if (keys)
		tcsetattr(0, TCSANOW, saved);
	fputs("\033[?25h", stdout);
	fflush(stdout);
}

static void draw(const struct snapshot *s, const struct snapshot *d,
		 const struct view *v, struct screen *scr)
{
	struct winsize ws;

	if (scr->tty && !ioctl(1, TIOCGWINSZ, &ws))
		scr->lines = ws.ws_row;
	print_top(stdout, s, d, v, scr);
	fflush(stdout);
}

/*
 * The live view (--top): a frame every INTERVAL, COUNT times or until
 * 'q'; on a terminal in place, else one after the other. --once: one
 * frame, after one interval.
 */
static int top(struct view *v, double interval, long count, bool once)
{
	struct screen scr = { .tty = !once && isatty(1) };
	struct snapshot then, cur, shown, d;
	struct termios saved;
	bool have_d = false;
	double next;
	long i;
	int key;

	scr.keys = scr.tty && isatty(0);
	if (scr.tty)
		term_setup(scr.keys, &saved);
	sample(hw_cpuid, &then);
	shown = then;
	if (v->exclude_self)
		exclude_self(&shown);
	if (scr.tty)
		draw(&shown, NULL, v, &scr);
	next = then.time;
	for (i = 0; count < 0 || i < count; i++) {
		next += interval;
		while ((key = wait_key(next, scr.keys))) {
			if (key == 'q')
				goto out;
			if (key == 'o')
				v->sort = next_sort(v->sort);
			draw(&shown, have_d ? &d : NULL, v, &scr);
		}
		sample(hw_cpuid, &cur);
		snapshot_delta(&cur, &then, &d);
		then = shown = cur;
		if (v->exclude_self) {
			exclude_self(&shown);
			exclude_self(&d);
		}
		have_d = true;
		if (!scr.tty && i)
			putchar('\n');
		draw(&shown, &d, v, &scr);
	}
out:
	if (scr.tty)
		term_restore(scr.keys, &saved);
	return 0;
}

int main(int argc, char **argv)
{
	struct view v = { .sort = SORT_COUNT };
	double interval = 0;
	long count = -1, reason = -1;
	enum format format;
	bool raw;
	struct snapshot s;
	enum detect d;
	uint32_t edx;
	char sig[13];
	unsigned int given = 0;
	char shorts[64];
	int c;

	short_options(shorts);
	while ((c = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
		given |= opt_bit(c);
		switch (c) {
		case 'a':
			v.all = true;
			break;
		case 's':
			v.sort = parse_word("--sort", optarg, sort_words);
			break;
		case 'i':
			interval = parse_number("--interval", optarg, 0.01);
			break;
		case 'c':
			count = (long)parse_number("--count", optarg, 1);
			break;
		case 'r':
			reason = (long)parse_number("--reason", optarg, 0);
			if (reason > UINT32_MAX) {
				fprintf(stderr, "exitstat: --reason is a 32-bit value\n");
				return 1;
			}
			break;
		case 'n':
			v.names = parse_word("--names", optarg, names_words);
			break;
		case 'f':
			add_filter(&v, optarg);
			break;
		case 'x':
			v.exclude_self = true;
			break;
		case 'j':
		case 'C':
		case VAL_RAW:
		case 't':
		case '1':
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "exitstat: unexpected argument '%s'\n", argv[optind]);
		return 1;
	}
	if (refused(given))
		return 1;
	if (given & (OPT(TOP) | OPT(ONCE))) {
		/* kvm_stat's defaults: by rate, every 3 s; -1: over 1 s. */
		if (!(given & OPT(SORT)))
			v.sort = SORT_RATE;
		if (!interval)
			interval = given & OPT(ONCE) ? 1 : 3;
	} else if (v.sort == SORT_RATE) {
		fprintf(stderr, "exitstat: --sort=rate needs --top or --once\n");
		return 1;
	}
	format = given & OPT(JSON) ? FORMAT_JSON :
		 given & OPT(CSV) ? FORMAT_CSV : FORMAT_TEXT;
	raw = given & OPT(RAW);

	d = detect(raw ? raw_cpuid : hw_cpuid, sig, &edx);
	if (d != DETECT_OK)
		return unavailable(d, sig, edx);
	v.vendor = cpu_vendor(raw ? raw_cpuid : hw_cpuid);

	if (reason >= 0) {
		print_reason(stdout, hw_cpuid, (uint32_t)reason);
		return 0;
	}
	if (given & (OPT(TOP) | OPT(ONCE)))
		return top(&v, interval, given & OPT(ONCE) ? 1 : count,
			   given & OPT(ONCE));
	if (format == FORMAT_CSV)
		print_csv_header(stdout, &v);
	if (interval)
		return watch(&v, interval, count, format);

	sample(raw ? raw_cpuid : hw_cpuid, &s);
	if (raw)
		return 0;
	if (v.exclude_self)
		exclude_self(&s);
	print_sample(format, &s, &v);
	return 0;
}

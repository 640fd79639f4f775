/* SPDX-License-Identifier: GPL-2.0 */
/*
 * exitstat: read KVM's VM-exit statistics CPUID leaves from inside a guest
 * (Documentation/virt/kvm/x86/exit-leaves.rst in the series).
 */
#ifndef EXITSTAT_H
#define EXITSTAT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define LEAF_TOTAL		0x4FFFFFFFu
#define LEAF_TOTAL_ALIAS	0x4FFFFFFEu
#define LEAF_REASON		0x4FFFFFFDu
#define LEAF_REASON_ALIAS	0x4FFFFFFCu
#define EXIT_SIGNATURE		0x54495845u	/* "EXIT" */
#define UNDEFINED_EDX		0xFFFFFFFFu
#define HANDLED_EDX		0x80000000u	/* bit 31: KVM handles it */

/* The highest reason this tool asks for: the SDM defines up to 85. */
#define MAX_REASON		127
#define R_CPUID			10
#define R_VMCLEAR		19
#define R_VMXON			27

struct regs {
	uint32_t eax, ebx, ecx, edx;
};

/* Executes CPUID; the tests replace it with recorded values. */
typedef struct regs (*cpuid_fn)(uint32_t leaf, uint32_t subleaf);

struct reason_info {
	const char *name;	/* SDM name; NULL: not defined */
	const char *svm;	/* the SVM exits counted under it, or NULL */
};

extern const struct reason_info reasons[MAX_REASON + 1];

enum vendor { VENDOR_OTHER, VENDOR_INTEL, VENDOR_AMD };

/* reasons.c */
const char *reason_name(unsigned int r, enum vendor names);
int filter_reasons(const char *pattern, bool pick[MAX_REASON + 1],
		   char *err, size_t len);

struct tally {
	uint64_t count;		/* a reason's: 63 bits; the totals': low 32 */
	uint64_t cycles;
};

struct snapshot {
	double time;		/* seconds, CLOCK_MONOTONIC; a delta: its length */
	double stamp;		/* wall clock, seconds since the epoch */
	bool defined[MAX_REASON + 1];		/* EDX != 0xFFFFFFFF */
	bool handled[MAX_REASON + 1];		/* EDX bit 31 */
	struct tally reason[MAX_REASON + 1];
	struct tally total;
	unsigned int queries;			/* CPUIDs this snapshot made */
	bool delta;				/* a difference of two */
	/*
	 * exitstat's own CPUIDs in the count of reason 10 and in the
	 * totals: those up to and with the query that read it (a delta:
	 * those in between). take_snapshot() counts its own queries, its
	 * caller adds those made before.
	 */
	unsigned long own_cpuid, own_total;
	struct {
		bool done;
		unsigned long cpuid, total;	/* own_* before */
		uint64_t cycles;		/* the estimate taken off */
	} excluded;				/* by exclude_self() */
};

enum detect {
	DETECT_OK,
	DETECT_NO_HYPERVISOR,
	DETECT_NOT_KVM,
	DETECT_LEAVES_OFF,
};

/* leaves.c */
enum detect detect(cpuid_fn cpuid, char hv_sig[13], uint32_t *edx);
enum vendor cpu_vendor(cpuid_fn cpuid);
struct tally tally_of(struct regs r, bool reason);
void take_snapshot(cpuid_fn cpuid, struct snapshot *s);
void snapshot_delta(const struct snapshot *now, const struct snapshot *then,
		    struct snapshot *d);
struct tally sum_reasons(const struct snapshot *s);
struct tally totals_only(const struct snapshot *s);
void exclude_self(struct snapshot *s);
enum vendor host_vendor(const struct snapshot *s);

/* output.c */
/* In the order that the live view's 'o' goes through them. */
enum sort { SORT_COUNT, SORT_CYCLES, SORT_RATE, NR_SORTS };

struct view {
	bool all;
	enum sort sort;
	enum vendor vendor;	/* the guest's CPUID vendor (leaf 0) */
	enum vendor names;	/* whose names; VENDOR_OTHER: host_vendor() */
	bool exclude_self;	/* exclude_self() what it shows */
	bool filtered;		/* only the reasons in pick[] */
	bool pick[MAX_REASON + 1];
};

void print_table(FILE *f, const struct snapshot *s, const struct view *v,
		 const char *title);
void print_json(FILE *f, const struct snapshot *s, const struct view *v);
void print_csv_header(FILE *f, const struct view *v);
void print_csv(FILE *f, const struct snapshot *s, const struct view *v);
void print_interval_header(FILE *f);
void print_interval_line(FILE *f, const struct snapshot *d, double elapsed);
void print_reason(FILE *f, cpuid_fn cpuid, unsigned int reason);
const char *vendor_name(enum vendor v);
unsigned int rows(const struct snapshot *s, const struct snapshot *d,
		  const struct view *v, unsigned int *row);
enum vendor names_of(const struct view *v, const struct snapshot *s);

/* live.c */
struct screen {
	bool tty;		/* refresh in place, with ANSI escapes */
	bool keys;		/* keys are read: say which */
	unsigned int lines;	/* the terminal's height; 0: no limit */
};

enum sort next_sort(enum sort sort);
void print_top(FILE *f, const struct snapshot *s, const struct snapshot *d,
	       const struct view *v, const struct screen *scr);

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * exit_stats_bench: what the VM-exit statistics (the series' CPUID leaves
 * 0x4FFFFFFC-0x4FFFFFFF) cost. A KVM selftest in form (built against the
 * patched tree's selftest library, TAP output), kept out of the series: it
 * reports figures and asserts nothing about them. rig/bench/ boots it on
 * both rigs, on the patched and on an unpatched kernel, and makes the
 * tables (docs/performance.md).
 *
 *   loops      the guest times loops of one exit kind with RDTSC: CPUID
 *              leaf 0 (handled in the kernel), a WRMSR to the x2APIC ICR
 *              (VMX's fastpath; the full handler on AMD without NRIPS) and
 *              an OUT that goes to user space. Modes, one new VM each, in
 *              turn for EXIT_STATS_BENCH_ROUNDS rounds (default 7): the
 *              statistics off, on, and off with the kvm_entry and kvm_exit
 *              tracepoints enabled (what 'perf kvm stat record' enables).
 *              Without the series (no KVM_CAP_X86_EXIT_STATS): off and
 *              tracepoint only.
 *   query      cycles per 0x4FFFFFFD query (ECX = 10, one reason) and per
 *              0x4FFFFFFF query (the totals) from vCPU 0 of a VM of 1, 8,
 *              64 and 256 vCPUs.
 *   contention the CPUID loop of vCPU 1 while vCPU 0 queries in a tight
 *              loop, against vCPU 0 idle; needs two host CPUs at once.
 *   memory     kernel memory (slab + vmalloc) of a VM of 256 vCPUs and of
 *              32 VMs without vCPUs, with the statistics off and on, three
 *              pairs each.
 *   window     the cycles that the statistics themselves charge per exit
 *              (the accounting window, EBX:ECX of 0x4FFFFFFD over its
 *              count) for the CPUID and the ICR-write loops: what the
 *              floor of exit_stats_test's cycles check (MIN_CYCLES_PER_EXIT)
 *              is measured against. The ICR write is a fastpath exit on
 *              VMX and on AMD with NRIPS.
 *
 * Every figure is one line "bench: key=value ..." for the host to collect;
 * cycles are the guest's TSC ticks per exit round trip (per query), but
 * for window's, the statistics' own.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "test_util.h"
#include "kvm_util.h"
#include "processor.h"
#include "apic.h"

#define LEAF_REASON	0x4ffffffd
#define LEAF_TOTAL	0x4fffffff
#define R_CPUID		10
#define R_WRMSR		32
#define BENCH_PORT	0x1235
/* A physical destination no vCPU has: the IPI goes nowhere, no interrupt. */
#define ICR_ABSENT	((uint64_t)0x10 << 32 | APIC_DEST_PHYSICAL | \
			 APIC_DM_FIXED | 0xf0)
#define WARMUP		100
#define ITERS		2000
#define QUERY_ITERS	500
#define TIMEOUT		1800
#define TRACEFS		"/sys/kernel/tracing/events/kvm/"

enum loop { LOOP_CPUID, LOOP_ICR, LOOP_IO, LOOP_QUERY, LOOP_TOTALS, NR_LOOPS };
static const char *const loop_name[NR_LOOPS] = {
	"cpuid", "icr", "io", "reason", "totals"
};

enum mode { MODE_OFF, MODE_ON, MODE_TRACE, NR_MODES };
static const char *const mode_name[NR_MODES] = { "off", "on", "tracepoint" };

/* Set by the host in the guest's memory. */
static uint32_t guest_loop;
static bool guest_stop;

static inline uint64_t fenced_rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

/* @n exits of kind @loop; one function each, so the loops are bare. */
static void exits(uint32_t loop, int n)
{
	uint32_t a, b, c, d;
	int i;

	switch (loop) {
	case LOOP_CPUID:
		for (i = 0; i < n; i++)
			__cpuid(0, 0, &a, &b, &c, &d);
		break;
	case LOOP_ICR:
		for (i = 0; i < n; i++)
			wrmsr(APIC_BASE_MSR + (APIC_ICR >> 4), ICR_ABSENT);
		break;
	case LOOP_IO:
		for (i = 0; i < n; i++)
			asm volatile("outb %%al, %%dx"
				     : : "a"(0), "d"((uint16_t)BENCH_PORT));
		break;
	case LOOP_QUERY:
		for (i = 0; i < n; i++)
			__cpuid(LEAF_REASON, R_CPUID, &a, &b, &c, &d);
		break;
	case LOOP_TOTALS:
		for (i = 0; i < n; i++)
			__cpuid(LEAF_TOTAL, 0, &a, &b, &c, &d);
		break;
	}
}

/*
 * Each GUEST_SYNC carries the TSC ticks of @iters exits of the kind the host
 * last set in guest_loop, after a warm-up.
 */
static void guest_code(uint32_t iters)
{
	uint64_t t0;

	x2apic_enable();
	for (;;) {
		exits(READ_ONCE(guest_loop), WARMUP);
		t0 = fenced_rdtsc();
		exits(READ_ONCE(guest_loop), iters);
		GUEST_SYNC1(fenced_rdtsc() - t0);
	}
}

/*
 * For the CPUID and the ICR-write loops, two GUEST_SYNCs: the count and the
 * cycles by which its reason's leaf grew over @iters exits of the loop.  The
 * CPUID count includes the second query (one exit more).
 */
static void guest_window(uint32_t iters)
{
	static const uint32_t reason[] = { [LOOP_CPUID] = R_CPUID, [LOOP_ICR] = R_WRMSR };
	uint32_t a0, b0, c0, d, a1, b1, c1;
	uint32_t loop;

	x2apic_enable();
	for (loop = LOOP_CPUID; loop <= LOOP_ICR; loop++) {
		exits(loop, WARMUP);
		__cpuid(LEAF_REASON, reason[loop], &a0, &b0, &c0, &d);
		exits(loop, iters);
		__cpuid(LEAF_REASON, reason[loop], &a1, &b1, &c1, &d);
		GUEST_SYNC1(a1 - a0);
		GUEST_SYNC1(((uint64_t)b1 << 32 | c1) - ((uint64_t)b0 << 32 | c0));
	}
	GUEST_DONE();
}

/* vCPU 0 of the contention test: queries until the host says stop. */
static void guest_querier(void)
{
	while (!READ_ONCE(guest_stop))
		exits(LOOP_QUERY, 100);
	GUEST_DONE();
}

static bool have_leaves(void)
{
	return kvm_check_cap(KVM_CAP_X86_EXIT_STATS);
}

/* Whether this kernel has @mode: the statistics, or tracefs for the tracepoints. */
static bool mode_runs(enum mode mode, bool tracefs)
{
	return (mode != MODE_ON || have_leaves()) &&
	       (mode != MODE_TRACE || tracefs);
}

/* A VM for @mode, its statistics set explicitly where the kernel has them. */
static struct kvm_vm *vm_for(enum mode mode, uint32_t nr_vcpus)
{
	/* The selftest library makes a VM that never has vCPUs another way. */
	struct kvm_vm *vm = nr_vcpus ? vm_create(nr_vcpus) : vm_create_barebones();

	if (have_leaves())
		vm_enable_cap(vm, KVM_CAP_X86_EXIT_STATS, mode == MODE_ON);
	return vm;
}

/* Run @vcpu to its next GUEST_SYNC (OUTs to BENCH_PORT go on); its arg. */
static uint64_t next_sample(struct kvm_vcpu *vcpu)
{
	struct ucall uc;

	for (;;) {
		vcpu_run(vcpu);
		if (vcpu->run->exit_reason == KVM_EXIT_IO &&
		    vcpu->run->io.port == BENCH_PORT)
			continue;
		TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_IO);
		switch (get_ucall(vcpu, &uc)) {
		case UCALL_SYNC:
			return uc.args[0];
		case UCALL_ABORT:
			REPORT_GUEST_ASSERT(uc);
			break;
		case UCALL_DONE:
			return 0;
		default:
			TEST_FAIL("Unexpected ucall %lu", uc.cmd);
		}
	}
}

static void tracepoints(bool on)
{
	static const char *const events[] = { "kvm_entry", "kvm_exit" };
	char path[128];
	int i, fd;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), TRACEFS "%s/enable", events[i]);
		fd = open(path, O_WRONLY);
		TEST_ASSERT(fd >= 0, "Opening %s", path);
		TEST_ASSERT_EQ(write(fd, on ? "1" : "0", 1), 1);
		close(fd);
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * One line of figures: median, min and max of @n samples of @iters exits,
 * in ticks per exit with one decimal.
 */
static void report(const char *what, uint64_t *ticks, int n, uint32_t iters)
{
	qsort(ticks, n, sizeof(*ticks), cmp_u64);
	ksft_print_msg("bench: %s median=%.1f min=%.1f max=%.1f n=%d\n", what,
		       (double)ticks[n / 2] / iters, (double)ticks[0] / iters,
		       (double)ticks[n - 1] / iters, n);
}

static int rounds(void)
{
	const char *s = getenv("EXIT_STATS_BENCH_ROUNDS");
	int n = s ? atoi(s) : 7;

	TEST_ASSERT(n >= 1 && n <= 100, "EXIT_STATS_BENCH_ROUNDS=%s", s);
	return n;
}

FIXTURE(bench) {
};

FIXTURE_SETUP(bench)
{
}

FIXTURE_TEARDOWN(bench)
{
}

/* ---- loops ---------------------------------------------------------- */

TEST_F_TIMEOUT(bench, loops, TIMEOUT)
{
	uint64_t ticks[NR_LOOPS][NR_MODES][100];
	bool tracefs = !access(TRACEFS "kvm_exit/enable", W_OK);
	int nr = rounds(), r, loop, mode;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	char what[64];

	for (r = 0; r < nr; r++) {
		for (mode = 0; mode < NR_MODES; mode++) {
			if (!mode_runs(mode, tracefs))
				continue;
			if (mode == MODE_TRACE)
				tracepoints(true);
			vm = vm_for(mode, 1);
			vcpu = vm_vcpu_add(vm, 0, guest_code);
			vcpu_args_set(vcpu, 1, ITERS);
			for (loop = 0; loop < LOOP_QUERY; loop++) {
				guest_loop = loop;
				sync_global_to_guest(vm, guest_loop);
				ticks[loop][mode][r] = next_sample(vcpu);
			}
			kvm_vm_free(vm);
			if (mode == MODE_TRACE)
				tracepoints(false);
		}
	}

	for (loop = 0; loop < LOOP_QUERY; loop++) {
		for (mode = 0; mode < NR_MODES; mode++) {
			if (!mode_runs(mode, tracefs))
				continue;
			snprintf(what, sizeof(what), "loop=%s mode=%s",
				 loop_name[loop], mode_name[mode]);
			report(what, ticks[loop][mode], nr, ITERS);
		}
	}
}

/* ---- query ---------------------------------------------------------- */

TEST_F_TIMEOUT(bench, query, TIMEOUT)
{
	static const uint32_t sizes[] = { 1, 8, 64, 256 };
	int nr = rounds(), r, i, max = kvm_check_cap(KVM_CAP_MAX_VCPUS);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	uint64_t ticks[100];
	char what[64];
	uint32_t v, loop;

	if (!have_leaves())
		SKIP(return, "No KVM_CAP_X86_EXIT_STATS (unpatched kernel?)");

	for (i = 0; i < ARRAY_SIZE(sizes) && sizes[i] <= max; i++) {
		vm = vm_for(MODE_ON, sizes[i]);
		vcpu = vm_vcpu_add(vm, 0, guest_code);
		for (v = 1; v < sizes[i]; v++)
			vm_vcpu_add(vm, v, guest_code);
		vcpu_args_set(vcpu, 1, QUERY_ITERS);
		for (loop = LOOP_QUERY; loop <= LOOP_TOTALS; loop++) {
			guest_loop = loop;
			sync_global_to_guest(vm, guest_loop);
			for (r = 0; r < nr; r++)
				ticks[r] = next_sample(vcpu);
			snprintf(what, sizeof(what), "query leaf=%s vcpus=%u",
				 loop_name[loop], sizes[i]);
			report(what, ticks, nr, QUERY_ITERS);
		}
		kvm_vm_free(vm);
	}
}

/* ---- contention ----------------------------------------------------- */

static void *querier_thread(void *arg)
{
	struct kvm_vcpu *vcpu = arg;
	struct ucall uc;

	vcpu_run(vcpu);
	TEST_ASSERT_EQ(get_ucall(vcpu, &uc), UCALL_DONE);
	return NULL;
}

TEST_F_TIMEOUT(bench, contention, TIMEOUT)
{
	int nr = rounds(), r, busy, cpus = get_nprocs();
	struct kvm_vcpu *vcpu[2];
	pthread_t querier;
	uint64_t ticks[100];
	struct kvm_vm *vm;
	char what[64];

	if (!have_leaves())
		SKIP(return, "No KVM_CAP_X86_EXIT_STATS (unpatched kernel?)");
	/*
	 * With one CPU the two vCPU threads take turns and the loop's TSC
	 * delta counts the querier's time slices: no figure to give.
	 */
	if (cpus < 2)
		SKIP(return, "%d CPU: needs 2 running at once", cpus);

	for (busy = 0; busy < 2; busy++) {
		vm = vm_for(MODE_ON, 2);
		vcpu[0] = vm_vcpu_add(vm, 0, guest_querier);
		vcpu[1] = vm_vcpu_add(vm, 1, guest_code);
		vcpu_args_set(vcpu[1], 1, ITERS);
		guest_loop = LOOP_CPUID;
		guest_stop = false;
		sync_global_to_guest(vm, guest_loop);
		sync_global_to_guest(vm, guest_stop);
		if (busy)
			pthread_create(&querier, NULL, querier_thread, vcpu[0]);
		for (r = 0; r < nr; r++)
			ticks[r] = next_sample(vcpu[1]);
		if (busy) {
			guest_stop = true;
			sync_global_to_guest(vm, guest_stop);
			pthread_join(querier, NULL);
		}
		kvm_vm_free(vm);
		snprintf(what, sizeof(what), "contention querier=%s cpus=%d",
			 busy ? "busy" : "idle", cpus);
		report(what, ticks, nr, ITERS);
	}
}

/* ---- memory --------------------------------------------------------- */

/* Slab plus vmalloc, in kB: where KVM's per-VM and per-vCPU data live. */
static long kernel_kb(void)
{
	char line[128];
	long kb, sum = 0;
	FILE *f = fopen("/proc/meminfo", "r");

	TEST_ASSERT(f, "Opening /proc/meminfo");
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "SUnreclaim: %ld kB", &kb) == 1 ||
		    sscanf(line, "VmallocUsed: %ld kB", &kb) == 1)
			sum += kb;
	}
	fclose(f);
	return sum;
}

#define MEM_VCPUS	256
#define MEM_VMS		32
#define MEM_PAIRS	3

/*
 * kB that @nr_vms VMs of @nr_vcpus vCPUs each take while they exist.
 * Slab pages are shared and kept: a cache with free objects left by an
 * earlier VM grows by less than it hands out. So the figures are of many
 * objects, repeated, never one pair alone.
 */
static long footprint(enum mode mode, int nr_vms, uint32_t nr_vcpus)
{
	struct kvm_vm *vm[MEM_VMS];
	long before = kernel_kb(), after;
	uint32_t v;
	int i;

	for (i = 0; i < nr_vms; i++) {
		vm[i] = vm_for(mode, nr_vcpus);
		for (v = 0; v < nr_vcpus; v++)
			vm_vcpu_add(vm[i], v, guest_code);
	}
	after = kernel_kb();
	for (i = 0; i < nr_vms; i++)
		kvm_vm_free(vm[i]);
	return after - before;
}

/* One line per pair, off then on in turn: the spread is in the lines. */
static void memory_pairs(const char *per, int nr_vms, uint32_t nr_vcpus)
{
	long on, off, n = nr_vcpus ? nr_vcpus : nr_vms;
	int r;

	for (r = 0; r < MEM_PAIRS; r++) {
		off = footprint(MODE_OFF, nr_vms, nr_vcpus);
		on = footprint(MODE_ON, nr_vms, nr_vcpus);
		ksft_print_msg("bench: memory per=%s vms=%d vcpus=%u off_kb=%ld on_kb=%ld bytes=%ld\n",
			       per, nr_vms, nr_vcpus, off, on,
			       (on - off) * 1024 / n);
	}
}

TEST_F_TIMEOUT(bench, memory, TIMEOUT)
{
	uint32_t vcpus = MEM_VCPUS;

	if (!have_leaves())
		SKIP(return, "No KVM_CAP_X86_EXIT_STATS (unpatched kernel?)");
	if ((int)vcpus > kvm_check_cap(KVM_CAP_MAX_VCPUS))
		vcpus = kvm_check_cap(KVM_CAP_MAX_VCPUS);

	/* A warm-up pair first, so that the caches KVM uses exist. */
	footprint(MODE_OFF, 1, vcpus);
	footprint(MODE_ON, 1, vcpus);
	/* Per vCPU: one VM of many vCPUs. */
	memory_pairs("vcpu", 1, vcpus);
	/* Per VM: VMs without vCPUs, so no vCPU's share is in the figure. */
	memory_pairs("vm", MEM_VMS, 0);
}

/* ---- window --------------------------------------------------------- */

TEST_F_TIMEOUT(bench, window, TIMEOUT)
{
	uint64_t exits_seen, cycles;
	int nr = rounds(), r;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	uint32_t loop;

	if (!have_leaves())
		SKIP(return, "No KVM_CAP_X86_EXIT_STATS (unpatched kernel?)");

	for (r = 0; r < nr; r++) {
		vm = vm_for(MODE_ON, 1);
		vcpu = vm_vcpu_add(vm, 0, guest_window);
		vcpu_args_set(vcpu, 1, ITERS);
		for (loop = LOOP_CPUID; loop <= LOOP_ICR; loop++) {
			exits_seen = next_sample(vcpu);
			cycles = next_sample(vcpu);
			ksft_print_msg("bench: window loop=%s round=%d exits=%lu cycles=%lu per_exit=%.1f\n",
				       loop_name[loop], r, exits_seen, cycles,
				       exits_seen ? (double)cycles / exits_seen : 0.0);
		}
		kvm_vm_free(vm);
	}
}

TEST_HARNESS_MAIN

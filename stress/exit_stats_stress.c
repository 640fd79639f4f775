// SPDX-License-Identifier: GPL-2.0-only
/*
 * exit_stats_stress: load, hostile input and failure paths for the VM-exit
 * statistics CPUID leaves (Documentation/virt/kvm/x86/exit-leaves.rst in the
 * series). A KVM selftest in form (built against the patched tree's selftest
 * library, TAP output), kept out of the series: it runs for a fixed time,
 * writes a module parameter and uses fault injection, which the rig's debug
 * kernels are for (see docs/reliability.md).
 *
 *   load          more vCPUs than CPUs mix exact exits (CPUID, port I/O,
 *                 WRMSR) with queries for EXIT_STATS_STRESS_SECONDS (default
 *                 10) while a thread creates and destroys VMs that use the
 *                 leaves; every query is monotonic, the final sums exact.
 *   hostile_ecx   random ECX on the four leaves: exactly the documented
 *                 answers.
 *   leaf_range    every leaf 0x4FFFFF00..0x4FFFFFFF: a VM with the leaves
 *                 on differs from one without them in the four leaves only.
 *   isolation     a VM without the leaves sees stock values while another
 *                 VM has them on; the module parameter only affects VMs
 *                 created after it changed.
 *   vcpu_fault    KVM_CREATE_VCPU failing at each of its allocations
 *                 (fail-nth) in a VM with the leaves on: the VM stays
 *                 usable (the rig's kmemleak scan checks for leaks).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "test_util.h"
#include "kvm_util.h"
#include "processor.h"

#define LEAF_TOTAL		0x4fffffff
#define LEAF_TOTAL_ALT		0x4ffffffe
#define LEAF_REASON		0x4ffffffd
#define LEAF_REASON_ALT		0x4ffffffc
#define SIGNATURE		0x54495845u
#define EDX_UNDEFINED		0xffffffffu
#define EDX_HANDLED		0x80000000u
#define NR_REASONS		86

#define R_CPUID			10
#define R_IO			30
#define R_WRMSR			32

#define TEST_PORT		0x1234
#define TIMEOUT			600

struct regs {
	uint32_t eax, ebx, ecx, edx;
};

static struct regs query(uint32_t leaf, uint32_t ecx)
{
	struct regs r;

	__cpuid(leaf, ecx, &r.eax, &r.ebx, &r.ecx, &r.edx);
	return r;
}

static uint64_t cycles_of(struct regs r)
{
	return (uint64_t)r.ebx << 32 | r.ecx;
}

/* The SDM defines basic exit reasons 0..81 but 35, 38, 42 and 71. */
static bool reason_defined(uint32_t r)
{
	return r < NR_REASONS && r != 35 && r != 38 && r != 42 && r != 71 &&
	       r != 82 && r != 83;
}

/*
 * A later query of the same value never shows less: counts grow modulo
 * 2^32 (by less than 2^31 here), cycles never shrink.
 */
static void assert_monotonic(struct regs *last, struct regs now,
			     uint32_t leaf, uint32_t ecx)
{
	__GUEST_ASSERT(now.eax - last->eax < (1u << 31) &&
		       cycles_of(now) >= cycles_of(*last),
		       "Leaf %x ECX %u went back: count %u -> %u, cycles %lu -> %lu",
		       leaf, ecx, last->eax, now.eax, cycles_of(*last),
		       cycles_of(now));
	*last = now;
}

static void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	TEST_ASSERT(fd >= 0, "Opening %s", path);
	TEST_ASSERT(write(fd, val, strlen(val)) == (ssize_t)strlen(val),
		    "Writing %s to %s", val, path);
	close(fd);
}

static struct kvm_vm *vm_with_leaves(int on)
{
	struct kvm_vm *vm = vm_create(1);

	if (on >= 0)
		vm_enable_cap(vm, KVM_CAP_X86_EXIT_STATS, on);
	return vm;
}

/* Run @vcpu until UCALL_DONE (or UCALL_SYNC: returned); TEST_PORT OUTs counted. */
static uint64_t run(struct kvm_vcpu *vcpu, struct ucall *uc, uint64_t *outs)
{
	for (;;) {
		vcpu_run(vcpu);
		if (vcpu->run->exit_reason == KVM_EXIT_IO &&
		    vcpu->run->io.port == TEST_PORT) {
			if (outs)
				(*outs)++;
			continue;
		}
		if (vcpu->run->exit_reason == KVM_EXIT_SHUTDOWN) {
			struct kvm_regs regs;
			struct kvm_sregs sregs;

			vcpu_regs_get(vcpu, &regs);
			vcpu_sregs_get(vcpu, &sregs);
			/* On AMD, KVM has already reset the vCPU (INIT). */
			TEST_FAIL("vCPU %u shut down (triple fault); now RIP %llx RSP %llx CR0 %llx CR3 %llx",
				  vcpu->id, regs.rip, regs.rsp, sregs.cr0, sregs.cr3);
		}
		TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_IO);
		switch (get_ucall(vcpu, uc)) {
		case UCALL_ABORT:
			REPORT_GUEST_ASSERT(*uc);
			break;
		case UCALL_SYNC:
		case UCALL_DONE:
			return uc->cmd;
		default:
			TEST_FAIL("Unexpected ucall %lu", uc->cmd);
		}
	}
}

static void run_to_done(struct kvm_vcpu *vcpu)
{
	struct ucall uc;

	TEST_ASSERT_EQ(run(vcpu, &uc, NULL), UCALL_DONE);
}

FIXTURE(stress) {
};

FIXTURE_SETUP(stress)
{
}

FIXTURE_TEARDOWN(stress)
{
}

/* ---- load ----------------------------------------------------------- */

#define MAX_VCPUS		64
#define CPUIDS_PER_ROUND	4
#define CHURN_CPUIDS		16

/* What each worker vCPU did, written by that vCPU only. */
struct tally {
	uint64_t rounds, cpuids, outs, wrmsrs, queries;
};

static struct tally tally[MAX_VCPUS];
/* Set by the host in the guest's memory: the workers finish their round. */
static bool stop;

static void guest_worker(uint32_t id)
{
	struct regs last[4] = {};
	static const uint32_t what[4][2] = {
		{ LEAF_TOTAL, 0 }, { LEAF_REASON, R_CPUID },
		{ LEAF_REASON, R_IO }, { LEAF_REASON, R_WRMSR },
	};
	struct tally *t = &tally[id];
	int i;

	while (!READ_ONCE(stop)) {
		for (i = 0; i < CPUIDS_PER_ROUND; i++)
			query(0, 0);
		t->cpuids += CPUIDS_PER_ROUND;
		asm volatile("outb %%al, %%dx"
			     : : "a"((uint8_t)id), "d"((uint16_t)TEST_PORT));
		t->outs++;
		wrmsr(MSR_IA32_UCODE_REV, 0);
		t->wrmsrs++;
		for (i = 0; i < 4; i++)
			assert_monotonic(&last[i],
					 query(what[i][0], what[i][1]),
					 what[i][0], what[i][1]);
		__GUEST_ASSERT(last[0].edx == SIGNATURE,
			       "vCPU %u: no signature in the totals: %x",
			       id, last[0].edx);
		t->queries += 4;
		t->rounds++;
	}
	GUEST_DONE();
}

/* Runs after the workers: the VM-wide sums, the exits of this vCPU included. */
static void guest_checker(void)
{
	struct regs io = query(LEAF_REASON, R_IO);
	struct regs wrmsr = query(LEAF_REASON, R_WRMSR);
	struct regs cpuid = query(LEAF_REASON, R_CPUID);

	GUEST_SYNC_ARGS(0, cpuid.eax, io.eax, wrmsr.eax, 0);
	GUEST_DONE();
}

/* A VM of its own: exact, whatever the other VMs do. */
static void guest_churn(void)
{
	struct regs q0, q1, t;
	int i;

	q0 = query(LEAF_REASON, R_CPUID);
	for (i = 0; i < CHURN_CPUIDS; i++)
		query(0, 0);
	q1 = query(LEAF_REASON, R_CPUID);
	t = query(LEAF_TOTAL, 0);
	__GUEST_ASSERT(q1.eax - q0.eax == CHURN_CPUIDS + 1 && t.edx == SIGNATURE,
		       "New VM: CPUID count grew by %u (expected %u), signature %x",
		       q1.eax - q0.eax, CHURN_CPUIDS + 1, t.edx);
	GUEST_DONE();
}

struct worker {
	pthread_t thread;
	struct kvm_vcpu *vcpu;
	uint64_t outs;
};

static void *worker_thread(void *arg)
{
	struct worker *w = arg;
	struct ucall uc;

	TEST_ASSERT_EQ(run(w->vcpu, &uc, &w->outs), UCALL_DONE);
	return NULL;
}

static bool churn_stop;
static uint64_t churn_vms;

static void *churn_thread(void *arg)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;

	while (!READ_ONCE(churn_stop)) {
		vm = vm_with_leaves(1);
		vcpu = vm_vcpu_add(vm, 0, guest_churn);
		run_to_done(vcpu);
		kvm_vm_free(vm);
		churn_vms++;
	}
	return NULL;
}

static unsigned int stress_seconds(void)
{
	const char *s = getenv("EXIT_STATS_STRESS_SECONDS");

	return s && *s ? atoi(s) : 10;
}

TEST_F_TIMEOUT(stress, load, TIMEOUT)
{
	int nr_cpus = get_nprocs();
	int nr = nr_cpus * 2 + 2 < MAX_VCPUS ? nr_cpus * 2 + 2 : MAX_VCPUS;
	uint64_t cpuids = 0, outs = 0, wrmsrs = 0, queries = 0, rounds = 0;
	struct worker workers[MAX_VCPUS] = {};
	struct kvm_vcpu *checker;
	pthread_t churn;
	struct kvm_vm *vm;
	struct ucall uc;
	int i;

	vm = vm_create(nr + 1);
	vm_enable_cap(vm, KVM_CAP_X86_EXIT_STATS, 1);
	for (i = 0; i < nr; i++) {
		workers[i].vcpu = vm_vcpu_add(vm, i, guest_worker);
		vcpu_args_set(workers[i].vcpu, 1, i);
	}
	checker = vm_vcpu_add(vm, nr, guest_checker);

	for (i = 0; i < nr; i++)
		pthread_create(&workers[i].thread, NULL, worker_thread, &workers[i]);
	pthread_create(&churn, NULL, churn_thread, NULL);

	sleep(stress_seconds());
	write_guest_global(vm, stop, true);
	WRITE_ONCE(churn_stop, true);
	for (i = 0; i < nr; i++)
		pthread_join(workers[i].thread, NULL);
	pthread_join(churn, NULL);

	sync_global_from_guest(vm, tally);
	for (i = 0; i < nr; i++) {
		TEST_ASSERT(tally[i].outs == workers[i].outs,
			    "vCPU %d: %lu OUTs, the host saw %lu",
			    i, tally[i].outs, workers[i].outs);
		rounds += tally[i].rounds;
		cpuids += tally[i].cpuids;
		outs += tally[i].outs;
		wrmsrs += tally[i].wrmsrs;
		queries += tally[i].queries;
	}

	TEST_ASSERT_EQ(run(checker, &uc, NULL), UCALL_SYNC);
	/* The queries are CPUIDs; the checker made 3 so far. */
	TEST_ASSERT_EQ(uc.args[2], (uint32_t)(cpuids + queries + 3));
	/* Each worker's GUEST_DONE is port I/O too. */
	TEST_ASSERT_EQ(uc.args[3], (uint32_t)(outs + nr));
	TEST_ASSERT_EQ(uc.args[4], (uint32_t)wrmsrs);
	run_to_done(checker);
	kvm_vm_free(vm);

	ksft_print_msg("load: %d vCPUs on %d CPU(s) for %u s: %lu rounds, %lu exits (CPUID %lu, I/O %lu, WRMSR %lu), %lu queries; %lu VMs created and destroyed meanwhile\n",
		       nr, nr_cpus, stress_seconds(), rounds,
		       cpuids + queries + outs + wrmsrs, cpuids + queries,
		       outs, wrmsrs, queries, churn_vms);
}

/* ---- hostile_ecx -------------------------------------------------------- */

#define NR_RANDOM_ECX		20000

/*
 * Marsaglia's xorshift32: the test's own, as the selftest library's
 * generator changed its name between 6.12 and 7.3.
 */
static uint32_t next_random(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

static void guest_hostile(uint32_t seed)
{
	static const uint32_t leaves[4] = {
		LEAF_TOTAL, LEAF_TOTAL_ALT, LEAF_REASON, LEAF_REASON_ALT,
	};
	uint32_t rng = seed ? seed : 1;
	struct regs last = {}, r;
	uint32_t ecx, rnd;
	int i;

	for (i = 0; i < NR_RANDOM_ECX; i++) {
		rnd = next_random(&rng);
		switch (i % 4) {
		case 0:		/* any 32-bit value */
			ecx = rnd;
			break;
		case 1:		/* around the defined reasons */
			ecx = rnd % 128;
			break;
		case 2:		/* a reason in the low bits, more above */
			ecx = (rnd & ~0xffffu ? rnd & ~0xffffu : 0x10000) |
			      (rnd % NR_REASONS);
			break;
		default:	/* below 0x10000 */
			ecx = rnd & 0xffff;
			break;
		}
		r = query(leaves[(i / 4) % 4], ecx);
		if (leaves[(i / 4) % 4] >= LEAF_TOTAL_ALT) {
			__GUEST_ASSERT(r.edx == SIGNATURE,
				       "Totals with ECX %x: EDX %x", ecx, r.edx);
			assert_monotonic(&last, r, LEAF_TOTAL, ecx);
		} else if (reason_defined(ecx)) {
			/*
			 * Handled (fewer than 2^31 exits here), or all zero;
			 * KVM handles CPUID, port I/O and WRMSR on both vendors.
			 */
			bool handled = ecx == R_CPUID || ecx == R_IO || ecx == R_WRMSR;

			__GUEST_ASSERT(r.edx == EDX_HANDLED ||
				       (!handled && !r.eax && !r.ebx && !r.ecx && !r.edx),
				       "Reason %u: %x %x %x %x, expected EDX %x or all 0",
				       ecx, r.eax, r.ebx, r.ecx, r.edx, EDX_HANDLED);
		} else {
			__GUEST_ASSERT(!r.eax && !r.ebx && !r.ecx &&
				       r.edx == EDX_UNDEFINED,
				       "Undefined reason %x: %x %x %x %x",
				       ecx, r.eax, r.ebx, r.ecx, r.edx);
		}
	}
	GUEST_DONE();
}

TEST_F_TIMEOUT(stress, hostile_ecx, TIMEOUT)
{
	const char *env = getenv("EXIT_STATS_STRESS_SEED");
	uint32_t seed = env ? strtoul(env, NULL, 0) : time(NULL);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = vm_with_leaves(1);

	vcpu = vm_vcpu_add(vm, 0, guest_hostile);
	vcpu_args_set(vcpu, 1, seed);
	run_to_done(vcpu);
	kvm_vm_free(vm);
	ksft_print_msg("hostile_ecx: %u ECX values (seed %u, EXIT_STATS_STRESS_SEED reruns it)\n",
		       NR_RANDOM_ECX, seed);
}

/* ---- leaf_range --------------------------------------------------------- */

#define RANGE_FIRST		0x4fffff00u
#define RANGE_LEAVES		256
#define RANGE_ECXS		4

static const uint32_t range_ecx[RANGE_ECXS] = { 0, 1, R_CPUID, 0xdeadbeef };
static struct regs range_out[RANGE_LEAVES][RANGE_ECXS];

static void guest_range(void)
{
	int l, e;

	for (l = 0; l < RANGE_LEAVES; l++)
		for (e = 0; e < RANGE_ECXS; e++)
			range_out[l][e] = query(RANGE_FIRST + l, range_ecx[e]);
	GUEST_DONE();
}

static void read_range(int on, struct regs out[RANGE_LEAVES][RANGE_ECXS])
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = vm_with_leaves(on);

	vcpu = vm_vcpu_add(vm, 0, guest_range);
	run_to_done(vcpu);
	sync_global_from_guest(vm, range_out);
	memcpy(out, range_out, sizeof(range_out));
	kvm_vm_free(vm);
}

TEST_F_TIMEOUT(stress, leaf_range, TIMEOUT)
{
	static struct regs on[RANGE_LEAVES][RANGE_ECXS];
	static struct regs off[RANGE_LEAVES][RANGE_ECXS];
	int l, e, live = 0;

	read_range(1, on);
	read_range(0, off);
	for (l = 0; l < RANGE_LEAVES; l++) {
		uint32_t leaf = RANGE_FIRST + l;

		for (e = 0; e < RANGE_ECXS; e++) {
			if (leaf >= LEAF_REASON_ALT) {
				live += memcmp(&on[l][e], &off[l][e],
					       sizeof(struct regs)) != 0;
				continue;
			}
			TEST_ASSERT(!memcmp(&on[l][e], &off[l][e], sizeof(struct regs)),
				    "Leaf %x ECX %x: %x %x %x %x with the leaves, %x %x %x %x without",
				    leaf, range_ecx[e], on[l][e].eax, on[l][e].ebx,
				    on[l][e].ecx, on[l][e].edx, off[l][e].eax,
				    off[l][e].ebx, off[l][e].ecx, off[l][e].edx);
		}
	}
	TEST_ASSERT_EQ(on[RANGE_LEAVES - 1][0].edx, SIGNATURE);
	TEST_ASSERT(off[RANGE_LEAVES - 1][0].edx != SIGNATURE,
		    "Signature without the leaves");
	ksft_print_msg("leaf_range: %d leaves x %d ECX values, %d of the 16 answers of the four leaves differ\n",
		       RANGE_LEAVES, RANGE_ECXS, live);
}

/* ---- isolation ---------------------------------------------------------- */

static struct regs iso_out[4];

static void guest_four_leaves(void)
{
	iso_out[0] = query(LEAF_TOTAL, 0);
	iso_out[1] = query(LEAF_TOTAL_ALT, 0);
	iso_out[2] = query(LEAF_REASON, R_CPUID);
	iso_out[3] = query(LEAF_REASON_ALT, R_CPUID);
	GUEST_DONE();
}

/* The four leaves as a new vCPU of @vm sees them. */
static void four_leaves(struct kvm_vm *vm, struct regs out[4])
{
	struct kvm_vcpu *vcpu = vm_vcpu_add(vm, 0, guest_four_leaves);

	run_to_done(vcpu);
	sync_global_from_guest(vm, iso_out);
	memcpy(out, iso_out, sizeof(iso_out));
}

#define PARAM "/sys/module/kvm/parameters/exit_stats_cpuid"

static char read_param(void)
{
	char c = 0;
	int fd = open(PARAM, O_RDONLY);

	TEST_ASSERT(fd >= 0 && read(fd, &c, 1) == 1, "Reading " PARAM);
	close(fd);
	return c;
}

TEST_F_TIMEOUT(stress, isolation, TIMEOUT)
{
	struct regs stock[4], now[4];
	struct kvm_vm *on, *off, *before, *after;
	char saved;

	/* Stock values, while no VM has the leaves. */
	off = vm_with_leaves(0);
	four_leaves(off, stock);
	kvm_vm_free(off);
	TEST_ASSERT(stock[0].edx != SIGNATURE, "Signature without the leaves");

	/* A VM without them, while another one has them on and exits. */
	on = vm_with_leaves(1);
	four_leaves(on, now);
	TEST_ASSERT_EQ(now[0].edx, SIGNATURE);
	off = vm_with_leaves(0);
	four_leaves(off, now);
	TEST_ASSERT(!memcmp(now, stock, sizeof(stock)),
		    "A VM without the leaves saw %x %x %x %x in 0x4FFFFFFF while another VM had them on; stock: %x %x %x %x",
		    now[0].eax, now[0].ebx, now[0].ecx, now[0].edx,
		    stock[0].eax, stock[0].ebx, stock[0].ecx, stock[0].edx);
	kvm_vm_free(off);
	kvm_vm_free(on);

	if (access(PARAM, W_OK))
		SKIP(return, "Cannot write " PARAM);
	saved = read_param();

	/* The parameter is latched when the VM is created. */
	write_file(PARAM, "N");
	before = vm_with_leaves(-1);
	write_file(PARAM, "Y");
	after = vm_with_leaves(-1);
	write_file(PARAM, "N");
	four_leaves(before, now);
	TEST_ASSERT(now[0].edx != SIGNATURE,
		    "A VM created before exit_stats_cpuid=Y has the leaves");
	four_leaves(after, now);
	TEST_ASSERT(now[0].edx == SIGNATURE,
		    "A VM created while exit_stats_cpuid=Y lost the leaves when it went back to N");
	kvm_vm_free(before);
	kvm_vm_free(after);
	write_file(PARAM, saved == 'Y' ? "Y" : "N");
}

/* ---- vcpu_fault --------------------------------------------------------- */

#define FAIL_NTH		"/proc/thread-self/fail-nth"
#define FAILSLAB_GFP_WAIT	"/sys/kernel/debug/failslab/ignore-gfp-wait"
#define MAX_FAULTS		1000

static void guest_signature(void)
{
	GUEST_ASSERT_EQ(query(LEAF_TOTAL, 0).edx, SIGNATURE);
	GUEST_DONE();
}

/*
 * KVM_CREATE_VCPU with the n-th fault-injection site that it reaches failing,
 * for n = 1, 2, ... until it reaches fewer than n (fail-nth reads back
 * non-zero): every allocation of the vCPU fails once, the statistics' own
 * among them.  fail-nth stays open so that nothing but the ioctl runs armed.
 */
TEST_F_TIMEOUT(stress, vcpu_fault, TIMEOUT)
{
	int n, fd, nth, faults = 0, tolerated = 0;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	char buf[16];

	nth = open(FAIL_NTH, O_RDWR);
	if (nth < 0 || access(FAILSLAB_GFP_WAIT, W_OK))
		SKIP(return, "No fault injection (CONFIG_FAULT_INJECTION, CONFIG_FAILSLAB, debugfs)");

	/* KVM allocates with GFP_KERNEL_ACCOUNT, which failslab skips by default. */
	write_file(FAILSLAB_GFP_WAIT, "N");
	vm = vm_with_leaves(1);
	for (n = 1; n <= MAX_FAULTS; n++) {
		snprintf(buf, sizeof(buf), "%d", n);
		TEST_ASSERT(pwrite(nth, buf, strlen(buf), 0) > 0, "Arming " FAIL_NTH);
		fd = ioctl(vm->fd, KVM_CREATE_VCPU, n);
		memset(buf, 0, sizeof(buf));
		TEST_ASSERT(pread(nth, buf, sizeof(buf) - 1, 0) > 0, "Reading " FAIL_NTH);
		TEST_ASSERT(pwrite(nth, "0", 1, 0) == 1, "Disarming " FAIL_NTH);
		if (atoi(buf))
			break;		/* not injected: fewer than n sites */
		if (fd < 0) {
			faults++;
		} else {
			tolerated++;	/* injected, and KVM did without */
			close(fd);
		}
	}
	close(nth);
	write_file(FAILSLAB_GFP_WAIT, "Y");
	TEST_ASSERT(fd >= 0, "KVM_CREATE_VCPU failed without an injected fault: errno %d", errno);
	close(fd);
	TEST_ASSERT(faults > 0, "No fault was injected into KVM_CREATE_VCPU");

	/* The VM is usable: another vCPU runs and reads the leaves. */
	vcpu = vm_vcpu_add(vm, n + 1, guest_signature);
	run_to_done(vcpu);
	kvm_vm_free(vm);
	ksft_print_msg("vcpu_fault: KVM_CREATE_VCPU failed %d times (%d more faults tolerated), one injected fault each, then succeeded\n",
		       faults, tolerated);
}

int main(int argc, char *argv[])
{
	TEST_REQUIRE(kvm_has_cap(KVM_CAP_X86_EXIT_STATS));
	return test_harness_run(argc, argv);
}

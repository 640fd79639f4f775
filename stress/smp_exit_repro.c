// SPDX-License-Identifier: GPL-2.0-only
/*
 * smp_exit_repro: exit_stats_stress' load with nothing of the series in it,
 * to tell an emulator's bug from KVM's or the series'. Stock KVM and the
 * stock selftest library only, so it runs on the unpatched kernel too.
 *
 * More vCPUs than CPUs exit to KVM in a loop (CPUID, and an OUT to
 * userspace every round), while, optionally, a thread creates, runs and
 * destroys VMs of one vCPU. Any exit but the expected ones fails, with the
 * vCPU's state for a shutdown (a triple fault in the guest).
 *
 *   smp_exit_repro [-s SECONDS] [-v VCPUS] [-c]
 *     -s  how long the vCPUs run (default 10)
 *     -v  how many vCPUs (default 2 per CPU plus 2, as exit_stats_stress)
 *     -c  also create and destroy VMs meanwhile (as exit_stats_stress)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "test_util.h"
#include "kvm_util.h"
#include "processor.h"

#define TEST_PORT	0x1234
#define MAX_VCPUS	64
#define CPUIDS		4

/* Set by the host in the guest's memory: the workers finish their round. */
static bool stop;
static bool churn_stop;
static uint64_t churn_vms;

static void guest_worker(void)
{
	uint32_t a, b, c, d;
	int i;

	while (!READ_ONCE(stop)) {
		for (i = 0; i < CPUIDS; i++)
			__cpuid(0, 0, &a, &b, &c, &d);
		asm volatile("outb %%al, %%dx" : : "a"(0), "d"((uint16_t)TEST_PORT));
	}
	GUEST_DONE();
}

static void guest_churn(void)
{
	uint32_t a, b, c, d;
	int i;

	for (i = 0; i < 16; i++)
		__cpuid(0, 0, &a, &b, &c, &d);
	GUEST_DONE();
}

/* Run @vcpu to GUEST_DONE, counting its OUTs to TEST_PORT. */
static uint64_t run(struct kvm_vcpu *vcpu)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	struct ucall uc;
	uint64_t outs = 0;

	for (;;) {
		vcpu_run(vcpu);
		if (vcpu->run->exit_reason == KVM_EXIT_IO &&
		    vcpu->run->io.port == TEST_PORT) {
			outs++;
			continue;
		}
		if (vcpu->run->exit_reason == KVM_EXIT_SHUTDOWN) {
			vcpu_regs_get(vcpu, &regs);
			vcpu_sregs_get(vcpu, &sregs);
			TEST_FAIL("vCPU %u shut down (triple fault) after %lu OUTs; now RIP %llx RSP %llx CR0 %llx CR3 %llx",
				  vcpu->id, outs, regs.rip, regs.rsp, sregs.cr0, sregs.cr3);
		}
		TEST_ASSERT_KVM_EXIT_REASON(vcpu, KVM_EXIT_IO);
		switch (get_ucall(vcpu, &uc)) {
		case UCALL_DONE:
			return outs;
		case UCALL_ABORT:
			REPORT_GUEST_ASSERT(uc);
		default:
			TEST_FAIL("Unexpected ucall %lu", uc.cmd);
		}
	}
}

static void *worker_thread(void *arg)
{
	run(arg);
	return NULL;
}

static void *churn_thread(void *arg)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;

	while (!READ_ONCE(churn_stop)) {
		vm = vm_create_with_one_vcpu(&vcpu, guest_churn);
		run(vcpu);
		kvm_vm_free(vm);
		churn_vms++;
	}
	return NULL;
}

int main(int argc, char *argv[])
{
	int nr_cpus = get_nprocs(), seconds = 10, nr = 0, opt, i;
	pthread_t threads[MAX_VCPUS], churn;
	struct kvm_vcpu *vcpus[MAX_VCPUS];
	bool with_churn = false;
	struct kvm_vm *vm;

	while ((opt = getopt(argc, argv, "s:v:c")) != -1) {
		switch (opt) {
		case 's':
			seconds = atoi(optarg);
			break;
		case 'v':
			nr = atoi(optarg);
			break;
		case 'c':
			with_churn = true;
			break;
		default:
			TEST_FAIL("usage: %s [-s SECONDS] [-v VCPUS] [-c]", argv[0]);
		}
	}
	if (nr <= 0)
		nr = nr_cpus * 2 + 2;
	TEST_ASSERT(nr <= MAX_VCPUS, "At most %d vCPUs", MAX_VCPUS);

	vm = vm_create_with_vcpus(nr, guest_worker, vcpus);
	for (i = 0; i < nr; i++)
		pthread_create(&threads[i], NULL, worker_thread, vcpus[i]);
	if (with_churn)
		pthread_create(&churn, NULL, churn_thread, NULL);

	sleep(seconds);
	write_guest_global(vm, stop, true);
	WRITE_ONCE(churn_stop, true);
	for (i = 0; i < nr; i++)
		pthread_join(threads[i], NULL);
	if (with_churn)
		pthread_join(churn, NULL);
	kvm_vm_free(vm);

	printf("smp_exit_repro: %d vCPUs on %d CPU(s) for %d s, %lu VMs created and destroyed meanwhile: no unexpected exit\n",
	       nr, nr_cpus, seconds, churn_vms);
	return 0;
}

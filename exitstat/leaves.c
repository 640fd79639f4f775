// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the leaves: discovery as exit-leaves.rst documents it, one
 * snapshot of every reason and the totals, and differences of snapshots.
 */
#include <string.h>

#include "exitstat.h"

/* The totals' count is 32 bits wide; a reason's is EDX[30:0]:EAX. */
struct tally tally_of(struct regs r, bool reason)
{
	uint64_t count = r.eax;

	if (reason)
		count |= (uint64_t)(r.edx & ~HANDLED_EDX) << 32;
	return (struct tally){ count, (uint64_t)r.ebx << 32 | r.ecx };
}

static bool hv_is_kvm(cpuid_fn cpuid, uint32_t base, char hv_sig[13])
{
	struct regs r = cpuid(base, 0);

	memcpy(hv_sig, &r.ebx, 4);
	memcpy(hv_sig + 4, &r.ecx, 4);
	memcpy(hv_sig + 8, &r.edx, 4);
	hv_sig[12] = '\0';
	return !memcmp(hv_sig, "KVMKVMKVM\0\0\0", 12);
}

/*
 * As exit-leaves.rst says, the one test is the totals leaf's EDX: "EXIT".
 * Without the statistics the leaves return the VMM's entries or KVM's
 * out-of-range answer (for an Intel guest the highest basic leaf, e.g.
 * topology), never that signature. The leaves do not depend on KVM's
 * signature, which a VMM may hide or move to 0x40000100 (with Hyper-V's at
 * 0x40000000): the rest only says why the leaves are not there.
 */
enum detect detect(cpuid_fn cpuid, char hv_sig[13], uint32_t *edx)
{
	hv_sig[0] = '\0';
	*edx = cpuid(LEAF_TOTAL, 0).edx;
	if (*edx == EXIT_SIGNATURE)
		return DETECT_OK;

	if (!(cpuid(1, 0).ecx & (1u << 31)))
		return DETECT_NO_HYPERVISOR;
	if (hv_is_kvm(cpuid, 0x40000000, hv_sig))
		return DETECT_LEAVES_OFF;
	{
		char other[13];

		if (hv_is_kvm(cpuid, 0x40000100, other)) {
			memcpy(hv_sig, other, sizeof(other));
			return DETECT_LEAVES_OFF;
		}
	}
	return DETECT_NOT_KVM;
}

enum vendor cpu_vendor(cpuid_fn cpuid)
{
	struct regs r = cpuid(0, 0);
	char v[13];

	memcpy(v, &r.ebx, 4);
	memcpy(v + 4, &r.edx, 4);
	memcpy(v + 8, &r.ecx, 4);
	v[12] = '\0';
	if (!strcmp(v, "GenuineIntel"))
		return VENDOR_INTEL;
	if (!strcmp(v, "AuthenticAMD") || !strcmp(v, "HygonGenuine"))
		return VENDOR_AMD;
	return VENDOR_OTHER;
}

/*
 * Every query is a CPUID exit of its own, counted in what it returns. To
 * keep the totals comparable with the sum of the reasons, CPUID (10) is
 * read last, right before the totals: the only exit of this snapshot that
 * the totals then contain and the reasons do not is the totals query
 * itself, which totals_only() takes off.
 */
void take_snapshot(cpuid_fn cpuid, struct snapshot *s)
{
	unsigned int i;
	struct regs r;

	s->queries = 0;
	s->delta = false;
	for (i = 0; i <= MAX_REASON + 1; i++) {
		unsigned int reason = i == MAX_REASON + 1 ? R_CPUID : i;

		if (i == R_CPUID)
			continue;
		r = cpuid(LEAF_REASON, reason);
		s->own_cpuid = ++s->queries;
		s->defined[reason] = r.edx != UNDEFINED_EDX;
		s->handled[reason] = s->defined[reason] && (r.edx & HANDLED_EDX);
		s->reason[reason] = s->handled[reason] ? tally_of(r, true) :
							 (struct tally){ 0, 0 };
	}
	s->total = tally_of(cpuid(LEAF_TOTAL, 0), false);
	s->own_total = ++s->queries;
	s->excluded.done = false;
}

/*
 * A reason's count is 63 bits wide and never wraps; the totals' is the low
 * 32 bits of a 64-bit counter: its differences wrap.
 */
void snapshot_delta(const struct snapshot *now, const struct snapshot *then,
		    struct snapshot *d)
{
	unsigned int i;

	*d = *now;
	d->delta = true;
	d->time = now->time - then->time;
	for (i = 0; i <= MAX_REASON; i++) {
		d->reason[i].count = now->reason[i].count - then->reason[i].count;
		d->reason[i].cycles = now->reason[i].cycles - then->reason[i].cycles;
	}
	d->total.count = (uint32_t)(now->total.count - then->total.count);
	d->total.cycles = now->total.cycles - then->total.cycles;
	d->own_cpuid = now->own_cpuid - then->own_cpuid;
	d->own_total = now->own_total - then->own_total;
}

struct tally sum_reasons(const struct snapshot *s)
{
	struct tally sum = { 0, 0 };
	unsigned int i;

	for (i = 0; i <= MAX_REASON; i++) {
		sum.count += s->reason[i].count;
		sum.cycles += s->reason[i].cycles;
	}
	return sum;
}

/*
 * What the totals hold beyond the sum of the reasons: on AMD the SVM exits
 * without an SDM reason, nested exits under reasons KVM does not handle,
 * plus whatever other vCPUs (or interrupts) did while this snapshot was
 * being read. A snapshot's totals also hold its own totals query, which
 * the reasons do not: it is taken off. In a difference of two snapshots
 * it cancels out (the previous totals query is in the new reasons). So
 * do both after exclude_self().
 * A snapshot reads the leaves one after the other, so the reasons of a
 * difference can hold a few exits more than its totals: then it is 0,
 * never a count wrapped below zero.
 */
struct tally totals_only(const struct snapshot *s)
{
	struct tally sum = sum_reasons(s);
	struct tally t = s->total;
	uint32_t count = sum.count + (s->own_total - s->own_cpuid);
	uint32_t only = t.count - count;

	/* The totals' count is 32 bits: compare modulo 2^32. */
	t.count = (int32_t)only > 0 ? only : 0;
	t.cycles = t.cycles > sum.cycles ? t.cycles - sum.cycles : 0;
	return t;
}

/*
 * Take exitstat's own CPUIDs out of reason 10 and the totals: their
 * count, and as their cycles, that many times the mean cycles of the
 * CPUID exits in S (the leaves give no single exit's cycles). A count
 * below exitstat's own (after a migration, the values start over) is 0.
 */
void exclude_self(struct snapshot *s)
{
	struct tally *c = &s->reason[R_CPUID];
	uint64_t n = c->count < s->own_cpuid ? c->count : s->own_cpuid;
	uint64_t cycles = n ? (unsigned __int128)c->cycles * n / c->count : 0;

	c->count -= n;
	c->cycles -= cycles;
	s->total.count = (uint32_t)(s->total.count - s->own_total);
	s->total.cycles -= s->total.cycles < cycles ? s->total.cycles : cycles;
	s->excluded.done = true;
	s->excluded.cpuid = s->own_cpuid;
	s->excluded.total = s->own_total;
	s->excluded.cycles = cycles;
	s->own_cpuid = s->own_total = 0;
}

/*
 * Whose exits these are, from the reasons the host's KVM handles: VMX's
 * handles the exits of the VMX instructions, VMCLEAR to VMXON (19-27),
 * for which SVM has no exit code (exit-leaves.rst, "AMD (SVM) hosts").
 * Unlike CPUID leaf 0, this is the host's vendor even where the VMM
 * presents another one to the guest.
 */
enum vendor host_vendor(const struct snapshot *s)
{
	unsigned int r;

	for (r = R_VMCLEAR; r <= R_VMXON; r++) {
		if (s->handled[r])
			return VENDOR_INTEL;
	}
	return VENDOR_AMD;
}

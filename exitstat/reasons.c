// SPDX-License-Identifier: GPL-2.0
/*
 * The names of the basic exit reasons KVM knows: the table "Basic exit
 * reasons" of exit-leaves.rst, and for those that SVM exits translate to,
 * the SVM exit codes of its table "AMD (SVM) hosts" (CRn: CR0 to CR15);
 * tests/doc-table.sh checks both against it. Which of them KVM handles is
 * not here: the leaves say it (EDX bit 31).
 */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>

#include "exitstat.h"

const struct reason_info reasons[MAX_REASON + 1] = {
	[0] = { "Exception or NMI", "EXCP_BASE+vector, NMI, ICEBP" },
	[1] = { "External interrupt", "INTR" },
	[2] = { "Triple fault", "SHUTDOWN" },
	[3] = { "INIT signal", "INIT" },
	[4] = { "Start-up IPI" },
	[5] = { "I/O SMI" },
	[6] = { "Other SMI", "SMI" },
	[7] = { "Interrupt window", "VINTR" },
	[8] = { "NMI window", "IRET" },
	[9] = { "Task switch", "TASK_SWITCH" },
	[10] = { "CPUID", "CPUID" },
	[11] = { "GETSEC" },
	[12] = { "HLT", "HLT, IDLE_HLT" },
	[13] = { "INVD", "INVD" },
	[14] = { "INVLPG", "INVLPG" },
	[15] = { "RDPMC", "RDPMC" },
	[16] = { "RDTSC", "RDTSC" },
	[17] = { "RSM", "RSM" },
	[18] = { "VMCALL", "VMMCALL" },
	[19] = { "VMCLEAR" },
	[20] = { "VMLAUNCH" },
	[21] = { "VMPTRLD" },
	[22] = { "VMPTRST" },
	[23] = { "VMREAD" },
	[24] = { "VMRESUME" },
	[25] = { "VMWRITE" },
	[26] = { "VMXOFF" },
	[27] = { "VMXON" },
	[28] = { "Control-register access",
		"READ_CRn, WRITE_CRn, CR0_SEL_WRITE" },
	[29] = { "MOV DR", "READ_DRn, WRITE_DRn" },
	[30] = { "I/O instruction", "IOIO" },
	[31] = { "RDMSR", "MSR (read)" },
	[32] = { "WRMSR", "MSR (write)" },
	[33] = { "VM-entry failure, guest state", "ERR (failed VMRUN)" },
	[34] = { "VM-entry failure, MSR loading" },
	[36] = { "MWAIT", "MWAIT, MWAIT_COND" },
	[37] = { "Monitor trap flag" },
	[39] = { "MONITOR", "MONITOR" },
	[40] = { "PAUSE", "PAUSE" },
	[41] = { "VM-entry failure, machine check" },
	[43] = { "TPR below threshold" },
	[44] = { "APIC access", "AVIC_UNACCELERATED_ACCESS (fault)" },
	[45] = { "Virtualized EOI" },
	[46] = { "GDTR or IDTR access",
		"IDTR_READ/WRITE, GDTR_READ/WRITE" },
	[47] = { "LDTR or TR access", "LDTR_READ/WRITE, TR_READ/WRITE" },
	[48] = { "EPT violation", "NPF" },
	[49] = { "EPT misconfiguration", "NPF with PFERR_RSVD (MMIO)" },
	[50] = { "INVEPT" },
	[51] = { "RDTSCP", "RDTSCP" },
	[52] = { "VMX-preemption timer expired" },
	[53] = { "INVVPID" },
	[54] = { "WBINVD or WBNOINVD", "WBINVD" },
	[55] = { "XSETBV", "XSETBV" },
	[56] = { "APIC write", "AVIC_UNACCELERATED_ACCESS (trap)" },
	[57] = { "RDRAND" },
	[58] = { "INVPCID", "INVPCID" },
	[59] = { "VMFUNC" },
	[60] = { "ENCLS" },
	[61] = { "RDSEED" },
	[62] = { "Page-modification log full" },
	[63] = { "XSAVES" },
	[64] = { "XRSTORS" },
	[65] = { "PCONFIG" },
	[66] = { "SPP-related event" },
	[67] = { "UMWAIT" },
	[68] = { "TPAUSE" },
	[69] = { "LOADIWKEY" },
	[70] = { "ENCLV" },
	[72] = { "ENQCMD PASID translation failure" },
	[73] = { "ENQCMDS PASID translation failure" },
	[74] = { "Bus lock", "BUS_LOCK" },
	[75] = { "Instruction timeout" },
	[76] = { "SEAMCALL" },
	[77] = { "TDCALL" },
	[78] = { "RDMSRLIST" },
	[79] = { "WRMSRLIST" },
	[80] = { "URDMSR" },
	[81] = { "UWRMSR" },
	[84] = { "RDMSR with immediate operand" },
	[85] = { "WRMSRNS with immediate operand" },
};

/*
 * A reason's name: its SVM exit codes for NAMES AMD where it has them, else
 * the SDM's name.
 */
const char *reason_name(unsigned int r, enum vendor names)
{
	if (r > MAX_REASON || !reasons[r].name)
		return "(not in this tool's table)";
	if (names == VENDOR_AMD && reasons[r].svm)
		return reasons[r].svm;
	return reasons[r].name;
}

static bool is_number(const char *s)
{
	if (!*s)
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	return !*s;
}

static bool matches(const regex_t *re, const char *name)
{
	return name && !regexec(re, name, 0, NULL, 0);
}

/*
 * Add to PICK the reasons that PATTERN selects: a reason's number, or an
 * extended regular expression that its SDM or SVM name matches, ignoring
 * case (so a word is a substring). Returns how many it selects, or -1 for
 * a bad expression, with regerror()'s message in ERR.
 */
int filter_reasons(const char *pattern, bool pick[MAX_REASON + 1],
		   char *err, size_t len)
{
	unsigned int r, n = 0;
	regex_t re;
	int ret;

	if (is_number(pattern)) {
		unsigned long v = strtoul(pattern, NULL, 10);

		if (v > MAX_REASON)
			return 0;
		pick[v] = true;
		return 1;
	}
	ret = regcomp(&re, pattern, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (ret) {
		regerror(ret, &re, err, len);
		return -1;
	}
	for (r = 0; r <= MAX_REASON; r++) {
		if (matches(&re, reasons[r].name) ||
		    matches(&re, reasons[r].svm)) {
			pick[r] = true;
			n++;
		}
	}
	regfree(&re);
	return n;
}

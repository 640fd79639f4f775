// SPDX-License-Identifier: GPL-2.0
/*
 * vmxcap: what the VMX implementation of this CPU lets a hypervisor do.
 *
 * On load, reads the VMX capability MSRs (Intel SDM Vol. 3D, Appendix A
 * "VMX Capability Reporting Facility") on the CPU it loads on, and reports,
 * with the SDM's names, for every VM-execution, VM-exit and VM-entry
 * control whether a hypervisor can set it and whether it can clear it, and
 * decodes IA32_VMX_BASIC, IA32_VMX_MISC, the EPT and VPID capabilities and
 * the VM functions.  The report goes to the kernel log and stays readable
 * in debugfs, <debugfs>/vmxcap, until the module is unloaded.  Without VMX
 * to report on, the module says why in one line and refuses to load.
 *
 * Control bits and MSR numbers are the kernel's own (asm/vmx.h,
 * asm/msr-index.h); the few that the kernel does not define are marked.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/seq_buf.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/cpufeature.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/vmx.h>

/* SDM Vol. 3D, A.4.2; not in asm/msr-index.h. */
#define VMXCAP_MSR_EXIT_CTLS2		0x493

#define VMXCAP_REPORT_SIZE		SZ_16K

/* One control or capability bit: its SDM name, and its /proc/cpuinfo flag. */
struct vmxcap_bit {
	u8 bit;
	const char *name;
	const char *flag;
};

/* A bit from a kernel mask, e.g. PIN_BASED_NMI_EXITING. */
#define B(mask, name)		{ ilog2(mask), name, NULL }
#define F(mask, name, flag)	{ ilog2(mask), name, flag }
/* A bit that asm/vmx.h does not define (yet): the SDM's bit number. */
#define N(nr, name)		{ nr, name, NULL }
#define END			{ 0, NULL, NULL }

static const struct vmxcap_bit pin_bits[] = {
	B(PIN_BASED_EXT_INTR_MASK, "External-interrupt exiting"),
	B(PIN_BASED_NMI_EXITING, "NMI exiting"),
	F(PIN_BASED_VIRTUAL_NMIS, "Virtual NMIs", "vnmi"),
	F(PIN_BASED_VMX_PREEMPTION_TIMER, "Activate VMX-preemption timer",
	  "preemption_timer"),
	F(PIN_BASED_POSTED_INTR, "Process posted interrupts", "posted_intr"),
	END
};

static const struct vmxcap_bit proc_bits[] = {
	B(CPU_BASED_INTR_WINDOW_EXITING, "Interrupt-window exiting"),
	F(CPU_BASED_USE_TSC_OFFSETTING, "Use TSC offsetting", "tsc_offset"),
	B(CPU_BASED_HLT_EXITING, "HLT exiting"),
	B(CPU_BASED_INVLPG_EXITING, "INVLPG exiting"),
	B(CPU_BASED_MWAIT_EXITING, "MWAIT exiting"),
	B(CPU_BASED_RDPMC_EXITING, "RDPMC exiting"),
	B(CPU_BASED_RDTSC_EXITING, "RDTSC exiting"),
	B(CPU_BASED_CR3_LOAD_EXITING, "CR3-load exiting"),
	B(CPU_BASED_CR3_STORE_EXITING, "CR3-store exiting"),
	B(CPU_BASED_ACTIVATE_TERTIARY_CONTROLS, "Activate tertiary controls"),
	B(CPU_BASED_CR8_LOAD_EXITING, "CR8-load exiting"),
	B(CPU_BASED_CR8_STORE_EXITING, "CR8-store exiting"),
	F(CPU_BASED_TPR_SHADOW, "Use TPR shadow", "vtpr"),
	B(CPU_BASED_NMI_WINDOW_EXITING, "NMI-window exiting"),
	B(CPU_BASED_MOV_DR_EXITING, "MOV-DR exiting"),
	B(CPU_BASED_UNCOND_IO_EXITING, "Unconditional I/O exiting"),
	B(CPU_BASED_USE_IO_BITMAPS, "Use I/O bitmaps"),
	F(CPU_BASED_MONITOR_TRAP_FLAG, "Monitor trap flag", "mtf"),
	B(CPU_BASED_USE_MSR_BITMAPS, "Use MSR bitmaps"),
	B(CPU_BASED_MONITOR_EXITING, "MONITOR exiting"),
	B(CPU_BASED_PAUSE_EXITING, "PAUSE exiting"),
	B(CPU_BASED_ACTIVATE_SECONDARY_CONTROLS, "Activate secondary controls"),
	END
};

static const struct vmxcap_bit proc2_bits[] = {
	F(SECONDARY_EXEC_VIRTUALIZE_APIC_ACCESSES, "Virtualize APIC accesses",
	  "vapic"),
	F(SECONDARY_EXEC_ENABLE_EPT, "Enable EPT", "ept"),
	B(SECONDARY_EXEC_DESC, "Descriptor-table exiting"),
	B(SECONDARY_EXEC_ENABLE_RDTSCP, "Enable RDTSCP"),
	B(SECONDARY_EXEC_VIRTUALIZE_X2APIC_MODE, "Virtualize x2APIC mode"),
	F(SECONDARY_EXEC_ENABLE_VPID, "Enable VPID", "vpid"),
	B(SECONDARY_EXEC_WBINVD_EXITING, "WBINVD exiting"),
	F(SECONDARY_EXEC_UNRESTRICTED_GUEST, "Unrestricted guest",
	  "unrestricted_guest"),
	F(SECONDARY_EXEC_APIC_REGISTER_VIRT, "APIC-register virtualization",
	  "vapic_reg"),
	F(SECONDARY_EXEC_VIRTUAL_INTR_DELIVERY, "Virtual-interrupt delivery",
	  "vid"),
	F(SECONDARY_EXEC_PAUSE_LOOP_EXITING, "PAUSE-loop exiting", "ple"),
	B(SECONDARY_EXEC_RDRAND_EXITING, "RDRAND exiting"),
	B(SECONDARY_EXEC_ENABLE_INVPCID, "Enable INVPCID"),
	B(SECONDARY_EXEC_ENABLE_VMFUNC, "Enable VM functions"),
	F(SECONDARY_EXEC_SHADOW_VMCS, "VMCS shadowing", "shadow_vmcs"),
	B(SECONDARY_EXEC_ENCLS_EXITING, "Enable ENCLS exiting"),
	B(SECONDARY_EXEC_RDSEED_EXITING, "RDSEED exiting"),
	F(SECONDARY_EXEC_ENABLE_PML, "Enable PML", "pml"),
	F(SECONDARY_EXEC_EPT_VIOLATION_VE, "EPT-violation #VE",
	  "ept_violation_ve"),
	B(SECONDARY_EXEC_PT_CONCEAL_VMX, "Conceal VMX from PT"),
	B(SECONDARY_EXEC_ENABLE_XSAVES, "Enable XSAVES/XRSTORS"),
	N(21, "PASID translation"),
	F(SECONDARY_EXEC_MODE_BASED_EPT_EXEC,
	  "Mode-based execute control for EPT", "ept_mode_based_exec"),
	N(23, "Sub-page write permissions for EPT"),
	B(SECONDARY_EXEC_PT_USE_GPA, "Intel PT uses guest physical addresses"),
	F(SECONDARY_EXEC_TSC_SCALING, "Use TSC scaling", "tsc_scaling"),
	F(SECONDARY_EXEC_ENABLE_USR_WAIT_PAUSE, "Enable user wait and pause",
	  "usr_wait_pause"),
	N(27, "Enable PCONFIG"),
	B(VMCS_CONTROL_BIT(ENCLV_EXITING), "Enable ENCLV exiting"),
	B(SECONDARY_EXEC_BUS_LOCK_DETECTION, "VMM bus-lock detection"),
	F(SECONDARY_EXEC_NOTIFY_VM_EXITING, "Instruction timeout",
	  "notify_vm_exiting"),
	END
};

static const struct vmxcap_bit proc3_bits[] = {
	N(0, "LOADIWKEY exiting"),
	N(1, "Enable HLAT"),
	N(2, "EPT paging-write control"),
	N(3, "Guest-paging verification"),
	F(TERTIARY_EXEC_IPI_VIRT, "IPI virtualization", "ipi_virt"),
	N(7, "Virtualize IA32_SPEC_CTRL"),
	END
};

static const struct vmxcap_bit exit_bits[] = {
	B(VM_EXIT_SAVE_DEBUG_CONTROLS, "Save debug controls"),
	B(VM_EXIT_HOST_ADDR_SPACE_SIZE, "Host address-space size"),
	B(VM_EXIT_LOAD_IA32_PERF_GLOBAL_CTRL, "Load IA32_PERF_GLOBAL_CTRL"),
	B(VM_EXIT_ACK_INTR_ON_EXIT, "Acknowledge interrupt on exit"),
	B(VM_EXIT_SAVE_IA32_PAT, "Save IA32_PAT"),
	B(VM_EXIT_LOAD_IA32_PAT, "Load IA32_PAT"),
	B(VM_EXIT_SAVE_IA32_EFER, "Save IA32_EFER"),
	B(VM_EXIT_LOAD_IA32_EFER, "Load IA32_EFER"),
	B(VM_EXIT_SAVE_VMX_PREEMPTION_TIMER, "Save VMX-preemption timer value"),
	B(VM_EXIT_CLEAR_BNDCFGS, "Clear IA32_BNDCFGS"),
	B(VM_EXIT_PT_CONCEAL_PIP, "Conceal VMX from PT"),
	B(VM_EXIT_CLEAR_IA32_RTIT_CTL, "Clear IA32_RTIT_CTL"),
	N(26, "Clear IA32_LBR_CTL"),
	N(27, "Clear UINV"),
	N(28, "Load CET state"),
	N(29, "Load PKRS"),
	N(30, "Save IA32_PERF_GLOBAL_CTL"),
	N(31, "Activate secondary controls"),
	END
};

/* The SDM names no secondary VM-exit control that this report relies on. */
static const struct vmxcap_bit exit2_bits[] = {
	END
};

static const struct vmxcap_bit entry_bits[] = {
	B(VM_ENTRY_LOAD_DEBUG_CONTROLS, "Load debug controls"),
	B(VM_ENTRY_IA32E_MODE, "IA-32e mode guest"),
	B(VM_ENTRY_SMM, "Entry to SMM"),
	B(VM_ENTRY_DEACT_DUAL_MONITOR, "Deactivate dual-monitor treatment"),
	B(VM_ENTRY_LOAD_IA32_PERF_GLOBAL_CTRL, "Load IA32_PERF_GLOBAL_CTRL"),
	B(VM_ENTRY_LOAD_IA32_PAT, "Load IA32_PAT"),
	B(VM_ENTRY_LOAD_IA32_EFER, "Load IA32_EFER"),
	B(VM_ENTRY_LOAD_BNDCFGS, "Load IA32_BNDCFGS"),
	B(VM_ENTRY_PT_CONCEAL_PIP, "Conceal VMX from PT"),
	B(VM_ENTRY_LOAD_IA32_RTIT_CTL, "Load IA32_RTIT_CTL"),
	N(19, "Load UINV"),
	N(20, "Load CET state"),
	N(21, "Load guest IA32_LBR_CTL"),
	N(22, "Load PKRS"),
	END
};

static const struct vmxcap_bit misc_bits[] = {
	B(VMX_MISC_SAVE_EFER_LMA, "Store EFER.LMA into IA-32e mode guest control"),
	B(VMX_MISC_ACTIVITY_HLT, "HLT activity state"),
	B(VMX_MISC_ACTIVITY_SHUTDOWN, "Shutdown activity state"),
	B(VMX_MISC_ACTIVITY_WAIT_SIPI, "Wait-for-SIPI activity state"),
	B(VMX_MISC_INTEL_PT, "Intel PT in VMX operation"),
	B(VMX_MISC_RDMSR_IN_SMM, "RDMSR of IA32_SMBASE in SMM"),
	B(VMX_MISC_VMXOFF_BLOCK_SMI, "IA32_SMM_MONITOR_CTL[2] can be set"),
	B(VMX_MISC_VMWRITE_SHADOW_RO_FIELDS,
	  "VMWRITE to any field, incl. VM-exit information"),
	B(VMX_MISC_ZERO_LEN_INS, "Event injection with instruction length 0"),
	END
};

static const struct vmxcap_bit ept_vpid_bits[] = {
	F(VMX_EPT_EXECUTE_ONLY_BIT, "Execute-only EPT translations",
	  "ept_x_only"),
	B(VMX_EPT_PAGE_WALK_4_BIT, "Page-walk length 4"),
	F(VMX_EPT_PAGE_WALK_5_BIT, "Page-walk length 5", "ept_5level"),
	N(8, "EPT paging structures uncacheable (UC)"),
	N(14, "EPT paging structures write-back (WB)"),
	B(VMX_EPT_2MB_PAGE_BIT, "2-MByte EPT pages"),
	F(VMX_EPT_1GB_PAGE_BIT, "1-GByte EPT pages", "ept_1gb"),
	B(VMX_EPT_INVEPT_BIT, "INVEPT"),
	F(VMX_EPT_AD_BIT, "EPT accessed and dirty flags", "ept_ad"),
	N(22, "Advanced VM-exit information for EPT violations"),
	N(23, "Supervisor shadow-stack control"),
	B(VMX_EPT_EXTENT_CONTEXT_BIT, "Single-context INVEPT"),
	B(VMX_EPT_EXTENT_GLOBAL_BIT, "All-context INVEPT"),
	{ 32 + ilog2(VMX_VPID_INVVPID_BIT), "INVVPID", "invvpid" },
	{ 32 + ilog2(VMX_VPID_EXTENT_INDIVIDUAL_ADDR_BIT),
	  "Individual-address INVVPID", NULL },
	{ 32 + ilog2(VMX_VPID_EXTENT_SINGLE_CONTEXT_BIT),
	  "Single-context INVVPID", NULL },
	{ 32 + ilog2(VMX_VPID_EXTENT_GLOBAL_CONTEXT_BIT),
	  "All-context INVVPID", NULL },
	{ 32 + ilog2(VMX_VPID_EXTENT_SINGLE_NON_GLOBAL_BIT),
	  "Single-context-retaining-globals INVVPID", NULL },
	END
};

static const struct vmxcap_bit vmfunc_bits[] = {
	F(VMX_VMFUNC_EPTP_SWITCHING, "EPTP switching", "eptp_switching"),
	END
};

/* The MSRs of a control field: the TRUE one is used where it exists. */
struct vmxcap_ctls {
	const char *title;
	u32 msr;
	u32 true_msr;		/* 0: there is none */
	const char *msr_name;
	const char *true_msr_name;
	const struct vmxcap_bit *bits;
};

static char *vmxcap_report;
static struct debugfs_blob_wrapper vmxcap_blob;
static struct dentry *vmxcap_file;

static const struct vmxcap_bit *find_bit(const struct vmxcap_bit *bits,
					 unsigned int nr)
{
	for (; bits->name; bits++) {
		if (bits->bit == nr)
			return bits;
	}
	return NULL;
}

/* The first line of a section: its title, and the MSR it decodes. */
static void put_title(struct seq_buf *s, const char *title, const char *msr,
		      u64 val)
{
	seq_buf_printf(s, "\n%s: %s = 0x%016llx\n", title, msr, val);
}

/* A section whose MSR does not exist on this CPU, and why. */
static void put_absent(struct seq_buf *s, const char *title, const char *why)
{
	seq_buf_printf(s, "\n%s: none, %s\n", title, why);
}

/* The end of a line: the bit's /proc/cpuinfo flag, if it has one. */
static void put_flag(struct seq_buf *s, const struct vmxcap_bit *b)
{
	if (b && b->flag)
		seq_buf_printf(s, "  [%s]", b->flag);
	seq_buf_putc(s, '\n');
}

/*
 * One line per control: the allowed-0 settings (@must1, bits that must be
 * 1) and the allowed-1 settings (@may1, bits that may be 1) of its field.
 * @default1 are the bits that the MSR without TRUE reports as must-be-1 but
 * that the TRUE MSR lets a hypervisor clear.  Bits that are neither
 * settable nor named are left out; every other bit gets a line, named or
 * not.
 */
static void put_ctls(struct seq_buf *s, const struct vmxcap_bit *bits,
		     u64 must1, u64 may1, u64 default1, unsigned int width)
{
	const struct vmxcap_bit *b;
	unsigned int nr;

	seq_buf_printf(s, "  bit  %-48s can set  can clear\n", "control");
	for (nr = 0; nr < width; nr++) {
		bool set = may1 & BIT_ULL(nr), clear = !(must1 & BIT_ULL(nr));

		b = find_bit(bits, nr);
		if (!b && !set)
			continue;
		seq_buf_printf(s, "  %3u  %-48s %-7s  %-9s", nr,
			       b ? b->name : clear ? "(not named here)" :
						     "(reserved, default 1)",
			       set ? "yes" : "no", clear ? "yes" : "no");
		if (default1 & BIT_ULL(nr))
			seq_buf_puts(s, "  default1");
		put_flag(s, b);
	}
}

/*
 * Report the control field @c.  Its MSR gives the allowed-0 settings in
 * bits 31:0 and the allowed-1 settings in bits 63:32 (SDM A.3).  Where
 * IA32_VMX_BASIC[55] is 1, the TRUE MSR gives the allowed-0 settings
 * instead: there, controls in the default1 class can be cleared (SDM A.2).
 */
static void report_ctls(struct seq_buf *s, const struct vmxcap_ctls *c,
			bool use_true)
{
	const char *name = c->msr_name;
	u32 msr = c->msr;
	u64 default1 = 0;
	u64 val, plain;

	if (use_true && c->true_msr) {
		msr = c->true_msr;
		name = c->true_msr_name;
	}
	if (rdmsrl_safe(msr, &val)) {
		seq_buf_printf(s, "\n%s: reading %s (0x%x) faulted\n", c->title,
			       name, msr);
		return;
	}
	/* Must be 1 by the MSR without TRUE, can be 0 by the TRUE one. */
	if (msr != c->msr && !rdmsrl_safe(c->msr, &plain))
		default1 = lower_32_bits(plain) & ~lower_32_bits(val);

	put_title(s, c->title, name, val);
	put_ctls(s, c->bits, lower_32_bits(val), upper_32_bits(val), default1,
		 32);
}

/* Like report_ctls(), for a field whose 64-bit MSR has only allowed-1 bits. */
static void report_ctls64(struct seq_buf *s, const char *title, u32 msr,
			  const char *name, const struct vmxcap_bit *bits)
{
	u64 val;

	if (rdmsrl_safe(msr, &val)) {
		seq_buf_printf(s, "\n%s: reading %s (0x%x) faulted\n", title,
			       name, msr);
		return;
	}
	put_title(s, title, name, val);
	seq_buf_puts(s, "  (all 64 bits are allowed-1 settings: every control can be cleared)\n");
	put_ctls(s, bits, 0, val, 0, 64);
}

/* One "yes"/"no" line per named bit of a capability MSR. */
static void put_caps(struct seq_buf *s, const struct vmxcap_bit *bits,
		     u64 val)
{
	for (; bits->name; bits++) {
		seq_buf_printf(s, "  %3u  %-48s %-3s", bits->bit, bits->name,
			       val & BIT_ULL(bits->bit) ? "yes" : "no");
		put_flag(s, bits);
	}
}

/* Whether the allowed-1 half of control MSR @msr has @mask. */
static bool can_set(u32 msr, u32 mask)
{
	u64 val;

	return !rdmsrl_safe(msr, &val) && (upper_32_bits(val) & mask) == mask;
}

static const char *const mem_types[] = {
	[0] = "uncacheable (UC)",
	[6] = "write-back (WB)",
};

static void report_basic(struct seq_buf *s, u64 basic)
{
	u32 type = vmx_basic_vmcs_mem_type(basic);

	put_title(s, "Basic VMX information", "IA32_VMX_BASIC", basic);
	seq_buf_printf(s, "  VMCS revision identifier                   0x%x\n",
		       vmx_basic_vmcs_revision_id(basic));
	seq_buf_printf(s, "  VMCS region size                           %u bytes\n",
		       vmx_basic_vmcs_size(basic));
	seq_buf_printf(s, "  VMCS addresses limited to 32 bits          %s\n",
		       basic & VMX_BASIC_32BIT_PHYS_ADDR_ONLY ? "yes" : "no");
	seq_buf_printf(s, "  Dual-monitor treatment of SMIs and SMM     %s\n",
		       basic & VMX_BASIC_DUAL_MONITOR_TREATMENT ? "yes" : "no");
	seq_buf_printf(s, "  VMCS memory type                           %u, %s\n",
		       type, type < ARRAY_SIZE(mem_types) && mem_types[type] ?
		       mem_types[type] : "reserved");
	seq_buf_printf(s, "  INS/OUTS information on VM exits           %s\n",
		       basic & VMX_BASIC_INOUT ? "yes" : "no");
	seq_buf_printf(s, "  IA32_VMX_TRUE_*_CTLS (bit 55)              %s\n",
		       basic & VMX_BASIC_TRUE_CTLS ? "yes" : "no");
	/* Bit 56, no kernel definition. */
	seq_buf_printf(s, "  Hardware exceptions without error code     %s\n",
		       basic & BIT_ULL(56) ? "yes" : "no");
}

static void report_misc(struct seq_buf *s)
{
	u64 misc;

	if (rdmsrl_safe(MSR_IA32_VMX_MISC, &misc)) {
		seq_buf_puts(s, "\nMiscellaneous data: reading IA32_VMX_MISC faulted\n");
		return;
	}
	put_title(s, "Miscellaneous data", "IA32_VMX_MISC", misc);
	seq_buf_printf(s, "  VMX-preemption timer: TSC bit              %d\n",
		       vmx_misc_preemption_timer_rate(misc));
	put_caps(s, misc_bits, misc);
	seq_buf_printf(s, "  CR3-target values                          %d\n",
		       vmx_misc_cr3_count(misc));
	seq_buf_printf(s, "  MSRs in a load/store list, recommended max %d\n",
		       (vmx_misc_max_msr(misc) + 1) * VMX_MISC_MSR_LIST_MULTIPLIER);
	seq_buf_printf(s, "  MSEG revision identifier                   0x%x\n",
		       vmx_misc_mseg_revid(misc));
}

static void report_fixed(struct seq_buf *s, const char *reg, u32 msr0,
			 u32 msr1)
{
	u64 fixed0, fixed1;

	if (rdmsrl_safe(msr0, &fixed0) || rdmsrl_safe(msr1, &fixed1)) {
		seq_buf_printf(s, "  %s: reading its FIXED MSRs faulted\n", reg);
		return;
	}
	/* SDM A.7, A.8: 1 in FIXED0 must be 1, 0 in FIXED1 must be 0. */
	seq_buf_printf(s, "  %s bits fixed to 1 0x%016llx, may be 1 0x%016llx\n",
		       reg, fixed0, fixed1);
}

static void report_other(struct seq_buf *s)
{
	u64 val;

	seq_buf_puts(s, "\nFixed bits in VMX operation (IA32_VMX_CR0/CR4_FIXED0/1):\n");
	report_fixed(s, "CR0", MSR_IA32_VMX_CR0_FIXED0, MSR_IA32_VMX_CR0_FIXED1);
	report_fixed(s, "CR4", MSR_IA32_VMX_CR4_FIXED0, MSR_IA32_VMX_CR4_FIXED1);
	if (!rdmsrl_safe(MSR_IA32_VMX_VMCS_ENUM, &val))
		seq_buf_printf(s, "  Highest VMCS field index %-17s %llu\n",
			       "(IA32_VMX_VMCS_ENUM)", (val >> 1) & 0x1ff);

	/* SDM A.10: the MSR exists if EPT or VPID can be enabled. */
	if (can_set(MSR_IA32_VMX_PROCBASED_CTLS2, SECONDARY_EXEC_ENABLE_EPT) ||
	    can_set(MSR_IA32_VMX_PROCBASED_CTLS2, SECONDARY_EXEC_ENABLE_VPID)) {
		if (!rdmsrl_safe(MSR_IA32_VMX_EPT_VPID_CAP, &val)) {
			put_title(s, "EPT and VPID capabilities",
				  "IA32_VMX_EPT_VPID_CAP", val);
			put_caps(s, ept_vpid_bits, val);
		}
	} else {
		put_absent(s, "EPT and VPID capabilities",
			   "neither EPT nor VPID can be enabled");
	}

	/* SDM A.11: the MSR exists if VM functions can be enabled. */
	if (can_set(MSR_IA32_VMX_PROCBASED_CTLS2, SECONDARY_EXEC_ENABLE_VMFUNC)) {
		if (!rdmsrl_safe(MSR_IA32_VMX_VMFUNC, &val)) {
			put_title(s, "VM functions", "IA32_VMX_VMFUNC", val);
			put_caps(s, vmfunc_bits, val);
		}
	} else {
		put_absent(s, "VM functions",
			   "\"Enable VM functions\" cannot be set");
	}
}

static const struct vmxcap_ctls pin_ctls = {
	"Pin-based VM-execution controls",
	MSR_IA32_VMX_PINBASED_CTLS, MSR_IA32_VMX_TRUE_PINBASED_CTLS,
	"IA32_VMX_PINBASED_CTLS", "IA32_VMX_TRUE_PINBASED_CTLS", pin_bits
};

static const struct vmxcap_ctls proc_ctls = {
	"Primary processor-based VM-execution controls",
	MSR_IA32_VMX_PROCBASED_CTLS, MSR_IA32_VMX_TRUE_PROCBASED_CTLS,
	"IA32_VMX_PROCBASED_CTLS", "IA32_VMX_TRUE_PROCBASED_CTLS", proc_bits
};

static const struct vmxcap_ctls proc2_ctls = {
	"Secondary processor-based VM-execution controls",
	MSR_IA32_VMX_PROCBASED_CTLS2, 0,
	"IA32_VMX_PROCBASED_CTLS2", NULL, proc2_bits
};

static const struct vmxcap_ctls exit_ctls = {
	"Primary VM-exit controls",
	MSR_IA32_VMX_EXIT_CTLS, MSR_IA32_VMX_TRUE_EXIT_CTLS,
	"IA32_VMX_EXIT_CTLS", "IA32_VMX_TRUE_EXIT_CTLS", exit_bits
};

static const struct vmxcap_ctls entry_ctls = {
	"VM-entry controls",
	MSR_IA32_VMX_ENTRY_CTLS, MSR_IA32_VMX_TRUE_ENTRY_CTLS,
	"IA32_VMX_ENTRY_CTLS", "IA32_VMX_TRUE_ENTRY_CTLS", entry_bits
};

static void report(struct seq_buf *s, u64 basic)
{
	bool use_true = basic & VMX_BASIC_TRUE_CTLS;

	seq_buf_printf(s, "VMX capabilities of CPU %d (%s, family 0x%x, model 0x%x)\n",
		       smp_processor_id(), boot_cpu_data.x86_vendor_id,
		       boot_cpu_data.x86, boot_cpu_data.x86_model);
	if (use_true)
		seq_buf_puts(s, "Controls: IA32_VMX_BASIC[55] = 1, allowed-0 settings from the\n"
			     "IA32_VMX_TRUE_*_CTLS MSRs: default1 controls may be clearable\n");
	else
		seq_buf_puts(s, "Controls: IA32_VMX_BASIC[55] = 0, no IA32_VMX_TRUE_*_CTLS MSRs:\n"
			     "default1 controls must be 1\n");
	report_basic(s, basic);
	report_ctls(s, &pin_ctls, use_true);
	report_ctls(s, &proc_ctls, use_true);

	/* SDM A.3.3: the MSR exists if bit 31 of the primary controls can be 1. */
	if (can_set(MSR_IA32_VMX_PROCBASED_CTLS,
		    CPU_BASED_ACTIVATE_SECONDARY_CONTROLS))
		report_ctls(s, &proc2_ctls, false);
	else
		put_absent(s, proc2_ctls.title,
			   "\"Activate secondary controls\" cannot be set");

	/* SDM A.3.4: the MSR exists if bit 17 of the primary controls can be 1. */
	if (can_set(MSR_IA32_VMX_PROCBASED_CTLS,
		    CPU_BASED_ACTIVATE_TERTIARY_CONTROLS))
		report_ctls64(s, "Tertiary processor-based VM-execution controls",
			      MSR_IA32_VMX_PROCBASED_CTLS3,
			      "IA32_VMX_PROCBASED_CTLS3", proc3_bits);
	else
		put_absent(s, "Tertiary processor-based VM-execution controls",
			   "\"Activate tertiary controls\" cannot be set");

	report_ctls(s, &exit_ctls, use_true);

	/* SDM A.4.2: the MSR exists if bit 31 of the exit controls can be 1. */
	if (can_set(MSR_IA32_VMX_EXIT_CTLS, BIT(31)))
		report_ctls64(s, "Secondary VM-exit controls",
			      VMXCAP_MSR_EXIT_CTLS2, "IA32_VMX_EXIT_CTLS2",
			      exit2_bits);
	else
		put_absent(s, "Secondary VM-exit controls",
			   "\"Activate secondary controls\" cannot be set");

	report_ctls(s, &entry_ctls, use_true);
	report_misc(s);
	report_other(s);
}

/* Why there is no VMX to report on, or NULL if there is. */
static const char *no_vmx(u64 *basic)
{
	u64 feat_ctl;

	if (!boot_cpu_has(X86_FEATURE_VMX)) {
		if (!(cpuid_ecx(1) & BIT(X86_FEATURE_VMX & 31)))
			return boot_cpu_has(X86_FEATURE_SVM) ?
			       "this CPU has no VMX (CPUID.1:ECX[5] = 0), it has AMD's SVM" :
			       "this CPU has no VMX (CPUID.1:ECX[5] = 0)";
		if (!rdmsrl_safe(MSR_IA32_FEAT_CTL, &feat_ctl) &&
		    (feat_ctl & FEAT_CTL_LOCKED) &&
		    !(feat_ctl & FEAT_CTL_VMX_ENABLED_OUTSIDE_SMX))
			return "VMX is disabled by the firmware (IA32_FEATURE_CONTROL)";
		return "the kernel has turned VMX off (e.g. clearcpuid), see the boot log";
	}
	if (rdmsrl_safe(MSR_IA32_VMX_BASIC, basic))
		return "reading IA32_VMX_BASIC faulted (a hypervisor that offers no VMX MSRs?)";
	return NULL;
}

static void log_report(const char *text)
{
	const char *end;

	for (; *text; text = end + 1) {
		end = strchrnul(text, '\n');
		pr_info("%.*s\n", (int)(end - text), text);
		if (!*end)
			break;
	}
}

static int __init vmxcap_init(void)
{
	struct seq_buf s;
	const char *why;
	u64 basic;

	why = no_vmx(&basic);
	if (why) {
		pr_info("not loaded: %s\n", why);
		return -ENODEV;
	}

	vmxcap_report = kzalloc(VMXCAP_REPORT_SIZE, GFP_KERNEL);
	if (!vmxcap_report)
		return -ENOMEM;

	seq_buf_init(&s, vmxcap_report, VMXCAP_REPORT_SIZE);
	/* All MSRs from one CPU; VMX capabilities are the same on every CPU. */
	preempt_disable();
	report(&s, basic);
	preempt_enable();
	if (seq_buf_has_overflowed(&s))
		pr_warn("report truncated to %u bytes\n", VMXCAP_REPORT_SIZE);

	log_report(vmxcap_report);
	vmxcap_blob.data = vmxcap_report;
	vmxcap_blob.size = strlen(vmxcap_report);
	vmxcap_file = debugfs_create_blob(KBUILD_MODNAME, 0444, NULL,
					  &vmxcap_blob);
	return 0;
}

static void __exit vmxcap_exit(void)
{
	debugfs_remove(vmxcap_file);
	kfree(vmxcap_report);
}

module_init(vmxcap_init);
module_exit(vmxcap_exit);

MODULE_DESCRIPTION("Report the VMX capabilities of this CPU");
MODULE_LICENSE("GPL");

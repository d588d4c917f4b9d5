package loadgen

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Machine describes where a run took place.
type Machine struct {
	Cores       int    `json:"cores"`
	MemoryBytes int64  `json:"memory_bytes"`
	CPUModel    string `json:"cpu_model,omitempty"`
	Kernel      string `json:"kernel,omitempty"`
	GoVersion   string `json:"go_version"`
}

// thisMachine reads the machine's cores and memory; what Linux's /proc does not
// tell is left empty.
func thisMachine() Machine {
	m := Machine{Cores: runtime.NumCPU(), GoVersion: runtime.Version()}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		if v, ok := procField(data, "MemTotal"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(v, " kB"), 10, 64)
			m.MemoryBytes = kb << 10
		}
	}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		m.CPUModel, _ = procField(data, "model name")
	}
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(data))
	}
	return m
}

// procField returns the value of the first "key: value" line of a /proc file.
func procField(data []byte, key string) (string, bool) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

// ClientUsage is what the load tool itself used: on a shared machine its CPU is
// CPU the server did not get.
type ClientUsage struct {
	CPUSeconds     float64 `json:"cpu_seconds"`
	CPUPercentCore float64 `json:"cpu_percent_of_one_core"`
}

// cpuTime is the CPU this process has used so far, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// clientUsage is the CPU used since cpu0 over the wall time since t0.
func clientUsage(cpu0 time.Duration, t0 time.Time) ClientUsage {
	used := cpuTime() - cpu0
	u := ClientUsage{CPUSeconds: used.Seconds()}
	if wall := time.Since(t0); wall > 0 {
		u.CPUPercentCore = 100 * used.Seconds() / wall.Seconds()
	}
	return u
}

// cpuJiffies reads the machine's busy and total CPU time from /proc/stat, in ticks.
func cpuJiffies() (busy, total uint64, ok bool) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, false
	}
	line, _, _ := strings.Cut(string(data), "\n")
	fields := strings.Fields(line)
	if len(fields) < 5 || fields[0] != "cpu" {
		return 0, 0, false
	}
	for i, f := range fields[1:] {
		v, err := strconv.ParseUint(f, 10, 64)
		if err != nil {
			return 0, 0, false
		}
		total += v
		if i != 3 && i != 4 { // idle and iowait
			busy += v
		}
	}
	return busy, total, true
}

// machineLoad measures the whole machine's CPU from its creation to done.
type machineLoad struct{ busy, total uint64 }

func startMachineLoad() machineLoad {
	b, t, _ := cpuJiffies()
	return machineLoad{busy: b, total: t}
}

// done returns the machine's CPU use since start, in percent of one core.
func (m machineLoad) done(cores int) float64 {
	b, t, ok := cpuJiffies()
	if !ok || t <= m.total {
		return 0
	}
	return 100 * float64(cores) * float64(b-m.busy) / float64(t-m.total)
}

// MachineLoad tells how busy the machine was during a run: on a shared machine,
// CPU used by other processes was not available to the server or the tool.
type MachineLoad struct {
	BusyPercentCore   float64 `json:"busy_percent_of_one_core"`
	OthersPercentCore float64 `json:"other_processes_percent_of_one_core"`
}

// setMachineLoad records the machine's load and the share of other processes and warns when it is large.
func (r *Report) setMachineLoad(busy float64) {
	others := max(busy-r.ServerUsage.CPUPercentCore-r.Client.CPUPercentCore, 0)
	r.Load = MachineLoad{BusyPercentCore: busy, OthersPercentCore: others}
	if others > 20 {
		r.Notes = append(r.Notes, fmt.Sprintf("%.0f%% of a core went to other processes or the kernel's own threads (loopback networking is partly done there): if the machine was not quiet, the figures suffer", others))
	}
}

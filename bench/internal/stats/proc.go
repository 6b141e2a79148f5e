package stats

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// clock ticks per second of /proc/*/stat (USER_HZ, 100 on Linux).
const userHZ = 100

// ProcCPU returns a CPU reader for the given processes and, when children
// is set, every process whose parent is one of them (PostgreSQL backends).
func ProcCPU(pids []int, children bool) CPU {
	return func() (float64, bool) {
		want := map[int]bool{}
		for _, p := range pids {
			want[p] = true
		}
		total := 0.0
		found := false
		dirs, _ := filepath.Glob("/proc/[0-9]*")
		for _, d := range dirs {
			pid, _ := strconv.Atoi(filepath.Base(d))
			b, err := os.ReadFile(d + "/stat")
			if err != nil {
				continue
			}
			s := string(b)
			i := strings.LastIndexByte(s, ')')
			if i < 0 {
				continue
			}
			f := strings.Fields(s[i+1:])
			// after ")": state ppid ... utime(12) stime(13) (1-based field 14,15)
			if len(f) < 13 {
				continue
			}
			ppid, _ := strconv.Atoi(f[1])
			if !want[pid] && !(children && want[ppid]) {
				continue
			}
			ut, _ := strconv.ParseFloat(f[11], 64)
			st, _ := strconv.ParseFloat(f[12], 64)
			total += (ut + st) / userHZ
			found = true
		}
		return total, found
	}
}

// LoadAvg is the 1-minute load average (0 where unreadable).
func LoadAvg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}

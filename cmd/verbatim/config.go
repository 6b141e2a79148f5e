package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// envOr returns the VERBATIM_* environment value for a flag, or def.
func envOr(name, def string) string {
	if v, ok := os.LookupEnv("VERBATIM_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))); ok {
		return v
	}
	return def
}

// envErrors collects environment values that do not parse; parse reports
// them as a usage error rather than let a typo fall back to a default.
var envErrors []string

func envName(name string) string {
	return "VERBATIM_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

func envInt(name string, def int) int {
	if v := envOr(name, ""); v != "" {
		n, err := strconv.Atoi(v)
		if err == nil {
			return n
		}
		envErrors = append(envErrors, fmt.Sprintf("%s=%q is not an integer", envName(name), v))
	}
	return def
}

func envDuration(name string, def time.Duration) time.Duration {
	if v := envOr(name, ""); v != "" {
		d, err := time.ParseDuration(v)
		if err == nil {
			return d
		}
		envErrors = append(envErrors, fmt.Sprintf("%s=%q is not a duration such as 30s", envName(name), v))
	}
	return def
}

func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: verbatim %s\n\nFlags (each falls back to the VERBATIM_<FLAG> environment variable):\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning a bad flag into a usage error.
func parse(fs *flag.FlagSet, args []string) error {
	if len(envErrors) > 0 {
		return usageErr("%s", strings.Join(envErrors, "; "))
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usageErr("%v", err)
	}
	return nil
}

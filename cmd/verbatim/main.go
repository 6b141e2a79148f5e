// Command verbatim is Verbatim's one binary: serve the API, ingest files,
// verify a quote from the command line, and evaluate extraction.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	verbatim "github.com/verbatim/verbatim"
)

const usage = `verbatim: quote-attribution verification

Usage:
  verbatim serve  [--addr 127.0.0.1:8080] [--data ./data] [flags]   serve the API (indexes the embedded corpus on an empty data dir)
  verbatim ingest [--data ./data] FILE_OR_DIR...                     ingest .txt/.md (front matter), .jsonl, .html files
  verbatim verify [--data ./data] [--speaker NAME] "quote"           verify a quote; prints the API's JSON
  verbatim eval extraction --polnear DIR --split dev                 score extraction on annotated data
  verbatim eval verification --polnear DIR --split dev               score verdicts on a claims workload

Run "verbatim COMMAND --help" for a command's flags. Every flag has a
VERBATIM_* environment fallback (for example VERBATIM_DATA, VERBATIM_ADDR).
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches a subcommand and returns the process exit code: 0 on
// success, 2 for a usage error, 1 for any other failure.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = runServe(args[1:], stderr)
	case "ingest":
		err = runIngest(args[1:], stdout, stderr)
	case "verify":
		err = runVerify(args[1:], stdout, stderr)
	case "eval":
		if len(args) > 1 && args[1] == "verification" {
			err = runEvalVerification(args[2:], stdout, stderr)
		} else {
			err = runEval(args[1:])
		}
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "verbatim: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "verbatim %s: %v\n", args[0], err)
		return 2
	default:
		msg := err.Error()
		var ve *verbatim.Error
		if errors.As(err, &ve) {
			msg = ve.Message
		}
		fmt.Fprintf(stderr, "verbatim %s: %s\n", args[0], msg)
		return 1
	}
}

var errUsage = errors.New("usage error")

func usageErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, a...))
}

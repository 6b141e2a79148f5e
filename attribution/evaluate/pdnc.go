package evaluate

import (
	"errors"
	"io"
)

// PDNCReport holds the figures of one run on PDNC.
type PDNCReport struct{}

// EvalPDNC is filled in below.
func EvalPDNC(root string, opt Options) (*PDNCReport, error) { return nil, errors.New("todo") }

// Write prints the report.
func (r *PDNCReport) Write(w io.Writer) {}

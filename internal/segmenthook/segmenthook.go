// Package segmenthook lets an experiment (bench/segmenters, a nested module:
// hence internal/ at the root, not under attribution/) put another
// sentence splitter's boundaries into Extract's segmentation, to measure it
// against ours, without widening the public API of package attribution or
// adding the splitter's module to the main module. Production code leaves
// Boundaries nil.
package segmenthook

// How the boundaries Boundaries returns combine with ours.
const (
	// Replace: sentences end at the hook's boundaries and at paragraph
	// breaks only (and at the run-on bound); our . ! ? ; rules are off.
	Replace = iota
	// Union: sentences end at ours and at the hook's boundaries.
	Union
	// Intersect: sentences end at paragraph breaks and where ours and the
	// hook's agree.
	Intersect
)

// Boundaries, when set, returns the byte offsets of text where a sentence
// ends. A boundary becomes a sentence end at the first token at or after it
// that is outside a quotation (quotations stay whole). It is read once per
// Extract call; set it before extracting, not while.
var Boundaries func(text string) []int

// Mode is Replace, Union or Intersect.
var Mode int

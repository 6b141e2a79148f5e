package claims

import (
	"strings"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/archive"
)

// TEMPORARY stand-in until attribution.NewRegistry lands.
type tmpRegistry struct{}

func newRegistry() archive.Registry { return tmpRegistry{} }

func (tmpRegistry) Matches(claimed string, m *verbatim.Mention) bool {
	last := func(s string) string {
		f := strings.Fields(strings.ToLower(s))
		if len(f) == 0 {
			return ""
		}
		return strings.TrimSuffix(strings.TrimSuffix(f[len(f)-1], "'s"), "’s")
	}
	c := last(claimed)
	return c != "" && (c == last(m.Name) || c == last(m.Mention))
}
func (tmpRegistry) Add(string, []verbatim.Quotation)     {}
func (tmpRegistry) Remove(string)                        {}
func (tmpRegistry) Speakers() []verbatim.Speaker         { return nil }
func (tmpRegistry) Canonical(name string) (string, bool) { return name, true }

package evaluate

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/verbatim/verbatim/attribution"
)

func TestZZCue(t *testing.T) {
	novels, err := LoadPDNC("../../../shared/data/pdnc", 0, 16)
	if err != nil {
		t.Skip(err)
	}
	var out []string
	for _, n := range novels {
		qs := attribution.ExtractChecked(n.Text)
		st, en := make([]int, len(qs)), make([]int, len(qs))
		for i, q := range qs {
			st[i], en[i] = q.Start, q.End
		}
		gm := n.Match(st, en)
		for gi, pi := range gm {
			g := n.Quotes[gi]
			if g.Type != "Explicit" {
				continue
			}
			q := qs[pi]
			right := q.Speaker != nil && n.SpeakerRight(gi, q.Speaker.Name, q.Speaker.Mention)
			if right {
				continue
			}
			cue := ""
			if q.Cue != nil {
				cue = q.Cue.Text
			}
			s, e := max(0, q.Start-150), min(len(n.Text), q.End+120)
			ctx := strings.Join(strings.Fields(n.Text[s:q.Start]+"«Q»"+n.Text[q.End:e]), " ")
			sp := ""
			if q.Speaker != nil {
				sp = q.Speaker.Name + " <" + q.Speaker.Mention + ">"
			}
			out = append(out, fmt.Sprintf("%s cue=%q got=%s gold=%s | %s", n.Name, cue, sp, g.Speaker, ctx))
		}
	}
	rand.New(rand.NewSource(2)).Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	fmt.Println(len(out))
	for _, o := range out[:80] {
		fmt.Println(o)
	}
}

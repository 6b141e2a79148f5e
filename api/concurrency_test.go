package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/api"
	"github.com/verbatim/verbatim/archive"
	"github.com/verbatim/verbatim/attribution"
	"github.com/verbatim/verbatim/corpus"
	"github.com/verbatim/verbatim/index"
	"github.com/verbatim/verbatim/verify"
)

// call is do for goroutines: it reports failures as errors, not t.Fatal.
func call(base, method, path, ct, body string, withKey bool) (int, []byte, error) {
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if withKey {
		req.Header.Set(auth, bearer(key))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

// failures collects what goroutines saw go wrong.
type failures struct {
	mu   sync.Mutex
	errs []string
}

func (f *failures) add(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.errs) < 50 {
		f.errs = append(f.errs, fmt.Sprintf(format, args...))
	}
}

func concText(w, r, k int) string {
	return fmt.Sprintf("Mayor Writer%d spoke on day %d.\n\n“Plan %d of round %d is final for district %d,” Writer%d said.", w, r, w, r, k, w)
}

// TestConcurrentWritesAndReads runs ingest, delete, replace, list, get,
// search and verify at once on one index under -race: no request fails with
// a 5xx or a transport error, readers never see half a source, and what is
// in memory at the end is what a reopened index holds.
func TestConcurrentWritesAndReads(t *testing.T) {
	dir := t.TempDir()
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	closed := false
	t.Cleanup(func() {
		if !closed {
			ix.Close()
		}
	})
	a := archive.New(ix, attribution.NewRegistry(), attribution.Extract, verify.DefaultConfig)
	seeds, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Ingest(t.Context(), seeds); err != nil {
		t.Fatal(err)
	}
	s := api.New(api.Config{APIKey: key, MaxBodyBytes: 1 << 20, MaxBatchLines: 10})
	s.SetArchive(a)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	base := srv.URL

	const writers, rounds, perBatch = 3, 6, 3
	var (
		fail    failures
		mu      sync.Mutex
		acked   = map[string]string{} // id → text, for every 201
		deleted = map[string]bool{}
		shared  = map[string]bool{} // texts acked for the id both replacers write
		wg      sync.WaitGroup
		done    = make(chan struct{})
	)
	bad := func(op string, code int, err error, body []byte) bool {
		if err != nil || code >= 500 || code == 0 {
			fail.add("%s: %d %v %.200s", op, code, err, body)
			return true
		}
		return false
	}
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			var mine []string
			for r := 0; r < rounds; r++ {
				var lines []string
				texts := map[string]string{}
				for k := 0; k < perBatch; k++ {
					id := fmt.Sprintf("w%d-r%d-k%d", w, r, k)
					b, _ := json.Marshal(map[string]string{"id": id, "text": concText(w, r, k)})
					lines = append(lines, string(b))
					texts[id] = concText(w, r, k)
				}
				code, body, err := call(base, "POST", "/v1/sources", ctNDJSON, strings.Join(lines, "\n"), true)
				if bad("ingest", code, err, body) {
					continue
				}
				if code != 201 {
					fail.add("ingest: %d %s", code, body)
					continue
				}
				mu.Lock()
				for id, text := range texts {
					acked[id] = text
					mine = append(mine, id)
				}
				mu.Unlock()
				if r%2 == 1 {
					victim := mine[rng.IntN(len(mine))]
					code, body, err := call(base, "DELETE", "/v1/sources/"+victim, "", "", true)
					if bad("delete", code, err, body) {
						continue
					}
					if code == 204 {
						mu.Lock()
						deleted[victim] = true
						mu.Unlock()
					} else if code != 404 {
						fail.add("delete %s: %d %s", victim, code, body)
					}
				}
			}
		}()
	}
	// Two writers replace one id with their own texts.
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				text := fmt.Sprintf("“Version %d.%d stands,” the spokesman said.", w, r)
				b, _ := json.Marshal(map[string]string{"id": "shared", "text": text})
				code, body, err := call(base, "POST", "/v1/sources", ctJSON, string(b), true)
				if bad("replace", code, err, body) {
					continue
				}
				if code == 201 {
					mu.Lock()
					shared[text] = true
					mu.Unlock()
				}
			}
		}()
	}
	var readers sync.WaitGroup
	reads := 0
	var readsMu sync.Mutex
	for rd := 0; rd < 3; rd++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			rng := rand.New(rand.NewPCG(uint64(rd), 2))
			n := 0
			defer func() { readsMu.Lock(); reads += n; readsMu.Unlock() }()
			for {
				select {
				case <-done:
					return
				default:
				}
				n++
				switch n % 6 {
				case 0:
					code, body, err := call(base, "GET", "/v1/sources?limit=100", "", "", false)
					if bad("list", code, err, body) {
						continue
					}
					var l api.SourceList
					if json.Unmarshal(body, &l) != nil || code != 200 || l.Total < len(seeds) {
						fail.add("list: %d %.200s", code, body)
					}
				case 1:
					mu.Lock()
					var id, text string
					for k, v := range acked {
						if rng.IntN(3) == 0 || id == "" {
							id, text = k, v
						}
					}
					mu.Unlock()
					if id == "" {
						continue
					}
					code, body, err := call(base, "GET", "/v1/sources/"+id, "", "", false)
					if bad("get", code, err, body) {
						continue
					}
					var d api.SourceDetail
					if code == 200 && (json.Unmarshal(body, &d) != nil || d.Text != text) {
						fail.add("get %s: text %q, want %q", id, d.Text, text)
					} else if code != 200 && code != 404 {
						fail.add("get %s: %d", id, code)
					}
					code, body, err = call(base, "GET", "/v1/sources/"+id+"/quotations", "", "", false)
					if bad("quotations", code, err, body) {
						continue
					}
					var qs api.SourceQuotations
					if code == 200 {
						json.Unmarshal(body, &qs)
						for _, q := range qs.Quotations {
							if q.End > len(text) || text[q.Start:q.End] != q.Text {
								fail.add("quotation of %s does not match its text: %+v", id, q)
							}
						}
					}
				case 2:
					code, body, err := call(base, "GET", "/v1/sources/shared", "", "", false)
					if bad("get shared", code, err, body) {
						continue
					}
					var d api.SourceDetail
					if code == 200 && json.Unmarshal(body, &d) == nil {
						code, body, err = call(base, "GET", "/v1/sources/shared/quotations", "", "", false)
						if !bad("shared quotations", code, err, body) && code == 200 {
							var qs api.SourceQuotations
							json.Unmarshal(body, &qs)
							for _, q := range qs.Quotations {
								// Another version may have replaced it in between;
								// offsets must still fit some version's text.
								if q.End > 64 || q.Start > q.End {
									fail.add("shared quotation offsets %+v", q)
								}
							}
						}
					}
				case 3:
					code, body, err := call(base, "POST", "/v1/verify", ctJSON, `{"quote":"the most extensive agenda","speaker":"Putin"}`, false)
					if bad("verify", code, err, body) {
						continue
					}
					var v verbatim.Verification
					if json.Unmarshal(body, &v) != nil || code != 200 || v.Sources == 0 {
						fail.add("verify seed quote: %d %.200s", code, body)
					}
				case 4:
					w, r := rng.IntN(writers), rng.IntN(rounds)
					q := fmt.Sprintf(`{"quote":"Plan %d of round %d is final","speaker":"Writer%d"}`, w, r, w)
					code, body, err := call(base, "POST", "/v1/verify", ctJSON, q, false)
					if !bad("verify written", code, err, body) && code != 200 {
						fail.add("verify written: %d %s", code, body)
					}
				case 5:
					for _, p := range []string{"/v1/speakers", "/v1/quotations?speaker=Writer1", "/v1/quotations?q=is+final"} {
						code, body, err := call(base, "GET", p, "", "", false)
						if !bad(p, code, err, body) && code != 200 {
							fail.add("%s: %d %s", p, code, body)
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	readers.Wait()
	for _, e := range fail.errs {
		t.Error(e)
	}
	t.Logf("%d acknowledged sources, %d deleted, %d reads alongside", len(acked), len(deleted), reads)

	want := len(seeds) + len(acked) - len(deleted)
	if len(shared) > 0 {
		want++
	}
	if n := a.Count(); n != want {
		t.Errorf("count %d, want %d", n, want)
	}
	for id, text := range acked {
		d, err := a.Get(id)
		switch {
		case deleted[id]:
			if err == nil {
				t.Errorf("deleted %s still stored", id)
			}
		case err != nil:
			t.Errorf("acknowledged %s lost: %v", id, err)
		case d.Source.Text != text:
			t.Errorf("%s text %q, want %q", id, d.Source.Text, text)
		}
	}
	if d, err := a.Get("shared"); err == nil {
		if !shared[d.Source.Text] {
			t.Errorf("shared holds %q, never acknowledged", d.Source.Text)
		}
		for _, q := range d.Quotations {
			if d.Source.Text[q.Start:q.End] != q.Text {
				t.Errorf("shared's quotations belong to another version: %+v", q)
			}
		}
	}
	if p := s.Panics.Load(); p != 0 {
		t.Errorf("%d panics", p)
	}

	// The in-memory copy and Bleve agree: reopen and compare.
	memory := map[string]*verbatim.Document{}
	ix.Each(func(d *verbatim.Document) bool { memory[d.Source.ID] = d; return true })
	srv.Close()
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	closed = true
	re, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	if re.Count() != len(memory) {
		t.Errorf("reopened index has %d sources, memory had %d", re.Count(), len(memory))
	}
	for id, m := range memory {
		d, ok := re.Get(id)
		if !ok {
			t.Errorf("%s in memory but not on disk", id)
			continue
		}
		mq, _ := json.Marshal(m.Quotations)
		dq, _ := json.Marshal(d.Quotations)
		if d.Source.Text != m.Source.Text || string(mq) != string(dq) {
			t.Errorf("%s differs between memory and disk", id)
		}
	}
}

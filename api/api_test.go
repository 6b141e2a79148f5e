package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	verbatim "github.com/verbatim/verbatim"
	"github.com/verbatim/verbatim/api"
	"github.com/verbatim/verbatim/archive"
	"github.com/verbatim/verbatim/attribution"
	"github.com/verbatim/verbatim/corpus"
	"github.com/verbatim/verbatim/index"
	"github.com/verbatim/verbatim/verify"
)

const key = "test-key-123"

type env struct {
	t   *testing.T
	srv *httptest.Server
	api *api.Server
	a   *archive.Archive
}

// newEnv starts the real router over a real index in a temp dir, seeded
// with the embedded corpus, with writes enabled when apiKey is set.
func newEnv(t *testing.T, apiKey string) *env {
	t.Helper()
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	a := archive.New(ix, attribution.NewRegistry(), attribution.Extract, verify.DefaultConfig)
	seeds, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Ingest(t.Context(), seeds); err != nil {
		t.Fatal(err)
	}
	s := api.New(api.Config{APIKey: apiKey, MaxBodyBytes: 1 << 20, MaxBatchLines: 10})
	s.SetArchive(a)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return &env{t: t, srv: srv, api: s, a: a}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (e *env) do(method, path, contentType, body string, headers ...string) response {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func (r response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// wantError checks a status and the SPEC's error shape.
func (r response) wantError(t *testing.T, status int) api.ErrorBody {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d: %s", r.status, status, r.body)
	}
	var e api.ErrorBody
	r.decode(t, &e)
	if e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("error shape missing code or message: %s", r.body)
	}
	return e
}

const auth = "Authorization"

func bearer(k string) string { return "Bearer " + k }

func TestHealthAndReady(t *testing.T) {
	e := newEnv(t, "")
	if r := e.do("GET", "/healthz", "", ""); r.status != 200 {
		t.Errorf("healthz = %d", r.status)
	}
	r := e.do("GET", "/readyz", "", "")
	var st api.Status
	r.decode(t, &st)
	if r.status != 200 || st.Sources != 2 {
		t.Errorf("readyz = %d %+v", r.status, st)
	}
	notReady := httptest.NewServer(api.New(api.Config{}).Handler())
	defer notReady.Close()
	res, err := http.Get(notReady.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 503 {
		t.Errorf("readyz before the index is loaded = %d, want 503", res.StatusCode)
	}
}

func TestDoneWhenVerify(t *testing.T) {
	e := newEnv(t, "")
	r := e.do("POST", "/v1/verify", "application/json",
		`{"quote": "Russia-US relations are the most important factor behind ensuring strategic stability and international security", "speaker": "Putin"}`)
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var v verbatim.Verification
	r.decode(t, &v)
	if v.Verdict != verbatim.Attested || v.Sources != 2 || v.SpeakerMatch == nil || !*v.SpeakerMatch {
		t.Fatalf("verdict %s, sources %d, speaker_match %v: %s", v.Verdict, v.Sources, v.SpeakerMatch, r.body)
	}
	for _, a := range v.Attestations {
		d, err := e.a.Get(a.Source.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Source.Text[a.Start:a.End] != a.Text {
			t.Errorf("offsets do not hold: %q vs %q", d.Source.Text[a.Start:a.End], a.Text)
		}
		if a.Speaker == nil || a.Speaker.Name != "Vladimir Putin" {
			t.Errorf("speaker of %s = %+v, want Vladimir Putin", a.Source.ID, a.Speaker)
		}
	}
}

func TestSourcesCRUD(t *testing.T) {
	e := newEnv(t, key)
	text := "Mayor Jane Doe said on Monday that the bridge would reopen in May.\n\n“We are ready,” Doe said."
	r := e.do("POST", "/v1/sources", "application/json", `{"id":"doc-1","title":"Bridge","publisher":"Gazette","published":"2024-03-01","text":`+quote(text)+`}`, auth, bearer(key))
	if r.status != 201 {
		t.Fatalf("post = %d %s", r.status, r.body)
	}
	var ing api.IngestResponse
	r.decode(t, &ing)
	if ing.Count != 1 || ing.Ingested[0].ID != "doc-1" || ing.Ingested[0].Quotations < 1 {
		t.Fatalf("ingest response %+v", ing)
	}

	r = e.do("GET", "/v1/sources/doc-1", "", "")
	var d api.SourceDetail
	r.decode(t, &d)
	if r.status != 200 || d.Text != text || d.Title != "Bridge" || d.Publisher == nil || *d.Publisher != "Gazette" || d.URL != nil {
		t.Fatalf("get = %d %+v", r.status, d)
	}

	r = e.do("GET", "/v1/sources/doc-1/quotations", "", "")
	var qs api.SourceQuotations
	r.decode(t, &qs)
	if r.status != 200 || len(qs.Quotations) != ing.Ingested[0].Quotations {
		t.Fatalf("quotations = %d %s", r.status, r.body)
	}
	for _, q := range qs.Quotations {
		if text[q.Start:q.End] != q.Text {
			t.Errorf("quotation offsets: %q vs %q", text[q.Start:q.End], q.Text)
		}
	}

	r = e.do("GET", "/v1/quotations?speaker=Doe", "", "")
	var ql api.QuotationList
	r.decode(t, &ql)
	if r.status != 200 || ql.Total < 1 || ql.Quotations[0].Source.ID != "doc-1" {
		t.Errorf("search by speaker = %d %s", r.status, r.body)
	}

	r = e.do("DELETE", "/v1/sources/doc-1", "", "", auth, bearer(key))
	if r.status != 204 {
		t.Fatalf("delete = %d %s", r.status, r.body)
	}
	e.do("GET", "/v1/sources/doc-1", "", "").wantError(t, 404)
	e.do("GET", "/v1/sources/doc-1/quotations", "", "").wantError(t, 404)
	e.do("DELETE", "/v1/sources/doc-1", "", "", auth, bearer(key)).wantError(t, 404)
	r = e.do("GET", "/v1/quotations?speaker=Doe", "", "")
	r.decode(t, &ql)
	if ql.Total != 0 {
		t.Errorf("quotations of a deleted source still found: %s", r.body)
	}
	for _, sp := range e.a.Speakers() {
		if strings.Contains(sp.Name, "Doe") {
			t.Errorf("speaker of a deleted source still listed: %+v", sp)
		}
	}
}

func TestDerivedIDIsStable(t *testing.T) {
	e := newEnv(t, key)
	body := `{"text":"The minister said the plan was final."}`
	var first, second api.IngestResponse
	e.do("POST", "/v1/sources", "application/json", body, auth, bearer(key)).decode(t, &first)
	e.do("POST", "/v1/sources", "application/json", body, auth, bearer(key)).decode(t, &second)
	if first.Ingested[0].ID == "" || first.Ingested[0].ID != second.Ingested[0].ID {
		t.Fatalf("ids %+v and %+v", first, second)
	}
	if n := e.a.Count(); n != 3 {
		t.Errorf("count = %d, want 3", n)
	}
}

func TestNDJSONAllOrNothing(t *testing.T) {
	e := newEnv(t, key)
	good := `{"id":"n1","text":"One said hello."}` + "\n" + `{"id":"n2","text":"Two said hello."}` + "\n"
	r := e.do("POST", "/v1/sources", "application/x-ndjson", good, auth, bearer(key))
	if r.status != 201 {
		t.Fatalf("good batch = %d %s", r.status, r.body)
	}
	bad := `{"id":"n3","text":"Three."}` + "\n" + `{"id":"n4","text":` + "\n" + `{"id":"n5","text":"Five."}`
	er := e.do("POST", "/v1/sources", "application/x-ndjson", bad, auth, bearer(key)).wantError(t, 400)
	if !strings.Contains(er.Error.Message, "line 2") {
		t.Errorf("error does not name the line: %q", er.Error.Message)
	}
	same := `{"text":"Seven said so."}` + "\n" + `{"text":"Seven said so."}`
	if r := e.do("POST", "/v1/sources", "application/x-ndjson", same, auth, bearer(key)); r.status != 201 {
		t.Fatalf("the same source twice in one batch = %d %s, want one source", r.status, r.body)
	}
	blank := "\n\n" + `{"id":"n8","text":"Eight."}` + "\n" + `{"id":"bad/id","text":"x"}`
	if er := e.do("POST", "/v1/sources", "application/x-ndjson", blank, auth, bearer(key)).wantError(t, 400); !strings.Contains(er.Error.Message, "line 4") {
		t.Errorf("a bad source after blank lines is not named by its line: %q", er.Error.Message)
	}
	dup := `{"id":"n6","text":"Six."}` + "\n" + `{"id":"n6","text":"Six again."}`
	e.do("POST", "/v1/sources", "application/x-ndjson", dup, auth, bearer(key)).wantError(t, 400)
	for _, id := range []string{"n3", "n5", "n6", "n8"} {
		if e.a.Has(id) {
			t.Errorf("%s stored by a failed batch", id)
		}
	}
	if n := e.a.Count(); n != 5 {
		t.Errorf("count = %d, want 5", n)
	}
}

func TestAuth(t *testing.T) {
	body := `{"text":"Someone said something."}`
	off := newEnv(t, "")
	er := off.do("POST", "/v1/sources", "application/json", body, auth, bearer("x")).wantError(t, 403)
	if !strings.Contains(er.Error.Message, "VERBATIM_API_KEY") {
		t.Errorf("403 does not say how to enable writes: %q", er.Error.Message)
	}
	off.do("DELETE", "/v1/sources/x", "", "").wantError(t, 403)

	on := newEnv(t, key)
	on.do("POST", "/v1/sources", "application/json", body).wantError(t, 401)
	on.do("POST", "/v1/sources", "application/json", body, auth, "Basic "+key).wantError(t, 401)
	on.do("POST", "/v1/sources", "application/json", body, auth, bearer("wrong")).wantError(t, 401)
	on.do("DELETE", "/v1/sources/x", "", "", auth, bearer("wrong")).wantError(t, 401)
	if r := on.do("POST", "/v1/sources", "application/json", body, auth, bearer(key)); r.status != 201 {
		t.Errorf("right key = %d %s", r.status, r.body)
	}
	if r := on.do("GET", "/v1/sources", "", ""); r.status != 200 {
		t.Errorf("reads need no key, got %d", r.status)
	}
	if on.api.Panics.Load() != 0 || off.api.Panics.Load() != 0 {
		t.Error("panics recovered")
	}
}

func TestPagination(t *testing.T) {
	e := newEnv(t, key)
	var lines bytes.Buffer
	for i := 0; i < 25; i++ {
		json.NewEncoder(&lines).Encode(map[string]string{"id": "p" + string(rune('a'+i)), "text": "Text number " + string(rune('a'+i)) + "."})
	}
	if r := e.do("POST", "/v1/sources", "application/x-ndjson", lines.String(), auth, bearer(key)); r.status != 201 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	var all []string
	path := "/v1/sources?limit=10"
	for pages := 0; ; pages++ {
		var l api.SourceList
		r := e.do("GET", path, "", "")
		r.decode(t, &l)
		if r.status != 200 || l.Total != 27 {
			t.Fatalf("%d %s", r.status, r.body)
		}
		for _, s := range l.Sources {
			all = append(all, s.ID)
		}
		if l.Next == nil {
			break
		}
		path = "/v1/sources?limit=10&offset=" + itoa(*l.Next)
	}
	if len(all) != 27 {
		t.Fatalf("paged %d sources, want 27", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i-1] >= all[i] {
			t.Fatalf("not in id order or repeated: %v", all)
		}
	}
	var l api.SourceList
	e.do("GET", "/v1/sources", "", "").decode(t, &l)
	if l.Limit != api.DefaultPageSize || len(l.Sources) != api.DefaultPageSize {
		t.Errorf("default page = %d/%d", l.Limit, len(l.Sources))
	}
	for _, q := range []string{"limit=0", "limit=-1", "limit=101", "limit=abc", "offset=-5", "offset=x", "limit=99999999999999999999"} {
		e.do("GET", "/v1/sources?"+q, "", "").wantError(t, 400)
	}
}

func TestSpeakers(t *testing.T) {
	e := newEnv(t, "")
	var l api.SpeakerList
	r := e.do("GET", "/v1/speakers", "", "")
	r.decode(t, &l)
	if r.status != 200 || l.Total == 0 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	var putin *verbatim.Speaker
	for i := range l.Speakers {
		if l.Speakers[i].Name == "Vladimir Putin" {
			putin = &l.Speakers[i]
		}
	}
	if putin == nil || putin.Quotations < 2 || putin.Sources != 2 {
		t.Fatalf("Vladimir Putin not listed across both sources: %s", r.body)
	}
	var ql api.QuotationList
	e.do("GET", "/v1/quotations?speaker=putin", "", "").decode(t, &ql)
	if ql.Total != putin.Quotations {
		t.Errorf("quotations by alias putin = %d, speaker count %d", ql.Total, putin.Quotations)
	}
	e.do("GET", "/v1/quotations?q=most+extensive+agenda", "", "").decode(t, &ql)
	if ql.Total < 1 {
		t.Errorf("search by words found nothing")
	}
	e.do("GET", "/v1/quotations", "", "").wantError(t, 400)
}

func TestVerifyBatch(t *testing.T) {
	e := newEnv(t, "")
	body := `{"quote":"the most extensive agenda","speaker":"Putin"}` + "\n" + `not json` + "\n" + `{"quote":""}` + "\n" + `{"quote":"We are ready to talk when you are"}`
	r := e.do("POST", "/v1/verify/batch", "application/x-ndjson", body)
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/x-ndjson") {
		t.Fatalf("%d %s %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	lines := strings.Split(strings.TrimSpace(string(r.body)), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines: %s", len(lines), r.body)
	}
	var v verbatim.Verification
	json.Unmarshal([]byte(lines[0]), &v)
	if v.Verdict != verbatim.Attested {
		t.Errorf("line 1 verdict %s", v.Verdict)
	}
	for i, want := range map[int]int{1: 2, 2: 3} {
		var eb api.BatchError
		json.Unmarshal([]byte(lines[i]), &eb)
		if eb.Error.Line != want || eb.Error.Code == "" {
			t.Errorf("line %d: %s", i+1, lines[i])
		}
	}
	many := strings.Repeat(`{"quote":"a b c"}`+"\n", 11)
	e.do("POST", "/v1/verify/batch", "application/x-ndjson", many).wantError(t, 413)
}

func TestErrorsShape(t *testing.T) {
	e := newEnv(t, key)
	e.do("GET", "/nope", "", "").wantError(t, 404)
	e.do("PUT", "/v1/sources", "application/json", "{}").wantError(t, 405)
	e.do("POST", "/v1/verify", "text/plain", `{"quote":"x"}`).wantError(t, 415)
	e.do("POST", "/v1/verify", "application/json", `{"quote":"x","filter":{"bogus":1}}`).wantError(t, 400)
	e.do("POST", "/v1/verify", "application/json", `{"quote":"the most extensive agenda","Quote":"zzz"}`).wantError(t, 400)
	e.do("POST", "/v1/verify", "application/json", `{"quote":"x","filter":{"published_after":"yesterday"}}`).wantError(t, 400)
	e.do("POST", "/v1/verify", "application/json", `{"quote":"`+strings.Repeat("a", 5000)+`"}`).wantError(t, 413)
	e.do("POST", "/v1/sources", "application/json", `{"text":"`+strings.Repeat("a", 2<<20)+`"}`, auth, bearer(key)).wantError(t, 413)
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

package api_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/gin-gonic/gin"

	"github.com/verbatim/verbatim/api"
)

// hostile is one bad request and the status the SPEC gives it.
type hostile struct {
	name    string
	method  string
	path    string
	ctype   string
	body    string
	headers []string
	want    int
	// check, when set, looks further at a non-error answer.
	check func(t *testing.T, r response)
}

const (
	ctJSON   = "application/json"
	ctNDJSON = "application/x-ndjson"
)

// hostileIDs are ids no source may have: path separators, dot segments,
// control characters, spaces, non-ASCII, and far too long.
var hostileIDs = []string{
	"a/b", "..", ".", "../../etc/passwd", `..\..\windows`, "a\x00b", "a\nb", "a\rb", "a\x07b", "a\x7fb",
	"a b", "a?b", "a#b", "a%2Fb", "ид", "\u202eevil", "x/", ".hidden", strings.Repeat("x", 10000),
	"",
}

func hostileCases(seedID string) []hostile {
	withKey := []string{auth, bearer(key)}
	var cs []hostile
	add := func(h hostile) { cs = append(cs, h) }
	verify := func(name, ct, body string, want int) {
		add(hostile{name: "verify " + name, method: "POST", path: "/v1/verify", ctype: ct, body: body, want: want})
	}
	ingest := func(name, ct, body string, want int) {
		add(hostile{name: "ingest " + name, method: "POST", path: "/v1/sources", ctype: ct, body: body, headers: withKey, want: want})
	}
	batch := func(name, ct, body string, want int) {
		add(hostile{name: "batch " + name, method: "POST", path: "/v1/verify/batch", ctype: ct, body: body, want: want})
	}
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	deepObj := strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000)
	utf16le := func(s string) string {
		var b bytes.Buffer
		for _, u := range utf16.Encode([]rune(s)) {
			b.WriteByte(byte(u))
			b.WriteByte(byte(u >> 8))
		}
		return b.String()
	}
	bigString := strings.Repeat("a", 2<<20)

	// POST /v1/verify
	for _, c := range []struct {
		name, body string
		want       int
	}{
		{"malformed", `{"quote":}`, 400},
		{"truncated", `{"quote":"we are ready to`, 400},
		{"truncated after object start", `{`, 400},
		{"array", `["we are ready"]`, 400},
		{"string", `"we are ready"`, 400},
		{"number", `42`, 400},
		{"null", `null`, 400},
		{"true", `true`, 400},
		{"empty body", ``, 400},
		{"whitespace body", " \r\n\t ", 400},
		{"empty object", `{}`, 400},
		{"empty quote", `{"quote":""}`, 400},
		{"whitespace quote", `{"quote":" \t\n\u00a0\u2003 "}`, 400},
		{"punctuation quote", `{"quote":"... — !! “”"}`, 400},
		{"null quote", `{"quote":null}`, 400},
		{"quote over the limit", `{"quote":"` + strings.Repeat("word ", 1000) + `"}`, 413},
		{"speaker over the limit", `{"quote":"we are ready","speaker":"` + strings.Repeat("x", 600) + `"}`, 413},
		{"body over the limit", `{"quote":"` + bigString + `"}`, 413},
		{"invalid UTF-8 raw", "{\"quote\":\"we are \xff\xfe ready\"}", 400},
		{"invalid UTF-8 in a key", "{\"quo\xc3te\":\"we are ready\"}", 400},
		{"Latin-1 text", "{\"quote\":\"caf\xe9 au lait\"}", 400},
		{"UTF-16 body", utf16le(`{"quote":"we are ready"}`), 400},
		{"BOM", "\xef\xbb\xbf{\"quote\":\"we are ready\"}", 400},
		{"raw NUL in a string", "{\"quote\":\"we are\x00 ready\"}", 400},
		{"raw NUL after the object", "{\"quote\":\"we are ready\"}\x00", 400},
		{"escaped NUL in quote", `{"quote":"we are\u0000 ready"}`, 400},
		{"escaped NUL in speaker", `{"quote":"we are ready","speaker":"Pu\u0000tin"}`, 400},
		{"lone high surrogate", `{"quote":"we are \ud800 ready"}`, 400},
		{"lone low surrogate", `{"quote":"we are \udc00 ready"}`, 400},
		{"reversed surrogates", `{"quote":"we are \udc00\ud800 ready"}`, 400},
		{"high surrogate then letter", `{"quote":"we are \ud800\u0041 ready"}`, 400},
		{"lone surrogate in speaker", `{"quote":"we are ready","speaker":"\udfff"}`, 400},
		{"deeply nested array", deep, 400},
		{"deeply nested object", deepObj, 400},
		{"nested in filter", `{"quote":"we are ready","filter":{"source_ids":` + deep + `}}`, 400},
		{"quote is a number", `{"quote":42}`, 400},
		{"quote is a list", `{"quote":["we","are"]}`, 400},
		{"quote is an object", `{"quote":{"text":"we are ready"}}`, 400},
		{"speaker is an object", `{"quote":"we are ready","speaker":{}}`, 400},
		{"filter is a list", `{"quote":"we are ready","filter":[]}`, 400},
		{"filter is a string", `{"quote":"we are ready","filter":"x"}`, 400},
		{"source_ids is a string", `{"quote":"we are ready","filter":{"source_ids":"x"}}`, 400},
		{"source_ids of numbers", `{"quote":"we are ready","filter":{"source_ids":[1e999]}}`, 400},
		{"publishers of lists", `{"quote":"we are ready","filter":{"publishers":[["a"]]}}`, 400},
		{"unknown field", `{"quote":"we are ready","bogus":1}`, 400},
		{"unknown field differing in case", `{"quote":"we are ready","Speakr":"x"}`, 400},
		{"unknown filter field", `{"quote":"we are ready","filter":{"bogus":1}}`, 400},
		{"malformed date", `{"quote":"we are ready","filter":{"published_after":"yesterday"}}`, 400},
		{"impossible date", `{"quote":"we are ready","filter":{"published_before":"2024-02-30"}}`, 400},
		{"too many source ids", `{"quote":"we are ready","filter":{"source_ids":[` + strings.TrimSuffix(strings.Repeat(`"x",`, 1001), ",") + `]}}`, 413},
		{"duplicate key", `{"quote":"we are ready","quote":"we are not ready"}`, 400},
		{"duplicate key differing in escape", `{"quote":"we are ready","\u0071uote":"no"}`, 400},
		{"duplicate filter key", `{"quote":"we are ready","filter":{"publishers":["a"],"publishers":["b"]}}`, 400},
		{"two objects", `{"quote":"we are ready"}{"quote":"no"}`, 400},
		{"trailing garbage", `{"quote":"we are ready"} garbage`, 400},
		{"NDJSON lines", `{"quote":"we are ready"}` + "\n" + `{"quote":"no"}`, 400},
		{"single quotes", `{'quote':'we are ready'}`, 400},
		{"comment", `{"quote":"we are ready" /* x */}`, 400},
		{"trailing comma", `{"quote":"we are ready",}`, 400},
		{"NaN", `{"quote":"we are ready","filter":{"source_ids":[NaN]}}`, 400},
	} {
		verify(c.name, ctJSON, c.body, c.want)
	}
	verify("no Content-Type", "", `{"quote":"we are ready"}`, 415)
	verify("text/plain", "text/plain", `{"quote":"we are ready"}`, 415)
	verify("NDJSON Content-Type", ctNDJSON, `{"quote":"we are ready"}`, 415)
	verify("form Content-Type", "application/x-www-form-urlencoded", `quote=we+are+ready`, 415)
	verify("multipart Content-Type", "multipart/form-data; boundary=x", "--x\r\n\r\nwe are ready\r\n--x--", 415)
	verify("garbage Content-Type", ";;;", `{"quote":"we are ready"}`, 415)
	verify("json prefix Content-Type", "application/jsonx", `{"quote":"we are ready"}`, 415)
	// Unknown ids in a filter narrow the search to nothing: not an error.
	for _, id := range []string{"../../etc/passwd", "a\u0000b", strings.Repeat("x", 10000)} {
		b, _ := json.Marshal(map[string]any{"quote": "we are ready to talk", "filter": map[string]any{"source_ids": []string{id}}})
		add(hostile{name: "verify filter with hostile id " + trunc(id), method: "POST", path: "/v1/verify", ctype: ctJSON, body: string(b), want: 200,
			check: func(t *testing.T, r response) {
				var v struct{ Verdict string }
				r.decode(t, &v)
				if v.Verdict != "unattested" {
					t.Errorf("verdict %q with a filter matching no source", v.Verdict)
				}
			}})
	}

	// POST /v1/sources, JSON
	for _, c := range []struct {
		name, body string
		want       int
	}{
		{"malformed", `{"id":"h-1","text":}`, 400},
		{"truncated", `{"id":"h-1","text":"Someone said`, 400},
		{"array", `[{"id":"h-1","text":"Someone said hello."}]`, 400},
		{"string", `"Someone said hello."`, 400},
		{"null", `null`, 400},
		{"empty body", ``, 400},
		{"whitespace body", "\n\n  ", 400},
		{"no text", `{"id":"h-1"}`, 400},
		{"empty text", `{"id":"h-1","text":""}`, 400},
		{"whitespace text", `{"id":"h-1","text":" \n\t\u00a0 "}`, 400},
		{"text over the body limit", `{"id":"h-1","text":"` + bigString + `"}`, 413},
		{"title over the limit", `{"id":"h-1","title":"` + strings.Repeat("t", 3000) + `","text":"Someone said hello."}`, 413},
		{"publisher over the limit", `{"id":"h-1","publisher":"` + strings.Repeat("p", 3000) + `","text":"Someone said hello."}`, 413},
		{"invalid UTF-8 text", "{\"id\":\"h-1\",\"text\":\"Someone said \xc0\xaf hello.\"}", 400},
		{"Latin-1 text", "{\"id\":\"h-1\",\"text\":\"Someone said caf\xe9.\"}", 400},
		{"raw NUL", "{\"id\":\"h-1\",\"text\":\"Someone\x00 said hello.\"}", 400},
		{"escaped NUL in text", `{"id":"h-1","text":"Someone\u0000 said hello."}`, 400},
		{"escaped NUL in title", `{"id":"h-1","title":"a\u0000b","text":"Someone said hello."}`, 400},
		{"lone surrogate in text", `{"id":"h-1","text":"Someone said \ud83d hello."}`, 400},
		{"lone surrogate in author", `{"id":"h-1","author":"\ude00","text":"Someone said hello."}`, 400},
		{"deeply nested", `{"id":"h-1","text":"x","title":` + deep + `}`, 400},
		{"text is a number", `{"id":"h-1","text":12}`, 400},
		{"text is a list", `{"id":"h-1","text":["Someone said hello."]}`, 400},
		{"id is a number", `{"id":7,"text":"Someone said hello."}`, 400},
		{"publisher is an object", `{"id":"h-1","publisher":{},"text":"Someone said hello."}`, 400},
		{"published is a number", `{"id":"h-1","published":20240101,"text":"Someone said hello."}`, 400},
		{"published malformed", `{"id":"h-1","published":"last week","text":"Someone said hello."}`, 400},
		{"unknown field", `{"id":"h-1","text":"Someone said hello.","body":"x"}`, 400},
		{"quotations given", `{"id":"h-1","text":"Someone said hello.","quotations":[]}`, 400},
		{"duplicate key", `{"id":"h-1","text":"Someone said hello.","text":"Someone said goodbye."}`, 400},
		{"duplicate id key", `{"id":"h-1","id":"h-2","text":"Someone said hello."}`, 400},
		{"two objects", `{"id":"h-1","text":"Someone said hello."}{"id":"h-2","text":"x"}`, 400},
		{"trailing garbage", `{"id":"h-1","text":"Someone said hello."},`, 400},
	} {
		ingest(c.name, ctJSON, c.body, c.want)
	}
	for _, id := range hostileIDs {
		if id == "" {
			continue // an empty id means "derive one", which is allowed
		}
		b, _ := json.Marshal(map[string]string{"id": id, "text": "Someone said hello."})
		ingest("id "+trunc(id), ctJSON, string(b), 400)
	}
	good := `{"id":"h-ok","text":"Someone said hello."}`
	ingest("no Content-Type", "", good, 415)
	ingest("text/plain", "text/plain", good, 415)
	ingest("html", "text/html", "<p>Someone said hello.</p>", 415)
	ingest("form", "application/x-www-form-urlencoded", "text=Someone+said+hello.", 415)
	ingest("garbage Content-Type", "a/b/c", good, 415)

	// POST /v1/sources, NDJSON: any bad line fails the whole batch.
	line := func(id string) string { return `{"id":"` + id + `","text":"` + id + ` said hello."}` }
	for _, c := range []struct{ name, body string }{
		{"bad JSON in the middle", line("h-n1") + "\n" + `{"id":"h-n2","text":` + "\n" + line("h-n3")},
		{"duplicate ids, different texts", line("h-d1") + "\n" + line("h-d2") + "\n" + `{"id":"h-d1","text":"another text"}`},
		{"bad id in the middle", line("h-i1") + "\n" + `{"id":"../h-i2","text":"x"}` + "\n" + line("h-i3")},
		{"empty text in the middle", line("h-e1") + "\n" + `{"id":"h-e2","text":"  "}` + "\n" + line("h-e3")},
		{"invalid UTF-8 in the middle", line("h-u1") + "\n" + "{\"id\":\"h-u2\",\"text\":\"\xff\"}" + "\n" + line("h-u3")},
		{"lone surrogate in the middle", line("h-s1") + "\n" + `{"id":"h-s2","text":"\udbff x"}` + "\n" + line("h-s3")},
		{"array line", line("h-a1") + "\n" + `[1,2]` + "\n" + line("h-a3")},
		{"unknown field on the last line", line("h-f1") + "\n" + line("h-f2") + "\n" + `{"id":"h-f3","text":"x","x":1}`},
		{"duplicate key on a line", line("h-k1") + "\n" + `{"id":"h-k2","id":"h-k3","text":"x"}`},
		{"bad date on a line", line("h-p1") + "\n" + `{"id":"h-p2","published":"2024-13-45","text":"x"}`},
		{"two objects on a line", line("h-t1") + " " + line("h-t2")},
		{"deep line", line("h-z1") + "\n" + deepObj},
		{"only blank lines", "\n \n\t\n"},
		{"empty body", ""},
	} {
		ingest("NDJSON "+c.name, ctNDJSON, c.body, 400)
	}
	ingest("NDJSON over the body limit", ctNDJSON, line("h-b1")+"\n"+`{"id":"h-b2","text":"`+bigString+`"}`, 413)

	// Reads by id: hostile ids in the path, percent-encoded.
	for _, id := range hostileIDs {
		if id == "" {
			continue
		}
		p := "/v1/sources/" + url.PathEscape(id)
		add(hostile{name: "get id " + trunc(id), method: "GET", path: p, want: 404})
		add(hostile{name: "quotations of id " + trunc(id), method: "GET", path: p + "/quotations", want: 404})
		add(hostile{name: "delete id " + trunc(id), method: "DELETE", path: p, headers: withKey, want: 404})
	}
	add(hostile{name: "get raw dot-dot path", method: "GET", path: "/v1/sources/../../etc/passwd", want: 404})
	add(hostile{name: "get raw encoded NUL", method: "GET", path: "/v1/sources/%00", want: 404})
	add(hostile{name: "get invalid UTF-8 id", method: "GET", path: "/v1/sources/%ff%fe", want: 404})
	add(hostile{name: "get encoded slash id", method: "GET", path: "/v1/sources/" + seedID + "%2F..", want: 404})
	add(hostile{name: "delete unknown id", method: "DELETE", path: "/v1/sources/no-such-source", headers: withKey, want: 404})

	// Pagination and search.
	for _, q := range []string{"limit=0", "limit=-1", "limit=101", "limit=99999999999999999999999", "limit=abc", "limit=", "limit=1.5", "limit=0x10",
		"limit=%00", "limit=1e2", "offset=-1", "offset=-99999999999999999999", "offset=2147483648", "offset=abc", "offset=", "offset=%ff"} {
		add(hostile{name: "list " + q, method: "GET", path: "/v1/sources?" + q, want: 400})
		if q != "limit=101" {
			add(hostile{name: "speakers " + q, method: "GET", path: "/v1/speakers?" + q, want: 400})
		}
		add(hostile{name: "quotations " + q, method: "GET", path: "/v1/quotations?speaker=putin&" + q, want: 400})
	}
	add(hostile{name: "speakers limit over 1000", method: "GET", path: "/v1/speakers?limit=1001", want: 400})
	for _, c := range []struct {
		q    string
		want int
	}{
		{"", 400},
		{"q=", 400},
		{"speaker=%20%20", 400},
		{"q=%20...%20!!", 400},
		{"q=" + strings.Repeat("word+", 300), 413},
		{"speaker=" + strings.Repeat("x", 2000), 413},
		{"q=" + strings.Repeat("x", 10000), 413},
		{"q=%ff%fe", 400},
		{"speaker=%c0%af", 400},
		{"q=ready%00to", 400},
		{"speaker=Pu%00tin", 400},
	} {
		add(hostile{name: "search " + trunc(c.q), method: "GET", path: "/v1/quotations?" + c.q, want: c.want})
	}

	// POST /v1/verify/batch
	batch("JSON Content-Type", ctJSON, `{"quote":"we are ready"}`, 415)
	batch("no Content-Type", "", `{"quote":"we are ready"}`, 415)
	batch("empty body", ctNDJSON, "", 400)
	batch("blank lines only", ctNDJSON, "\n\n  \n", 400)
	batch("over the line limit", ctNDJSON, strings.Repeat(`{"quote":"we are ready"}`+"\n", 11), 413)
	batch("over the body limit", ctNDJSON, `{"quote":"`+bigString+`"}`, 413)
	add(hostile{name: "batch of bad lines", method: "POST", path: "/v1/verify/batch", ctype: ctNDJSON, want: 200,
		body: "{\"quote\":\"\xff\"}\n" + `{"quote":"\ud800"}` + "\n" + deep + "\n" + `{"quote":""}` + "\n" + `{"quote":"a","quote":"b"}` + "\n" +
			`{"quote":"x","bogus":1}` + "\n" + `{"quote":"` + strings.Repeat("w ", 3000) + `"}` + "\n" + `[` + "\n" + `{"quote":"we are\u0000 ready"}`,
		check: func(t *testing.T, r response) {
			lines := strings.Split(strings.TrimSpace(string(r.body)), "\n")
			if len(lines) != 9 {
				t.Fatalf("%d answer lines for 9 claims: %s", len(lines), r.body)
			}
			for i, l := range lines {
				var eb api.BatchError
				if err := json.Unmarshal([]byte(l), &eb); err != nil || eb.Error.Code == "" || eb.Error.Message == "" || eb.Error.Line != i+1 {
					t.Errorf("line %d: want an error for line %d, got %s", i+1, i+1, l)
				}
			}
		}})

	// Methods the routes do not have.
	for _, m := range []struct{ method, path string }{
		{"PUT", "/v1/sources"}, {"PATCH", "/v1/sources"}, {"DELETE", "/v1/sources"},
		{"PUT", "/v1/sources/" + seedID}, {"PATCH", "/v1/sources/" + seedID}, {"POST", "/v1/sources/" + seedID},
		{"POST", "/v1/sources/" + seedID + "/quotations"}, {"DELETE", "/v1/sources/" + seedID + "/quotations"},
		{"POST", "/v1/speakers"}, {"DELETE", "/v1/quotations"}, {"GET", "/v1/verify"}, {"PUT", "/v1/verify"},
		{"GET", "/v1/verify/batch"}, {"DELETE", "/v1/verify/batch"}, {"POST", "/healthz"}, {"DELETE", "/readyz"},
		{"OPTIONS", "/v1/verify"}, {"TRACE", "/v1/sources"}, {"PROPFIND", "/v1/sources"},
	} {
		add(hostile{name: m.method + " " + m.path, method: m.method, path: m.path, ctype: ctJSON, body: good, headers: withKey, want: 405})
	}
	add(hostile{name: "unknown route", method: "GET", path: "/v1/nope", want: 404})
	add(hostile{name: "unknown version", method: "POST", path: "/v2/verify", ctype: ctJSON, body: `{"quote":"x"}`, want: 404})

	// Writes without the right key: refused before the body matters.
	valid := `{"id":"h-noauth","text":"Someone said hello."}`
	for _, h := range []struct {
		name  string
		value []string
	}{
		{"missing", nil},
		{"empty", []string{auth, ""}},
		{"scheme only", []string{auth, "Bearer"}},
		{"empty bearer", []string{auth, "Bearer "}},
		{"Basic", []string{auth, "Basic " + key}},
		{"Token", []string{auth, "Token " + key}},
		{"key without scheme", []string{auth, key}},
		{"wrong key", []string{auth, bearer("wrong")}},
		{"key prefix", []string{auth, bearer(key[:len(key)-1])}},
		{"key with suffix", []string{auth, bearer(key + "x")}},
		{"key and more", []string{auth, bearer(key + " " + key)}},
		{"upper-cased key", []string{auth, bearer(strings.ToUpper(key))}},
		{"long key", []string{auth, bearer(strings.Repeat("k", 10000))}},
		{"key in another header", []string{"X-Api-Key", key}},
		{"key in a query", nil},
	} {
		p := "/v1/sources"
		if h.name == "key in a query" {
			p += "?key=" + key + "&api_key=" + key
		}
		add(hostile{name: "auth " + h.name, method: "POST", path: p, ctype: ctJSON, body: valid, headers: h.value, want: 401})
		add(hostile{name: "auth " + h.name + " delete", method: "DELETE", path: "/v1/sources/" + seedID, headers: h.value, want: 401})
		add(hostile{name: "auth " + h.name + " NDJSON", method: "POST", path: "/v1/sources", ctype: ctNDJSON, body: valid + "\n", headers: h.value, want: 401})
		add(hostile{name: "auth " + h.name + " bad body", method: "POST", path: "/v1/sources", ctype: ctJSON, body: `{`, headers: h.value, want: 401})
	}
	return cs
}

// trunc shortens a case name.
func trunc(s string) string {
	q := fmt.Sprintf("%q", s)
	if len(q) > 40 {
		q = q[:40] + "…"
	}
	return q
}

// TestHostileRequests sends every hostile request through the real router:
// each gets its 4xx in the SPEC's error shape (or, where the SPEC says so,
// a 200), nothing is stored, nothing panics, and the server stays healthy.
func TestHostileRequests(t *testing.T) {
	e := newEnv(t, key)
	before := e.a.Count()
	docs, _ := e.a.List(0, 1)
	seedID := docs[0].Source.ID
	cases := hostileCases(seedID)
	passed := 0
	for _, c := range cases {
		ok := t.Run(c.name, func(t *testing.T) {
			se := *e
			se.t = t
			r := se.do(c.method, c.path, c.ctype, c.body, c.headers...)
			if r.header.Get("X-Request-Id") == "" {
				t.Errorf("no X-Request-Id")
			}
			if c.want >= 400 {
				// A client's mistake is explained, never "internal error".
				if er := r.wantError(t, c.want); er.Error.Message == "internal error" || er.Error.Code == "internal" {
					t.Errorf("4xx with an internal error's message: %s", r.body)
				}
			} else if r.status != c.want {
				t.Fatalf("status = %d, want %d: %.300s", r.status, c.want, r.body)
			}
			if c.check != nil {
				c.check(t, r)
			}
		})
		if ok {
			passed++
		}
	}

	// A body announced larger than the limit is refused before it is sent,
	// and one streamed without a length is cut off at the limit.
	for _, path := range []string{"/v1/sources", "/v1/verify", "/v1/verify/batch"} {
		t.Run("huge Content-Length "+path, func(t *testing.T) {
			hugeContentLength(t, e.srv.URL, path)
			passed++
		})
		t.Run("endless chunked body "+path, func(t *testing.T) {
			endlessBody(t, e.srv.URL, path)
			passed++
		})
	}
	t.Logf("%d of %d hostile requests answered as the SPEC says", passed, len(cases)+6)

	if r := e.do("GET", "/healthz", "", ""); r.status != 200 {
		t.Errorf("healthz after the table = %d", r.status)
	}
	if r := e.do("GET", "/readyz", "", ""); r.status != 200 {
		t.Errorf("readyz after the table = %d", r.status)
	}
	if n := e.a.Count(); n != before {
		t.Errorf("source count %d after the table, was %d", n, before)
	}
	var l api.SourceList
	e.do("GET", "/v1/sources?limit=100", "", "").decode(t, &l)
	for _, s := range l.Sources {
		if strings.HasPrefix(s.ID, "h-") {
			t.Errorf("source %q stored by a hostile request", s.ID)
		}
	}
	if l.Total != before {
		t.Errorf("listed total %d, want %d", l.Total, before)
	}
	// The seed that auth cases tried to delete is still whole.
	if r := e.do("GET", "/v1/sources/"+seedID, "", ""); r.status != 200 {
		t.Errorf("seed %s = %d after the table", seedID, r.status)
	}
	if p := e.api.Panics.Load(); p != 0 {
		t.Errorf("%d panics recovered during the table", p)
	}
	// And it still answers a real claim.
	r := e.do("POST", "/v1/verify", ctJSON, `{"quote":"the most extensive agenda","speaker":"Putin"}`)
	var v struct{ Sources int }
	r.decode(t, &v)
	if r.status != 200 || v.Sources == 0 {
		t.Errorf("verify after the table: %d %s", r.status, r.body)
	}
}

// TestWritesDisabled: with no key configured every write is refused with
// 403, whatever the request carries, and nothing changes.
func TestWritesDisabled(t *testing.T) {
	e := newEnv(t, "")
	before := e.a.Count()
	docs, _ := e.a.List(0, 1)
	seedID := docs[0].Source.ID
	valid := `{"id":"h-off","text":"Someone said hello."}`
	for _, h := range [][]string{nil, {auth, ""}, {auth, "Bearer"}, {auth, "Bearer "}, {auth, bearer("")}, {auth, bearer("anything")}, {auth, "Basic x"}} {
		e.do("POST", "/v1/sources", ctJSON, valid, h...).wantError(t, 403)
		e.do("POST", "/v1/sources", ctNDJSON, valid, h...).wantError(t, 403)
		e.do("DELETE", "/v1/sources/"+seedID, "", "", h...).wantError(t, 403)
		e.do("DELETE", "/v1/sources/no-such", "", "", h...).wantError(t, 403)
	}
	if n := e.a.Count(); n != before || e.a.Has("h-off") || !e.a.Has(seedID) {
		t.Errorf("count %d (was %d) after refused writes", n, before)
	}
	if e.api.Panics.Load() != 0 {
		t.Error("panics recovered")
	}
}

// rawRequest writes a request head by hand and returns the connection.
func rawRequest(t *testing.T, base, head string) net.Conn {
	t.Helper()
	u, _ := url.Parse(base)
	conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	return conn
}

func readErrorResponse(t *testing.T, conn net.Conn, want int) {
	t.Helper()
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no response: %v", err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	response{status: res.StatusCode, header: res.Header, body: b}.wantError(t, want)
}

func head(method, path, extra string) string {
	return method + " " + path + " HTTP/1.1\r\nHost: verbatim.test\r\nAuthorization: Bearer " + key + "\r\n" + extra + "\r\n"
}

func hugeContentLength(t *testing.T, base, path string) {
	ct := ctJSON
	if strings.HasSuffix(path, "batch") {
		ct = ctNDJSON
	}
	start := time.Now()
	conn := rawRequest(t, base, head("POST", path, "Content-Type: "+ct+"\r\nContent-Length: 1099511627776\r\n")+`{"text":"`)
	readErrorResponse(t, conn, 413)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refusal took %v", d)
	}
}

func endlessBody(t *testing.T, base, path string) {
	ct := ctJSON
	if strings.HasSuffix(path, "batch") {
		ct = ctNDJSON
	}
	conn := rawRequest(t, base, head("POST", path, "Content-Type: "+ct+"\r\nTransfer-Encoding: chunked\r\n"))
	const limit = 64 << 20
	written := make(chan int, 1)
	go func() {
		chunk := strings.Repeat("a", 64<<10)
		n := 0
		if _, err := fmt.Fprintf(conn, "%x\r\n%s\r\n", 10, `{"text":"a`); err != nil {
			written <- n
			return
		}
		for n < limit {
			if _, err := fmt.Fprintf(conn, "%x\r\n%s\r\n", len(chunk), chunk); err != nil {
				break
			}
			n += len(chunk)
		}
		written <- n
	}()
	readErrorResponse(t, conn, 413)
	conn.Close()
	if n := <-written; n >= limit {
		t.Errorf("the server read all %d bytes of an endless body", n)
	}
}

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// captureLogs sends slog's default logger to a buffer for one test.
func captureLogs(t *testing.T) *syncBuffer {
	buf := &syncBuffer{}
	old, oldOut, oldFlags := slog.Default(), log.Writer(), log.Flags()
	slog.SetDefault(slog.New(slog.NewJSONHandler(buf, nil)))
	t.Cleanup(func() {
		// SetDefault with the original handler leaves the log package
		// writing to ours: restore both.
		slog.SetDefault(old)
		log.SetOutput(oldOut)
		log.SetFlags(oldFlags)
	})
	return buf
}

// TestPanicIsRecovered: a handler that panics answers 500 in the error
// shape with no detail, is logged with the request id and counted, and the
// server goes on serving.
func TestPanicIsRecovered(t *testing.T) {
	logs := captureLogs(t)
	e := newEnv(t, key)
	s := api.New(api.Config{APIKey: key})
	s.SetArchive(e.a)
	h := s.Handler()
	eng, ok := h.(*gin.Engine)
	if !ok {
		t.Skipf("Handler is a %T, cannot add a panicking route", h)
	}
	eng.GET("/test/panic", func(c *gin.Context) { panic("secret detail of a bug") })
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	e.srv, e.api = srv, s

	r := e.do("GET", "/test/panic", "", "")
	er := r.wantError(t, 500)
	if er.Error.Code != "internal" || strings.Contains(string(r.body), "secret") {
		t.Errorf("panic answer leaks or has the wrong code: %s", r.body)
	}
	if s.Panics.Load() != 1 {
		t.Errorf("Panics = %d, want 1", s.Panics.Load())
	}
	id := r.header.Get("X-Request-Id")
	found := false
	for _, l := range strings.Split(logs.String(), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(l), &m) == nil && m["msg"] == "panic" && m["request_id"] == id && m["level"] == "ERROR" {
			found = true
		}
	}
	if !found {
		t.Errorf("no panic log line with request id %s:\n%s", id, logs.String())
	}
	if r := e.do("GET", "/healthz", "", ""); r.status != 200 {
		t.Errorf("healthz after a panic = %d", r.status)
	}
}

// TestLogsHoldNoSecrets: the request log has a line a request, and never
// the API key, a request body, or a query's values.
func TestLogsHoldNoSecrets(t *testing.T) {
	logs := captureLogs(t)
	e := newEnv(t, key)
	const marker = "ZebraMarker"
	e.do("POST", "/v1/sources", ctJSON, `{"id":"log-1","text":"“`+marker+` one,” Doe said."}`, auth, bearer(key))
	e.do("POST", "/v1/sources", ctJSON, `{"id":"log-2","text":"`+marker+` two`, auth, bearer(key))
	e.do("POST", "/v1/sources", ctJSON, `{"id":"log-3","text":"x"}`, auth, bearer(key+marker))
	e.do("POST", "/v1/verify", ctJSON, `{"quote":"`+marker+` three","speaker":"`+marker+`"}`)
	e.do("POST", "/v1/verify", ctJSON, `{"quote":"`+marker+` four`)
	e.do("GET", "/v1/quotations?q="+marker+"&speaker="+marker, "", "")
	e.do("DELETE", "/v1/sources/log-1", "", "", auth, bearer(key))
	out := logs.String()
	for _, secret := range []string{key, marker} {
		if strings.Contains(out, secret) {
			t.Errorf("logs contain %q:\n%s", secret, out)
		}
	}
	if n := strings.Count(out, `"msg":"request"`); n != 7 {
		t.Errorf("%d request log lines for 7 requests:\n%s", n, out)
	}
}

package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	verbatim "github.com/verbatim/verbatim"
)

// MaxJSONDepth bounds nesting in request bodies; a source or a claim needs
// three levels, so anything deep is an attack or a mistake.
const MaxJSONDepth = 16

// CheckJSON rejects what encoding/json would accept silently but a client
// cannot mean: nesting deeper than MaxJSONDepth, a key given twice in one
// object (which value wins is ambiguous), and escaped lone surrogates (which
// decode to U+FFFD and so lose data).
func CheckJSON(data []byte) error {
	if hasLoneSurrogate(data) {
		return verbatim.Errorf(verbatim.EInvalid, "JSON string holds a lone UTF-16 surrogate escape")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		object bool
		keys   map[string]bool
		expect bool // next string token in an object is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return verbatim.Errorf(verbatim.EInvalid, "malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				if len(stack) >= MaxJSONDepth {
					return verbatim.Errorf(verbatim.EInvalid, "JSON nested deeper than %d levels", MaxJSONDepth)
				}
				if top != nil && top.object {
					top.expect = true
				}
				stack = append(stack, &frame{object: t == '{', keys: map[string]bool{}, expect: true})
			default:
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1].object {
					stack[len(stack)-1].expect = true
				}
			}
			continue
		case string:
			if top != nil && top.object && top.expect {
				// encoding/json matches field names without regard to
				// case, so "quote" and "Quote" are the same key twice.
				k := strings.ToLower(t)
				if top.keys[k] {
					return verbatim.Errorf(verbatim.EInvalid, "key %q appears twice in one object", t)
				}
				top.keys[k] = true
				top.expect = false
				continue
			}
		}
		if top != nil && top.object {
			top.expect = true
		}
	}
}

// hasLoneSurrogate scans JSON text for a \uD800-\uDFFF escape that is not
// a high surrogate followed by a low one.
func hasLoneSurrogate(data []byte) bool {
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if !inString {
			if c == '"' {
				inString = true
			}
			continue
		}
		switch c {
		case '"':
			inString = false
		case '\\':
			if i+1 >= len(data) {
				return false
			}
			if data[i+1] != 'u' {
				i++
				continue
			}
			r, ok := hex4(data, i+2)
			if !ok {
				i++
				continue
			}
			switch {
			case r >= 0xD800 && r < 0xDC00:
				if i+11 < len(data)+0 && data[i+6] == '\\' && data[i+7] == 'u' {
					if lo, ok := hex4(data, i+8); ok && lo >= 0xDC00 && lo < 0xE000 {
						i += 11
						continue
					}
				}
				return true
			case r >= 0xDC00 && r < 0xE000:
				return true
			}
			i += 5
		}
	}
	return false
}

func hex4(data []byte, at int) (int, bool) {
	if at+4 > len(data) {
		return 0, false
	}
	v := 0
	for _, c := range data[at : at+4] {
		v <<= 4
		switch {
		case c >= '0' && c <= '9':
			v |= int(c - '0')
		case c >= 'a' && c <= 'f':
			v |= int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v |= int(c-'A') + 10
		default:
			return 0, false
		}
	}
	return v, true
}

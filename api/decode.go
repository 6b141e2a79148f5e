package api

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	verbatim "github.com/verbatim/verbatim"
)

const (
	mediaJSON   = "application/json"
	mediaNDJSON = "application/x-ndjson"
)

// mediaType returns the request's media type, or an error naming the ones
// accepted.
func mediaType(c *gin.Context, accepted ...string) (string, error) {
	ct := c.GetHeader("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil {
		for _, a := range accepted {
			if mt == a {
				return mt, nil
			}
		}
	}
	if ct == "" {
		ct = "none"
	}
	return "", verbatim.Errorf(verbatim.EUnsupported, "Content-Type %s is not accepted here; send %v", strconv.Quote(ct), accepted)
}

// readRequest checks the media type against those accepted, then reads the
// whole (size-limited) body.
func readRequest(c *gin.Context, accepted ...string) (string, []byte, error) {
	mt, err := mediaType(c, accepted...)
	if err != nil {
		return "", nil, err
	}
	body, err := readBody(c)
	return mt, body, err
}

// readBody reads the whole (size-limited) body.
func readBody(c *gin.Context) ([]byte, error) {
	b, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, verbatim.Errorf(verbatim.ETooLarge, "body is over the limit of %d bytes", mbe.Limit)
		}
		return nil, verbatim.Errorf(verbatim.EInvalid, "could not read the body: %v", err)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, verbatim.Errorf(verbatim.EInvalid, "body is empty")
	}
	return b, nil
}

// ndjsonLines splits a body into its non-blank lines, with 1-based numbers.
func ndjsonLines(body []byte) (lines [][]byte, numbers []int) {
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 64<<10), len(body)+1)
	n := 0
	for sc.Scan() {
		n++
		if l := bytes.TrimSpace(sc.Bytes()); len(l) > 0 {
			lines = append(lines, append([]byte(nil), l...))
			numbers = append(numbers, n)
		}
	}
	return lines, numbers
}

// page reads limit and offset query parameters.
func page(c *gin.Context, def, max int) (offset, limit int, err error) {
	limit, offset = def, 0
	if v, ok := c.GetQuery("limit"); ok {
		n, perr := strconv.Atoi(v)
		if perr != nil || n < 1 || n > max {
			return 0, 0, verbatim.Errorf(verbatim.EInvalid, "limit must be an integer from 1 to %d", max)
		}
		limit = n
	}
	if v, ok := c.GetQuery("offset"); ok {
		n, perr := strconv.Atoi(v)
		if perr != nil || n < 0 || n > 1<<30 {
			return 0, 0, verbatim.Errorf(verbatim.EInvalid, "offset must be an integer from 0 to %d", 1<<30)
		}
		offset = n
	}
	return offset, limit, nil
}

// next is the offset of the following page, nil on the last one.
func next(offset, limit, total int) *int {
	if offset+limit >= total {
		return nil
	}
	n := offset + limit
	return &n
}

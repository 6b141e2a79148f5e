package corpus

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	verbatim "github.com/verbatim/verbatim"
)

// ParseHTML reads an article page: its text is the text of its headings,
// paragraphs, list items and block quotes, one block a paragraph, without
// scripts, styles, navigation, headers, footers or forms. Metadata comes from
// the usual meta tags (og:title, og:site_name, og:url or the canonical link,
// article:published_time, author). An HTML parser rather than regular
// expressions, because scraped pages are rarely well formed.
func ParseHTML(name string, data []byte) ([]verbatim.Source, error) {
	if !utf8.Valid(data) {
		return nil, verbatim.Errorf(verbatim.EInvalid, "%s: not valid UTF-8", name)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, verbatim.Errorf(verbatim.EInvalid, "%s: %v", name, err)
	}
	var s verbatim.Source
	var title string
	var blocks []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "nav", "header", "footer", "form", "aside", "template", "svg":
				return
			case "title":
				if title == "" {
					title = collapse(textOf(n))
				}
				return
			case "meta":
				meta(n, &s)
				return
			case "link":
				if attr(n, "rel") == "canonical" && s.URL == nil {
					if v := attr(n, "href"); v != "" {
						s.URL = &v
					}
				}
				return
			case "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "td":
				if t := collapse(textOf(n)); t != "" {
					blocks = append(blocks, t)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if s.Title == "" {
		s.Title = title
	}
	s.Text = strings.Join(blocks, "\n\n")
	if s.Title == "" {
		s.Title = verbatim.DefaultTitle(s.Text)
	}
	if strings.TrimSpace(s.Text) == "" {
		return nil, verbatim.Errorf(verbatim.EInvalid, "%s: no article text found", name)
	}
	return []verbatim.Source{s}, nil
}

func meta(n *html.Node, s *verbatim.Source) {
	key := attr(n, "property")
	if key == "" {
		key = attr(n, "name")
	}
	v := strings.TrimSpace(attr(n, "content"))
	if v == "" {
		return
	}
	switch strings.ToLower(key) {
	case "og:title":
		s.Title = v
	case "og:site_name":
		s.Publisher = &v
	case "og:url":
		s.URL = &v
	case "article:published_time", "date", "pubdate":
		// The day of a timestamp; a cut that splits a character is no date.
		if len(v) >= 10 && utf8.ValidString(v[:10]) {
			d := v[:10]
			s.Published = &d
		}
	case "author", "article:author":
		s.Author = &v
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.ElementNode && n.Data == "br" {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// collapse turns runs of whitespace into one space, as a browser shows them.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

package archive

import (
	"sort"

	verbatim "github.com/verbatim/verbatim"
)

func sortDocs(docs []*verbatim.Document) {
	sort.Slice(docs, func(i, j int) bool { return docs[i].Source.ID < docs[j].Source.ID })
}

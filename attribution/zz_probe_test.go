package attribution

import "testing"

func TestZZProbe(t *testing.T) {
	pre := "Then Catherine Morland sat. Then John Thorpe came in. Mr. Marvel sat. Then the first cabman came.\n\n"
	saved := novelModel
	defer func() { novelModel = saved }()
	for _, w := range []map[string]float64{{}, saved} {
		novelModel = w
		for _, in := range []string{
			"\"Udolpho was written by Mrs. Radcliffe,\" said Catherine, with some hesitation.",
			"\"They haven't noticed he said nothing,\" asked the first cabman.",
			"\"Then there is no hope,\" said the surgeon at last.",
			"\"It is too late,\" replied Catherine finding that he waited for an answer.",
		} {
			t.Log(dump(Extract(pre + in + novelFiller())[:2]))
		}
	}
}

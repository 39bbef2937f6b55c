package meta

import "testing"

func TestScanName(t *testing.T) {
	for s, want := range map[string]nameFlags{
		"":                       0,
		"post-Comments wrap":     unlikelyName,
		"SIDEBAR":                unlikelyName,
		"article-footer":         unlikelyName | okName,
		"byline":                 bylineName,
		"PostAuthorName":         bylineName,
		"authorization-box":      0,
		"authority authorName":   bylineName,
		"written-By":             bylineName,
		"main-content":           okName,
		"related-stories byline": unlikelyName | bylineName,
		"menu":                   unlikelyName,
		"Men":                    0,
		"über-menü":              0,
	} {
		if got := scanName(s); got != want {
			t.Errorf("scanName(%q) = %b, want %b", s, got, want)
		}
	}
}

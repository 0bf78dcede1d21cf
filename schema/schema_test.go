package schema

import (
	"strings"
	"testing"
)

func TestSchemaCompiles(t *testing.T) {
	if _, err := root(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(JSON), ID) || !strings.Contains(ID, Version) {
		t.Errorf("$id %s does not carry version %s", ID, Version)
	}
}

func TestViolationsNamePointers(t *testing.T) {
	good := `{"kind":"money","schema_version":"1.1.0","source":"a.txt","section":null,"path":"1.3","yuan":2000000,"currency":"CNY","q":"max","role":"benefit","text":"最高200万元","span":[1,2],"raw_span":[1,2]}`
	tests := []struct {
		name, in string
		want     []string // substrings of the violations
	}{
		{"good", good, nil},
		{"bad qualifier", strings.Replace(good, `"max"`, `"most"`, 1), []string{"/q: value must be one of"}},
		{"amount as string", strings.Replace(good, `2000000`, `"2000000"`, 1), []string{"/yuan"}},
		{"second line broken", good + "\n" + strings.Replace(good, `"path":"1.3"`, `"path":"一.3"`, 1), []string{"line 2: /path"}},
		{"not json", "{oops", []string{"not JSON"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vs, err := ValidateStream(strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range vs {
				got = append(got, v.String())
			}
			if len(tc.want) == 0 && len(got) > 0 {
				t.Errorf("violations %q; want none", got)
			}
			for _, w := range tc.want {
				if !strings.Contains(strings.Join(got, "\n"), w) {
					t.Errorf("violations %q; want one with %q", got, w)
				}
			}
		})
	}
}

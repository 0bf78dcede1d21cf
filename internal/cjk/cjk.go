// Package cjk finds words of Chinese text in Chinese text. strings.Index
// looks for a word's first byte and compares from there; in Chinese text
// the lead byte of a three-byte character (E4..E9) is every third byte or
// so, and most of those compares fail. Index looks for the word's third
// byte instead, a continuation byte that stands in about one byte in a
// hundred.
package cjk

import "strings"

// Index returns the index of the first instance of word in s, or -1, as
// strings.Index does.
func Index(s, word string) int {
	if len(word) < 3 || word[0] < 0xE0 || len(s) < len(word) {
		return strings.Index(s, word)
	}
	c := word[2]
	for i := 2; i < len(s); {
		k := strings.IndexByte(s[i:], c)
		if k < 0 {
			return -1
		}
		i += k
		if s[i-2] == word[0] && s[i-1] == word[1] && strings.HasPrefix(s[i-2:], word) {
			return i - 2
		}
		i++
	}
	return -1
}

// Contains reports whether word is in s, as strings.Contains does.
func Contains(s, word string) bool { return Index(s, word) >= 0 }

// ContainsAny reports whether one of words is in s.
func ContainsAny(s string, words []string) bool {
	for _, w := range words {
		if Index(s, w) >= 0 {
			return true
		}
	}
	return false
}

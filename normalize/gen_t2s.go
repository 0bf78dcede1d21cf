//go:build ignore

// Writes t2s.tsv from the opencc package's dictionaries: go generate ./normalize
package main

import (
	"log"
	"os"

	"github.com/zhengce/zhengce/normalize/internal/opencct2s"
)

func main() {
	t, err := opencct2s.Read()
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Create("t2s.tsv")
	if err != nil {
		log.Fatal(err)
	}
	if err := t.Write(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

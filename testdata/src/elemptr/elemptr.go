// Package main covers maps whose values are pointers (DESIGN §5 "Paths
// conflict with their prefixes"): a map and what its values point to
// are different memory. name1 looks a bucket up holding mu1 and reads its
// name after unlocking: that read touches the bucket, which nothing
// writes after making it, not the map that add1 and drop1 change under
// mu1 (silent). The twin name2 looks the bucket up without mu2: the
// lookup reads the map while add2 and drop2 change it (reported).
package main

import "sync"

type bucket struct{ name string }

var (
	mu1      sync.Mutex // want `^mu1 guards buckets1, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	buckets1 = map[string]*bucket{}

	mu2      sync.Mutex // want `^mu2 guards buckets2, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	buckets2 = map[string]*bucket{}
)

func add1(k string) {
	mu1.Lock()
	buckets1[k] = &bucket{name: k}
	mu1.Unlock()
}

func drop1(k string) {
	mu1.Lock()
	delete(buckets1, k)
	mu1.Unlock()
}

func name1(k string) string {
	mu1.Lock()
	b, ok := buckets1[k]
	mu1.Unlock()
	if !ok {
		return ""
	}
	return b.name // ok: reads the bucket, not the map, and nothing writes a bucket's name after making it
}

func add2(k string) {
	mu2.Lock()
	buckets2[k] = &bucket{name: k}
	mu2.Unlock()
}

func drop2(k string) {
	mu2.Lock()
	delete(buckets2, k)
	mu2.Unlock()
}

func name2(k string) string {
	b, ok := buckets2[k] // want `^buckets2 read without holding mu2; goroutine started in main also writes it$`
	if !ok {
		return ""
	}
	return b.name
}

func main() {
	go func() {
		for {
			add1("a")
			drop1("a")
			add2("a")
			drop2("a")
		}
	}()
	println(name1("a"), name2("a"))
}

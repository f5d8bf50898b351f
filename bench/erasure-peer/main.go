// The peer for bench/Autonet.Storage.Bench: klauspost/reedsolomon on one goroutine (GOMAXPROCS 1), the same shape
// and the same timing rule as the C# side (one warm-up, then the fastest call by process CPU time over at least 3
// calls and minSeconds), printed as one JSON line so the C# bench reads numbers, not text. Not a benchmark of its
// own: the C# bench builds and starts it, once as Go runs by default and once with -hugepages=false (4 KiB pages,
// like .NET's GC heap). Offline build from Debian's golang-go and
// golang-github-klauspost-reedsolomon-dev: GO111MODULE=off GOPATH=/usr/share/gocode go build -o bin/erasure-peer .
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"syscall"

	"github.com/klauspost/reedsolomon"
)

type result struct {
	Peer       string  `json:"peer"`
	Data       int     `json:"data"`
	Parity     int     `json:"parity"`
	ShardBytes int     `json:"shardBytes"`
	EncodeGBs  float64 `json:"encodeGBs"`
	RebuildGBs float64 `json:"rebuildGBs"`
}

func main() {
	k := flag.Int("k", 10, "data shards")
	m := flag.Int("m", 4, "parity shards")
	size := flag.Int("size", 1<<20, "bytes per shard")
	minSeconds := flag.Float64("seconds", 0.6, "least time per measurement")
	hugePages := flag.Bool("hugepages", true, "let the Go heap use transparent huge pages (its default; .NET's heap does not)")
	flag.Parse()
	if !*hugePages {
		// PR_SET_THP_DISABLE (41): this process's memory gets 4 KiB pages only, as a .NET process's GC heap does.
		if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, 41, 1, 0); errno != 0 {
			fail(errno)
		}
	}
	runtime.GOMAXPROCS(1)

	// Cauchy like Autonet's matrix; one goroutine so both sides run single-threaded.
	codec, err := reedsolomon.New(*k, *m, reedsolomon.WithMaxGoroutines(1), reedsolomon.WithCauchyMatrix())
	if err != nil {
		fail(err)
	}

	random := rand.New(rand.NewSource(1))
	shards := make([][]byte, *k+*m)
	for i := range shards {
		shards[i] = make([]byte, *size)
		if i < *k {
			random.Read(shards[i])
		}
	}

	encode := measure(*minSeconds, func() {
		if err := codec.Encode(shards); err != nil {
			fail(err)
		}
	})

	// Worst case, as the C# bench: lose m data shards. Length 0 with the capacity kept marks a shard missing and
	// lets the library rebuild into the same buffer, as the C# side's caller-buffer Reconstruct does.
	damaged := make([][]byte, len(shards))
	rebuild := measure(*minSeconds, func() {
		copy(damaged, shards)
		for i := 0; i < *m && i < *k; i++ {
			damaged[i] = shards[i][:0]
		}

		if err := codec.Reconstruct(damaged); err != nil {
			fail(err)
		}
	})

	dataBytes := float64(*k) * float64(*size)
	line, _ := json.Marshal(result{"klauspost/reedsolomon", *k, *m, *size, dataBytes / encode / 1e9, dataBytes / rebuild / 1e9})
	fmt.Println(string(line))
}

// measure returns the fastest call's CPU seconds: one warm-up, then at least 3 calls and minSeconds of CPU in all.
// CPU time, not wall time: the machine is shared, and time spent waiting for a core is nobody's throughput.
func measure(minSeconds float64, action func()) float64 {
	action()
	start := cpuSeconds()
	best := 1e9
	for calls := 0; calls < 3 || cpuSeconds()-start < minSeconds; calls++ {
		t := cpuSeconds()
		action()
		if s := cpuSeconds() - t; s < best {
			best = s
		}
	}

	return best
}

// cpuSeconds is this process's user + system CPU time (getrusage, microsecond resolution), as .NET's
// Environment.CpuUsage reports it on the C# side.
func cpuSeconds() float64 {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		fail(err)
	}

	return float64(usage.Utime.Nano()+usage.Stime.Nano()) / 1e9
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "erasure-peer:", err)
	os.Exit(1)
}

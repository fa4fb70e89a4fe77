package server

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// serveLoopback serves h on a loopback port until the benchmark ends.
func serveLoopback(b *testing.B, h http.Handler) string {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	b.Cleanup(func() { hs.Close() })
	return "http://" + ln.Addr().String()
}

// rssBytes is the process's resident set size now (Linux).
func rssBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// BenchmarkGeoparseFourMaximal sends four POST /api/geoparse requests at
// once, each a maximal text (GeoparseLimit bytes of "Stepanakert ": a
// mention every 12 bytes), to the server on the seeded database, and
// reports the peak resident memory of the process while they run (sampled
// every 5 ms, after returning freed memory to the OS) and how many were
// answered or told to come back. slots=2 is the default; slots=4 lets all
// four run at once.
func BenchmarkGeoparseFourMaximal(b *testing.B) {
	env := newSeededEnv(b)
	base := serveLoopback(b, env.h)
	text := strings.Repeat("Stepanakert ", GeoparseLimit/12)
	for _, slots := range []int{DefaultGeoparseSlots, 4} {
		b.Run("slots="+strconv.Itoa(slots), func(b *testing.B) {
			env.srv.geoparseSlots = newLimiter(slots)
			var peak, ok, busy atomic.Int64
			var idle int64
			for b.Loop() {
				b.StopTimer()
				debug.FreeOSMemory()
				idle = max(idle, rssBytes())
				b.StartTimer()
				done := make(chan struct{})
				go func() {
					for {
						if r := rssBytes(); r > peak.Load() {
							peak.Store(r)
						}
						select {
						case <-done:
							return
						case <-time.After(5 * time.Millisecond):
						}
					}
				}()
				var wg sync.WaitGroup
				for range 4 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						resp, err := http.Post(base+"/api/geoparse", echo.MIMETextPlain, bytes.NewReader([]byte(text)))
						if err != nil {
							b.Error(err)
							return
						}
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						switch resp.StatusCode {
						case http.StatusOK:
							ok.Add(1)
						case http.StatusTooManyRequests:
							busy.Add(1)
						default:
							b.Errorf("status %d", resp.StatusCode)
						}
					}()
				}
				wg.Wait()
				close(done)
			}
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-RSS-MB")
			b.ReportMetric(float64(idle)/(1<<20), "idle-RSS-MB")
			b.ReportMetric(float64(ok.Load())/float64(b.N), "answered/op")
			b.ReportMetric(float64(busy.Load())/float64(b.N), "429/op")
		})
	}
}

// BenchmarkHealthzLoad is what a load balancer's polling costs: 50 clients
// with keep-alive connections asking /healthz on the seeded database.
func BenchmarkHealthzLoad(b *testing.B) {
	env := newSeededEnv(b)
	runLoad(b, serveLoopback(b, env.h), 50, []string{"/healthz"})
}

// runLoad sends b.N GETs from clients keep-alive clients, each taking the
// next of targets in turn, and reports the throughput; any failure fails
// the benchmark.
func runLoad(b *testing.B, base string, clients int, targets []string) {
	b.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}
	b.ResetTimer()
	start := time.Now()
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	total := int64(b.N)
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= total {
					return
				}
				resp, err := client.Get(base + targets[i%int64(len(targets))])
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d requests failed", n, total)
	}
	b.ReportMetric(float64(total)/elapsed.Seconds(), "req/s")
}

package fetch

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"sync"
	"testing"
)

func TestAddrKind(t *testing.T) {
	tests := []struct {
		ip   string
		want string // "" = public
	}{
		{"127.0.0.1", "loopback"},
		{"127.255.255.254", "loopback"},
		{"::1", "loopback"},
		{"10.0.0.1", "private"},
		{"10.255.255.255", "private"},
		{"172.16.5.4", "private"},
		{"172.31.255.255", "private"},
		{"192.168.1.1", "private"},
		{"fc00::1", "private"},
		{"fd12:3456:789a::1", "private"},
		{"fec0::1", "private"},
		{"169.254.169.254", "link-local"},
		{"169.254.0.1", "link-local"},
		{"fe80::1", "link-local"},
		{"fe80::1%eth0", "link-local"},
		{"febf::1", "link-local"},
		{"100.64.0.1", "shared (CGNAT)"},
		{"100.127.255.255", "shared (CGNAT)"},
		{"0.0.0.0", "unspecified"},
		{"0.1.2.3", "unspecified"},
		{"::", "unspecified"},
		{"224.0.0.1", "multicast"},
		{"239.255.255.250", "multicast"},
		{"ff02::1", "multicast"},
		{"255.255.255.255", "reserved"},
		{"240.0.0.1", "reserved"},
		{"192.0.2.1", "documentation"},
		{"2001:db8::1", "documentation"},
		{"198.18.0.1", "benchmarking"},
		// IPv4-mapped, -compatible, NAT64 and 6to4 forms of blocked addresses.
		{"::ffff:127.0.0.1", "loopback"},
		{"::ffff:10.0.0.1", "private"},
		{"::ffff:169.254.169.254", "link-local"},
		{"::ffff:100.64.0.1", "shared (CGNAT)"},
		{"::ffff:0.0.0.0", "unspecified"},
		{"::127.0.0.1", "loopback"},
		{"64:ff9b::a00:1", "private"},
		{"64:ff9b::7f00:1", "loopback"},
		{"2002:a00:1::1", "private"},
		{"2002:7f00:1::", "loopback"},
		// Public addresses, including neighbours of the blocked ranges.
		{"8.8.8.8", ""},
		{"1.1.1.1", ""},
		{"9.255.255.255", ""},
		{"11.0.0.0", ""},
		{"172.15.255.255", ""},
		{"172.32.0.0", ""},
		{"192.167.255.255", ""},
		{"192.169.0.0", ""},
		{"100.63.255.255", ""},
		{"100.128.0.0", ""},
		{"169.253.255.255", ""},
		{"126.255.255.255", ""},
		{"128.0.0.0", ""},
		{"223.255.255.255", ""},
		{"::ffff:8.8.8.8", ""},
		{"64:ff9b::808:808", ""},
		{"2002:808:808::1", ""},
		{"2606:4700:4700::1111", ""},
		{"2a00:1450:4001::200e", ""},
		{"fbff::1", ""},
		{"fe7f::1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			if got := addrKind(netip.MustParseAddr(tt.ip)); got != tt.want {
				t.Errorf("addrKind(%s) = %q, want %q", tt.ip, got, tt.want)
			}
		})
	}
	if got := addrKind(netip.Addr{}); got == "" {
		t.Error("the zero Addr was taken as public")
	}
}

// fakeResolver answers from a table and counts lookups; a name can have a
// sequence of answers, one per lookup, the last repeated.
type fakeResolver struct {
	mu    sync.Mutex
	hosts map[string][][]string
	calls map[string]int
}

func newFakeResolver(hosts map[string][]string) *fakeResolver {
	r := &fakeResolver{hosts: map[string][][]string{}, calls: map[string]int{}}
	for h, ips := range hosts {
		r.hosts[h] = [][]string{ips}
	}
	return r
}

func (r *fakeResolver) LookupIPAddr(_ context.Context, host string) ([]net.IPAddr, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	seq, ok := r.hosts[strings.ToLower(host)]
	n := r.calls[host]
	r.calls[host]++
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	ips := seq[min(n, len(seq)-1)]
	out := make([]net.IPAddr, 0, len(ips))
	for _, s := range ips {
		ip, zone, _ := strings.Cut(s, "%")
		out = append(out, net.IPAddr{IP: net.ParseIP(ip), Zone: zone})
	}
	return out, nil
}

func (r *fakeResolver) lookups(host string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls[host]
}

func TestGuardResolve(t *testing.T) {
	res := newFakeResolver(map[string][]string{
		"public.test": {"8.8.8.8", "2606:4700:4700::1111"},
		"mixed.test":  {"8.8.8.8", "10.0.0.1"},
		"mapped.test": {"::ffff:192.168.0.1"},
		"zoned.test":  {"fe80::1%eth0"},
	})
	tests := []struct {
		name, host string
		allow      bool
		want       string // "" = allowed, else the refusal message
	}{
		{"public name", "public.test", false, ""},
		{"one private address among public ones", "mixed.test", false, "private address 10.0.0.1"},
		{"IPv4-mapped private", "mapped.test", false, "private address 192.168.0.1"},
		{"zoned link-local", "zoned.test", false, "link-local address fe80::1"},
		{"IPv6 literal in brackets", "[::1]", false, "loopback address ::1"},
		{"IPv4 literal", "127.0.0.1", false, "loopback address 127.0.0.1"},
		{"AllowPrivate lets private through", "mixed.test", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &guard{allowPrivate: tt.allow, resolver: res}
			aps, err := g.resolve(t.Context(), tt.host, 80)
			if tt.want == "" {
				if err != nil || len(aps) == 0 {
					t.Fatalf("resolve(%s) = %v, %v; want addresses", tt.host, aps, err)
				}
				return
			}
			var ar *addrRefusal
			if !errors.As(err, &ar) || ar.Error() != tt.want {
				t.Fatalf("resolve(%s) error = %v, want %q", tt.host, err, tt.want)
			}
		})
	}
}

// TestGuardControl checks the dialer's last check, which sees the address
// the socket is about to connect to; it connects to nothing.
func TestGuardControl(t *testing.T) {
	exempt := netip.MustParseAddrPort("127.0.0.1:8080")
	g := &guard{exempt: func(ap netip.AddrPort) bool { return ap == exempt }}
	tests := []struct {
		addr string
		ok   bool
	}{
		{"10.0.0.1:80", false},
		{"169.254.169.254:80", false},
		{"[::ffff:127.0.0.1]:443", false},
		{"[fe80::1%eth0]:80", false},
		{"127.0.0.1:8081", false},
		{"127.0.0.1:8080", true}, // the test hook's one exemption
		{"8.8.8.8:443", true},
		{"not an address", false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			err := g.control("tcp", tt.addr, nil)
			if (err == nil) != tt.ok {
				t.Errorf("control(%s) = %v, want ok=%v", tt.addr, err, tt.ok)
			}
		})
	}
}

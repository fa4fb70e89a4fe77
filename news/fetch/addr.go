package fetch

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
)

// blockedRanges are the address ranges that are not the public internet,
// each with the word used for it in an error.
var blockedRanges = []struct {
	prefix netip.Prefix
	kind   string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "unspecified"},
	{netip.MustParsePrefix("10.0.0.0/8"), "private"},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared (CGNAT)"},
	{netip.MustParsePrefix("127.0.0.0/8"), "loopback"},
	{netip.MustParsePrefix("169.254.0.0/16"), "link-local"},
	{netip.MustParsePrefix("172.16.0.0/12"), "private"},
	{netip.MustParsePrefix("192.0.0.0/24"), "reserved"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation"},
	{netip.MustParsePrefix("192.88.99.0/24"), "reserved"},
	{netip.MustParsePrefix("192.168.0.0/16"), "private"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation"},
	{netip.MustParsePrefix("224.0.0.0/4"), "multicast"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"}, // includes 255.255.255.255
	{netip.MustParsePrefix("::/128"), "unspecified"},
	{netip.MustParsePrefix("::1/128"), "loopback"},
	{netip.MustParsePrefix("100::/64"), "reserved"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation"},
	{netip.MustParsePrefix("fc00::/7"), "private"},
	{netip.MustParsePrefix("fe80::/10"), "link-local"},
	{netip.MustParsePrefix("fec0::/10"), "private"}, // deprecated site-local
	{netip.MustParsePrefix("ff00::/8"), "multicast"},
}

// embeddedIPv4 are IPv6 ranges whose low 32 bits are an IPv4 address that
// the packet ends up at (or that some stacks treat as such): the address is
// as public as that IPv4 address.
var embeddedIPv4 = []netip.Prefix{
	netip.MustParsePrefix("::/96"),          // IPv4-compatible (deprecated)
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
}

// addrKind says why ip is not a public address, or "" when it is.
func addrKind(ip netip.Addr) string {
	if !ip.IsValid() {
		return "invalid"
	}
	ip = ip.WithZone("").Unmap()
	if ip.Is6() {
		for _, p := range embeddedIPv4 {
			if p.Contains(ip) && ip != netip.IPv6Unspecified() && ip != netip.IPv6Loopback() {
				b := ip.As16()
				return addrKind(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
			}
		}
		if p := netip.MustParsePrefix("2002::/16"); p.Contains(ip) { // 6to4 carries its IPv4 in bits 16..48
			b := ip.As16()
			if k := addrKind(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]})); k != "" {
				return k
			}
		}
	}
	for _, r := range blockedRanges {
		if r.prefix.Contains(ip) {
			return r.kind
		}
	}
	return ""
}

// addrRefusal is the dialer's error for an address it will not connect to.
type addrRefusal struct {
	ip   netip.Addr
	kind string
}

func (r *addrRefusal) Error() string {
	return fmt.Sprintf("%s address %s", r.kind, r.ip)
}

// resolver is what Options.Resolver must provide.
type resolver interface {
	LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error)
}

// guard decides which addresses the client may connect to.
type guard struct {
	allowPrivate bool
	resolver     resolver
	// exempt lets a test reach one loopback server while everything else is
	// refused; it is nil outside tests.
	exempt func(netip.AddrPort) bool
}

// check returns an *addrRefusal if the client must not connect to ap.
func (g *guard) check(ap netip.AddrPort) error {
	if g.allowPrivate || (g.exempt != nil && g.exempt(ap)) {
		return nil
	}
	if k := addrKind(ap.Addr()); k != "" {
		return &addrRefusal{ip: ap.Addr().WithZone("").Unmap(), kind: k}
	}
	return nil
}

// resolve returns the addresses of host (a name or an IP literal) with port,
// refusing the lot if any of them is refused: a name with one private address
// among public ones is as dangerous as a private name.
func (g *guard) resolve(ctx context.Context, host string, port uint16) ([]netip.AddrPort, error) {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if ip, err := netip.ParseAddr(host); err == nil {
		ap := netip.AddrPortFrom(ip, port)
		if err := g.check(ap); err != nil {
			return nil, err
		}
		return []netip.AddrPort{ap}, nil
	}
	addrs, err := g.resolver.LookupIPAddr(ctx, host)
	if err != nil {
		return nil, err
	}
	if len(addrs) == 0 {
		return nil, &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
	}
	out := make([]netip.AddrPort, 0, len(addrs))
	for _, a := range addrs {
		ip, ok := netip.AddrFromSlice(a.IP)
		if !ok {
			return nil, &addrRefusal{kind: "invalid"}
		}
		ap := netip.AddrPortFrom(ip.Unmap().WithZone(a.Zone), port)
		if err := g.check(ap); err != nil {
			return nil, err
		}
		out = append(out, ap)
	}
	return out, nil
}

// dialContext resolves and checks the address, then connects only to the
// addresses it checked, so a second DNS answer cannot slip in a private one.
func (g *guard) dialContext(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, portStr, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		port, err := net.LookupPort(network, portStr)
		if err != nil {
			return nil, err
		}
		aps, err := g.resolve(ctx, host, uint16(port))
		if err != nil {
			return nil, err
		}
		var firstErr error
		for _, ap := range aps {
			conn, err := d.DialContext(ctx, network, ap.String())
			if err == nil {
				return conn, nil
			}
			if firstErr == nil {
				firstErr = err
			}
			if ctx.Err() != nil {
				break
			}
		}
		return nil, firstErr
	}
}

// control is the dialer's last word: it sees the address the socket is about
// to connect to, whatever path led there.
func (g *guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("fetch: dial %s: %w", address, err)
	}
	return g.check(ap)
}

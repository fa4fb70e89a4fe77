// Package fetch downloads web pages for Dateline safely and extracts the
// article they carry.
//
// A [Client] is meant to be pointed at URLs that come from outside (feeds,
// users, other pages), so it assumes every URL may be hostile:
//
//   - Only http and https URLs are fetched, with at most [Options.MaxRedirects]
//     redirects; a redirect loop is an error, and every redirect target is
//     checked again exactly like the first URL.
//   - Addresses that are not on the public internet are refused: loopback,
//     private (RFC 1918, fc00::/7), link-local (including the cloud metadata
//     address 169.254.169.254), shared CGNAT space, unspecified, multicast,
//     reserved and documentation ranges, and the IPv4-mapped forms of all of
//     these. The check runs after DNS resolution, once before the request and
//     again when the connection is made: the dialer connects only to an
//     address it has just checked, so a name that re-resolves to a private
//     address between the two (DNS rebinding) is still refused. Environment
//     proxies are ignored, since a proxy would connect on our behalf.
//     [Options.AllowPrivate] lifts this rule for development and tests.
//   - The whole exchange, body included, is bounded by [Options.Timeout] and
//     the body by [Options.MaxBytes]; a larger body is an error, never a
//     silently truncated page.
//   - Only textual content types (HTML, plain text, RSS/Atom/RDF/XML and JSON
//     feeds) are accepted, and a body that sniffs as binary is refused
//     whatever its declared type.
//   - robots.txt is fetched once per host and obeyed for the tokens
//     "Dateline" and "*", and requests to one host are made one at a time,
//     at least [Options.HostDelay] apart.
//
// Bodies are decoded to UTF-8 using the header charset, then a byte order
// mark or <meta charset>, so pages in windows-1251 or KOI8-R arrive as
// ordinary Go strings. Errors are [*Error] values that match the package's
// sentinel errors with [errors.Is].
//
// [ExtractPage] turns an article page into its title, text and metadata, and
// [CanonicalURL] normalises a URL for duplicate detection.
package fetch

package gpkg

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// FuzzDecodeGeometry feeds arbitrary bytes to the blob reader and the envelope
// reader behind the ST_* functions: they must return errors, never panic, and
// whatever they accept must encode again. The committed corpus is in
// testdata/fuzz/FuzzDecodeGeometry.
func FuzzDecodeGeometry(f *testing.F) {
	for _, g := range []orb.Geometry{
		orb.Point{46.7519, 39.8153},
		orb.Point{math.NaN(), math.NaN()},
		orb.LineString{{46.5, 39.5}, {46.9, 39.8}},
		orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}},
		orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}},
		orb.Collection{orb.Point{1, 2}, orb.MultiPoint{{3, 4}}},
		orb.MultiLineString{},
	} {
		b, err := EncodeGeometry(g, SRSWGS84)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("GP"))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, srs, err := DecodeGeometry(b)
		_, _, envErr := envelope(b)
		if err != nil {
			if !errors.Is(err, ErrInvalidBlob) {
				t.Fatalf("DecodeGeometry error %v does not wrap ErrInvalidBlob", err)
			}
			return
		}
		if g == nil {
			return
		}
		if envErr != nil {
			t.Fatalf("DecodeGeometry accepted the blob but envelope failed: %v", envErr)
		}
		again, err := EncodeGeometry(g, srs)
		if err != nil {
			t.Fatalf("EncodeGeometry(%v) after decode: %v", g, err)
		}
		if _, srs2, err := DecodeGeometry(again); err != nil || srs2 != srs {
			t.Fatalf("re-decode = srs %d, %v; want srs %d", srs2, err, srs)
		}
	})
}

// TestEnvelopeReadsHeaderFirst checks that ST_MinX and friends trust the
// header envelope when there is one and fall back to the WKB otherwise.
func TestEnvelopeReadsHeaderFirst(t *testing.T) {
	line := orb.LineString{{1, 2}, {3, 4}}
	withEnv, err := EncodeGeometry(line, SRSWGS84)
	if err != nil {
		t.Fatal(err)
	}
	// Doctor the header's minx: the envelope reader must report it.
	doctored := append([]byte(nil), withEnv...)
	binary.LittleEndian.PutUint64(doctored[8:], math.Float64bits(-5))
	// Drop the envelope: the reader must compute it from the WKB.
	bare := append([]byte{'G', 'P', 0, flagLittleEndian, 0xE6, 0x10, 0, 0}, withEnv[headerSize+32:]...)
	tests := []struct {
		name string
		b    []byte
		want orb.Bound
	}{
		{"header envelope", withEnv, line.Bound()},
		{"doctored header envelope", doctored, orb.Bound{Min: orb.Point{-5, 2}, Max: orb.Point{3, 4}}},
		{"no envelope", bare, line.Bound()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, empty, err := envelope(tt.b)
			if err != nil || empty || got != tt.want {
				t.Fatalf("envelope = %v, %v, %v; want %v", got, empty, err, tt.want)
			}
		})
	}
}

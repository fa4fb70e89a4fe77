package gazetteer

import "hash/maphash"

// idTable finds the slot of a place id for the Geoparser: open addressing
// over slot numbers, the ids themselves read from the slots' places, so the
// table holds no strings of its own (4 bytes a cell, about half the cells
// used, where a map from id to slot holds a string header, the value and
// the map's own overhead per entry, and gives the garbage collector a
// pointer to follow in each).
type idTable struct {
	seed  maphash.Seed
	cells []int32 // slot + 1; 0 is an empty cell
	mask  uint64
}

// newIDTable returns a table for up to n ids.
func newIDTable(n int) idTable {
	size := 16
	for size < n+n/2 {
		size <<= 1
	}
	return idTable{seed: maphash.MakeSeed(), cells: make([]int32, size), mask: uint64(size - 1)}
}

// find returns the slot of id, or the cell to insert it in and false.
// places[s] is the place of slot s: the id each cell stands for.
func (t *idTable) find(id string, places []*Place) (slot int32, cell int, ok bool) {
	for i := maphash.String(t.seed, id) & t.mask; ; i = (i + 1) & t.mask {
		c := t.cells[i]
		if c == 0 {
			return 0, int(i), false
		}
		if places[c-1].ID == id {
			return c - 1, int(i), true
		}
	}
}
